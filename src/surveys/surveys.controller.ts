import { Controller, Delete, Get, HttpCode, Post, Put, StreamableFile } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { CreateSurveyDto, ResultsExportQuery, SurveyTransitionDto, UpdateSurveyDto } from './dto/survey.dto.js';
import { SurveyResults } from './dto/survey-results.response.js';
import { SurveyDetail, SurveyListItem } from './dto/survey.response.js';
import { RESULTS_CONTENT_TYPES } from './survey-results-file.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveysService } from './surveys.service.js';
import { SurveyErrorCode } from './surveys.errors.js';
import { LongWork } from '../common/long-work.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/**
 * Staff manage surveys and resolution-study quizzes sent to a committee in their subtree, move them
 * through draft → open → closed, and read the results. A survey's target committee decides both who
 * may manage it (staff whose subtree holds it) and who is invited (every member below it).
 */
@ApiTags('surveys')
@Controller('surveys')
@Roles('admin', 'committee_admin', 'editor')
@ApiErrors(401)
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly results: SurveyResultsService,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listSurveys',
    summary: "Surveys and quizzes targeting the caller's subtree (admin-list contract)",
    description:
      'Filters: `q` (title, without diacritics), `kind`, `status` (draft, scheduled, open, closed: as reported, closes by time included), ' +
      '`committeeId` (targets within that subtree), `anonymous`, `id`. Sort: `createdAt` (default, newest first), `title`, `kind`, `status`, ' +
      '`opensAt`, `closesAt`, `publishedAt`, `updatedAt`.',
  })
  @AdminList('surveys', SurveyListItem)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<SurveyListItem>> {
    return this.surveys.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getSurvey', summary: 'One survey with its questions and options (and their ids)' })
  @idParam()
  @ApiOkResponse({ type: SurveyDetail })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<SurveyDetail> {
    return this.surveys.get(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'createSurvey',
    summary: 'Write a survey or quiz (a draft) for a committee in scope; answers it with the ids of its questions and options',
    description:
      'Checks across fields answer 400 with every problem keyed by path (`questions.2.options.0.text`): choice questions need 2+ options; ' +
      'only multiple choice has min/maxSelections; a section takes no answer; only a quiz has correct options, points (choice questions, default 1) ' +
      "and a passMark (required, at most the total points); a quiz's single-choice question has exactly one correct option, a multiple-choice one " +
      'a correct set it allows; closesAt after opensAt and in the future.',
  })
  @ApiBody({ type: CreateSurveyDto })
  @ApiCreatedResponse({ type: SurveyDetail })
  @ApiErrors(400)
  create(@CurrentUser() user: Principal, @Body() body: CreateSurveyDto): Promise<SurveyDetail> {
    return this.surveys.create(user, body);
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'updateSurvey',
    summary: 'Replace the definition: questions and options with an id are kept and updated, without one created, left out removed',
    description:
      'Once the survey has answers, only wording (title, description, question and option texts), opensAt/closesAt and resultsVisibility ' +
      'may change: adding, removing, reordering or retyping questions or options, and changing required, min/max selections, points, correct ' +
      'options, passMark, kind, anonymous or the target is 409 SURVEY_HAS_RESPONSES. A closed survey (by hand or by time) is final: only its ' +
      'wording may be corrected (409 SURVEY_CLOSED otherwise).',
  })
  @idParam()
  @ApiBody({ type: UpdateSurveyDto })
  @ApiOkResponse({ type: SurveyDetail })
  @ApiErrors(400, 404, {
    409: [SurveyErrorCode.Closed, SurveyErrorCode.HasResponses, SurveyErrorCode.NotAnswerable, SurveyErrorCode.PrivacyLocked],
  })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateSurveyDto): Promise<SurveyDetail> {
    return this.surveys.update(user, id, body);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'deleteSurvey',
    summary: 'Delete a survey without answers; answers the deleted record',
    description: 'A survey that has answers is a record of the campaign and is kept: 409 SURVEY_HAS_RESPONSES.',
  })
  @idParam()
  @ApiOkResponse({ type: SurveyDetail })
  @ApiErrors(404, { 409: [SurveyErrorCode.HasResponses] })
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<SurveyDetail> {
    return this.surveys.remove(user, id);
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'openSurvey',
    summary: 'Open a draft: members of the target subtree can answer from opensAt (or now) until closesAt (or until closed by hand)',
    description:
      '409 SURVEY_NOT_DRAFT when it is not a draft, SURVEY_CLOSED when it has closed, SURVEY_NOT_ANSWERABLE without a question to answer ' +
      '(a quiz: without a choice question worth points), SURVEY_WINDOW_PASSED when closesAt has passed.',
  })
  @idParam()
  @ApiBody({ type: SurveyTransitionDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: SurveyDetail })
  @ApiErrors(400, 404, {
    409: [SurveyErrorCode.Closed, SurveyErrorCode.NotAnswerable, SurveyErrorCode.NotDraft, SurveyErrorCode.WindowPassed],
  })
  open(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: SurveyTransitionDto): Promise<SurveyDetail> {
    return this.surveys.open(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'closeSurvey',
    summary: 'Close an open (or scheduled) survey now; closing is final (extend closesAt beforehand instead of reopening)',
    description: '409 SURVEY_NOT_OPEN for a draft, SURVEY_CLOSED when it has already closed (by hand or by time).',
  })
  @idParam()
  @ApiBody({ type: SurveyTransitionDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: SurveyDetail })
  @ApiErrors(400, 404, { 409: [SurveyErrorCode.Closed, SurveyErrorCode.NotOpen] })
  close(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: SurveyTransitionDto): Promise<SurveyDetail> {
    return this.surveys.close(user, id);
  }

  @Get(':id/results')
  @ApiOperation({
    operationId: 'getSurveyResults',
    summary:
      'The results: respondents, per question counts and percentages, ratings, text answers, participation per sub-committee, quiz scores (audited)',
    description:
      'Shown once the survey is closed, or while it runs when resultsVisibility is `live`; before that 403 RESULTS_NOT_YET_VISIBLE, to admins as well. ' +
      'Option percentages are of the respondents who answered the question (multiple choice may add up past 100). "Invited" is the current ' +
      'members of the target subtree when asked. Text answers of an anonymous survey carry no identity.',
  })
  @idParam()
  @ApiOkResponse({ type: SurveyResults })
  @ApiErrors(404, { 403: [SurveyErrorCode.ResultsNotYetVisible] })
  getResults(@CurrentUser() user: Principal, @Param('id') id: string): Promise<SurveyResults> {
    return this.results.results(user, id);
  }

  @LongWork()
  @Get(':id/results/export')
  @ApiOperation({
    operationId: 'exportSurveyResults',
    summary: 'The results as an xlsx workbook (sheets: summary, per question, text answers) or a CSV of the same parts (audited)',
    description:
      'The same visibility rule as getSurveyResults. Every text answer is included (the JSON results show the first 200 per question). ' +
      '`Content-Disposition: attachment; filename="ket-qua-khao-sat-YYYYMMDD.xlsx"` (`ket-qua-kiem-tra-…` for a quiz).',
  })
  @idParam()
  @ApiOkResponse({
    description: 'The file',
    content: {
      'text/csv': {
        schema: { type: 'string', description: 'UTF-8 with a BOM; the parts one after another, each under a "# <name>" line' },
      },
      [RESULTS_CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: {
      'Content-Disposition': { description: '`attachment; filename="ket-qua-khao-sat-YYYYMMDD.<format>"`', schema: { type: 'string' } },
    },
  })
  @ApiErrors(400, 404, { 403: [SurveyErrorCode.ResultsNotYetVisible] })
  async exportResults(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Query() query: ResultsExportQuery,
  ): Promise<StreamableFile> {
    const file = await this.results.export(user, id, query.format ?? 'xlsx', query.delimiter);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
      length: file.body.length,
    });
  }
}
