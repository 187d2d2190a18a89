import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import { WithETag } from '../common/etag.js';
import type { Principal } from '../common/principal.js';
import { ApiFileDownload, sendStoredFile } from '../documents/file-response.js';
import { FileStorage } from '../documents/storage/file-storage.js';
import { CreateCommentDto, ExcuseRequestDto, MyMeetingsQuery } from './dto/before-meeting.dto.js';
import { CommentResponse, ExcuseResponse, MyMeetingDetail, MyMeetingPage } from './dto/before-meeting.response.js';
import { MeMeetingsService } from './me-meetings.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const ETAG_HEADER = { ETag: { description: 'Send it back in If-None-Match: 304 while unchanged', schema: { type: 'string' } } };
const idParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'The meeting' });

/**
 * Before the meeting, the member's side (the mobile app): their meetings, the agenda with its
 * documents, asking to be excused, commenting on the agenda. A meeting of another branch, or a
 * draft, answers 404 like a missing one. docs/meetings.md "Before the meeting".
 */
@ApiTags('me')
@Controller('me/meetings')
@Roles('member')
@ApiErrors(401)
export class MeMeetingsController {
  constructor(
    private readonly meetings: MeMeetingsService,
    private readonly storage: FileStorage,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listMyMeetings',
    summary: "The caller's branch meetings: upcoming ones soonest first, then past ones most recent first, by cursor",
    description:
      'Upcoming: scheduled, postponed or in progress; past: held, minutes locked or cancelled. Each segment is paged by keyset ' +
      '(start time, id; a meeting without a start time sorts at its month), so a page never repeats or skips a meeting of the ' +
      'segment. A meeting that changes segment between two pages (it is held) may show in both or neither: reload from the first ' +
      'page to be exact. Drafts are not listed. 400 INVALID_CURSOR for a cursor this API did not give.',
  })
  @WithETag()
  @ApiOkResponse({ type: MyMeetingPage, headers: ETAG_HEADER })
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: MyMeetingsQuery): Promise<MyMeetingPage> {
    return this.meetings.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getMyMeeting',
    summary: 'One meeting: the agenda with its documents, the caller’s attendance and excuse, and whether they may vote now',
  })
  @idParam()
  @WithETag()
  @ApiOkResponse({ type: MyMeetingDetail, headers: ETAG_HEADER })
  @ApiErrors(404)
  detail(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MyMeetingDetail> {
    return this.meetings.detail(user, id);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiFileDownload(
    'Download a document of the meeting’s agenda',
    'downloadMyMeetingAttachment',
    'A library document (counted as a view of it, like a read in the library) or a file uploaded for the meeting. ' +
      'HTTP Range (one range) and ETag/304 as for library files. 404 for another branch’s meeting, an attachment of another ' +
      'meeting, or a library document that is no longer published or has no file.',
  )
  @idParam()
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  async attachment(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendStoredFile(this.storage, req, reply, await this.meetings.attachmentFile(user, id, attachmentId));
  }

  @Post(':id/excuse')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'askMeetingExcuse',
    summary: 'Ask to be excused from the meeting (xin vắng), or change the reason while the request is pending',
    description:
      'Only while the meeting is scheduled, postponed or in progress (409 MEETING_EXCUSE_CLOSED otherwise), by an invited member ' +
      '(403 MEETING_NOT_INVITED) who has not checked in (409 MEETING_ALREADY_CHECKED_IN). Once the secretary decided, the excuse ' +
      'stays as decided: 409 MEETING_EXCUSE_DECIDED. Sending it twice keeps one request with the last reason.',
  })
  @idParam()
  @ApiBody({ type: ExcuseRequestDto })
  @ApiOkResponse({ type: ExcuseResponse })
  @ApiErrors(400, 404, {
    403: [MeetingErrorCode.NotInvited],
    409: [MeetingErrorCode.AlreadyCheckedIn, MeetingErrorCode.ExcuseClosed, MeetingErrorCode.ExcuseDecided],
  })
  excuse(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: ExcuseRequestDto): Promise<ExcuseResponse> {
    return this.meetings.askExcuse(user, id, body);
  }

  @Get(':id/comments')
  @ApiOperation({
    operationId: 'listMyMeetingComments',
    summary: 'The comments (góp ý) on the meeting’s agenda, oldest first',
    description: 'Comments the secretary hid are left out, except the caller’s own, which come marked `hidden`.',
  })
  @idParam()
  @ApiOkResponse({ type: [CommentResponse] })
  @ApiErrors(404)
  comments(@CurrentUser() user: Principal, @Param('id') id: string): Promise<CommentResponse[]> {
    return this.meetings.comments(user, id);
  }

  @Post(':id/comments')
  @ApiOperation({
    operationId: 'commentMyMeeting',
    summary: 'Comment on an agenda item (góp ý) before or during the meeting',
    description:
      'Only while the meeting is scheduled or in progress (409 MEETING_COMMENTS_CLOSED). The body is 1-2000 characters; an ' +
      'agenda item of another meeting is 400 MEETING_AGENDA_ITEM_NOT_FOUND. The same text sent again on the same item (a retry) ' +
      'answers the comment already stored instead of a second one.',
  })
  @idParam()
  @ApiBody({ type: CreateCommentDto })
  @ApiCreatedResponse({ type: CommentResponse })
  @ApiErrors(404, { 400: [MeetingErrorCode.AgendaItemNotFound], 409: [MeetingErrorCode.CommentsClosed] })
  comment(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: CreateCommentDto): Promise<CommentResponse> {
    return this.meetings.comment(user, id, body);
  }
}
