import { Controller, Get, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import { ETagged } from '../common/etag.js';
import type { Principal } from '../common/principal.js';
import { SubmitSurveyResponseDto } from './dto/submission.dto.js';
import { MySurveysQuery } from './dto/survey.dto.js';
import { MySurveyDetail, MySurveyPage, SurveySubmissionResult } from './dto/survey.response.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyErrorCode } from './surveys.errors.js';

const ifNoneMatch = () =>
  ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag of the copy the app holds; 304 without a body when it is still current',
  });
const etagHeaders = {
  ETag: { description: 'Weak validator of this response body', schema: { type: 'string', example: 'W/"2jmj7l5rSw0yVb_vlWAYkK_YBwk"' } },
  'Cache-Control': { description: '`private, no-cache`: revalidate with If-None-Match', schema: { type: 'string' } },
};
const notModified = () =>
  ApiResponse({ status: 304, description: 'Not modified: the copy the app holds (If-None-Match) is current', headers: etagHeaders });

const SUBMIT_DESCRIPTION =
  'All or nothing. Every answer is checked against its question first; problems answer 400 with `errors` keyed ' +
  '`answers.<index>.<field>` (a question not of this survey, an option not of that question, a selection count outside ' +
  'min/maxSelections, a rating outside 1-5, a text too long) and `questions.<questionId>` for a required question left ' +
  'unanswered; nothing is stored. One answer per member: a second one (also a simultaneous one) is 409 ALREADY_RESPONDED. ' +
  'A survey that has closed (by hand or by time) is 409 SURVEY_NOT_ACCEPTING_RESPONSES; a draft, one not open yet, or one sent ' +
  'to another subtree is 404. For a quiz the answer is the score, the pass mark and pass/fail, and per choice question whether it ' +
  'was right. For an anonymous survey the stored answers carry no member identity.';

/**
 * The members' surveys (the mobile app): the open surveys and quizzes sent to their committee chain
 * (a survey invites its committee's whole subtree), and answering them. The detail handler is where
 * views would be counted.
 *
 * The answer route exists twice: `POST /api/me/surveys/{id}/responses` (the mobile app's, beside
 * its other /api/me routes) and `POST /api/surveys/{id}/responses` (the issue's address). The second
 * is the one member route outside /api/me; the authorization sweep lists its operationId as such.
 */
@ApiTags('me')
@Controller()
@ApiErrors(401)
export class MeSurveysController {
  constructor(private readonly responses: SurveyResponsesService) {}

  @Get('me/surveys')
  @ApiOperation({
    operationId: 'listMySurveys',
    summary: 'The open surveys and quizzes sent to the caller, newest first, with whether they answered; paged by cursor',
    description:
      'Open means opened and within [opensAt, closesAt). Ordered by publishedAt then id, both descending; pass `nextCursor` as `cursor` ' +
      'for the next page (null on the last). Items are compact (no questions). 400 INVALID_CURSOR for a cursor this API did not give.',
  })
  @ETagged()
  @ifNoneMatch()
  @ApiOkResponse({ type: MySurveyPage, headers: etagHeaders })
  @notModified()
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: MySurveysQuery): Promise<MySurveyPage> {
    return this.responses.list(user, query);
  }

  @Get('me/surveys/:id')
  @ApiOperation({
    operationId: 'getMySurvey',
    summary: "One survey to answer (or one that has closed): its questions and options, without a quiz's correct options or points",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ETagged()
  @ifNoneMatch()
  @ApiOkResponse({ type: MySurveyDetail, headers: etagHeaders })
  @notModified()
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MySurveyDetail> {
    return this.responses.read(user, id);
  }

  @Post('me/surveys/:id/responses')
  @Roles('member')
  @ApiOperation({
    operationId: 'submitMySurveyResponse',
    summary: "Answer a survey or quiz (the mobile app's address)",
    description: SUBMIT_DESCRIPTION,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: SubmitSurveyResponseDto })
  @ApiCreatedResponse({ type: SurveySubmissionResult })
  @ApiErrors(400, 404, { 409: [SurveyErrorCode.AlreadyResponded, SurveyErrorCode.AnonymityChanged] })
  submitMine(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: SubmitSurveyResponseDto,
  ): Promise<SurveySubmissionResult> {
    return this.responses.submit(user, id, body);
  }

  /** A member route outside /api/me (see the class comment). */
  @Post('surveys/:id/responses')
  @Roles('member')
  @ApiOperation({
    operationId: 'submitSurveyResponse',
    summary: 'Answer a survey or quiz (members only; the same as submitMySurveyResponse)',
    description: SUBMIT_DESCRIPTION,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: SubmitSurveyResponseDto })
  @ApiCreatedResponse({ type: SurveySubmissionResult })
  @ApiErrors(400, 404, { 409: [SurveyErrorCode.AlreadyResponded, SurveyErrorCode.AnonymityChanged, SurveyErrorCode.NotAcceptingResponses] })
  submit(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: SubmitSurveyResponseDto): Promise<SurveySubmissionResult> {
    return this.responses.submit(user, id, body);
  }
}
