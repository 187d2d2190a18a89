import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import {
  AnswerFaqQuery,
  ConvertUnansweredDto,
  CreateFaqDto,
  DismissUnansweredDto,
  LinkUnansweredDto,
  UpdateFaqDto,
} from './dto/faq.dto.js';
import { ConvertUnansweredResponse, FaqAnswerResponse, FaqResponse, UnansweredQuestionResponse } from './dto/faq.response.js';
import { FaqAnswerService } from './faq-answer.service.js';
import { ANSWER_THRESHOLD } from './faq-ranker.js';
import { FaqService } from './faq.service.js';
import { FaqErrorCode } from './faq.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });
const EDITORS = ['admin', 'committee_admin', 'editor'] as const;

/**
 * The FAQ: automatic answers for everyone signed in (members through the mobile app), and the
 * entries and the queue of unanswered questions for editors. The fixed paths (`answer`,
 * `unanswered`) are declared before `:id`.
 */
@ApiTags('faqs')
@Controller('faqs')
@ApiErrors(401)
export class FaqController {
  constructor(
    private readonly faqs: FaqService,
    private readonly answers: FaqAnswerService,
  ) {}

  @Get('answer')
  @ApiOperation({
    operationId: 'answerFaq',
    summary: "Answer a question from the FAQ entries of the caller's committee chain (members and staff)",
    description:
      'Matches with or without diacritics, typing leftovers and typos, paraphrases and partial questions; ' +
      `an entry spelled with the diacritics as typed ranks first. \`answered\` is true when the best match scores at least ${ANSWER_THRESHOLD}; ` +
      "otherwise `matches` may hold suggestions, and the question is queued for editors (its wording, when, and the asker's committee; not who asked).",
  })
  @ApiOkResponse({ type: FaqAnswerResponse })
  @ApiErrors(400)
  answer(@CurrentUser() user: Principal, @Query() query: AnswerFaqQuery): Promise<FaqAnswerResponse> {
    return this.answers.answer(user, query.q);
  }

  @Get('unanswered')
  @Roles(...EDITORS)
  @ApiOperation({
    operationId: 'listUnansweredQuestions',
    summary: "Questions asked in the caller's subtree that got no confident answer (admin-list contract), most asked first",
    description:
      'Filters: `status` (open, converted, dismissed), `q`, `committeeId` (the whole subtree), `id`. Sort: `timesAsked`, `lastAskedAt`, `firstAskedAt`, `text`, `status`.',
  })
  @AdminList('unanswered-questions', UnansweredQuestionResponse)
  @ApiErrors(400)
  listUnanswered(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<UnansweredQuestionResponse>> {
    return this.faqs.listUnanswered(user, query);
  }

  @Post('unanswered/:id/convert')
  @Roles(...EDITORS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'convertUnansweredQuestion',
    summary: 'Turn an open question into a new FAQ entry in one step (the entry is created and the question marked converted together)',
    description:
      "The entry's question defaults to the asked wording, which is kept as a keyword either way. 409 when the question was already converted or dismissed.",
  })
  @idParam()
  @ApiBody({ type: ConvertUnansweredDto })
  @ApiOkResponse({ type: ConvertUnansweredResponse })
  @ApiErrors(400, 404, { 409: [FaqErrorCode.UnansweredAlreadyHandled] })
  convert(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: ConvertUnansweredDto): Promise<ConvertUnansweredResponse> {
    return this.faqs.convert(user, id, body);
  }

  @Post('unanswered/:id/link')
  @Roles(...EDITORS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'linkUnansweredQuestion',
    summary:
      "Answer an open question with an existing entry: the asked wording becomes one of the entry's phrasings (keywords), so the same question is answered next time",
    description:
      "400 (errors.faqId) when the entry is not in the caller's subtree or already holds the maximum of keywords; 409 when the question was already converted or dismissed.",
  })
  @idParam()
  @ApiBody({ type: LinkUnansweredDto })
  @ApiOkResponse({ type: ConvertUnansweredResponse })
  @ApiErrors(400, 404, { 409: [FaqErrorCode.UnansweredAlreadyHandled] })
  link(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: LinkUnansweredDto): Promise<ConvertUnansweredResponse> {
    return this.faqs.link(user, id, body);
  }

  @Post('unanswered/:id/dismiss')
  @Roles(...EDITORS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'dismissUnansweredQuestion',
    summary: 'Dismiss an open question (it keeps counting askers, but leaves the open queue)',
  })
  @idParam()
  @ApiBody({ type: DismissUnansweredDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: UnansweredQuestionResponse })
  @ApiErrors(400, 404, { 409: [FaqErrorCode.UnansweredAlreadyHandled] })
  dismiss(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() _body: DismissUnansweredDto,
  ): Promise<UnansweredQuestionResponse> {
    return this.faqs.dismiss(user, id);
  }

  @Get()
  @Roles(...EDITORS)
  @ApiOperation({
    operationId: 'listFaqs',
    summary: "FAQ entries published by committees of the caller's subtree (admin-list contract)",
    description:
      'Filters: `q` (question, keywords, answer; without diacritics), `category`, `published`, `committeeId` (the whole subtree), `id`. Sort: `question`, `category`, `updatedAt`, `createdAt`, `published`.',
  })
  @AdminList('faqs', FaqResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<FaqResponse>> {
    return this.faqs.list(user, query);
  }

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({
    operationId: 'createFaq',
    summary: "Create an entry for a committee of the caller's subtree (a draft unless published is true)",
  })
  @ApiBody({ type: CreateFaqDto })
  @ApiCreatedResponse({ type: FaqResponse })
  @ApiErrors(400)
  create(@CurrentUser() user: Principal, @Body() body: CreateFaqDto): Promise<FaqResponse> {
    return this.faqs.create(user, body);
  }

  @Get(':id')
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'getFaq', summary: 'One entry' })
  @idParam()
  @ApiOkResponse({ type: FaqResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<FaqResponse> {
    return this.faqs.get(user, id);
  }

  @Put(':id')
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'updateFaq', summary: 'Update an entry (the fields sent)' })
  @idParam()
  @ApiBody({ type: UpdateFaqDto })
  @ApiOkResponse({ type: FaqResponse })
  @ApiErrors(400, 404)
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateFaqDto): Promise<FaqResponse> {
    return this.faqs.update(user, id, body);
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'deleteFaq', summary: 'Delete an entry; answers the deleted entry' })
  @idParam()
  @ApiOkResponse({ type: FaqResponse })
  @ApiErrors(404)
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<FaqResponse> {
    return this.faqs.remove(user, id);
  }
}
