import { Controller, Delete, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors, errorSchema } from '../common/api-docs.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { ApiFileDownload, sendStoredFile } from '../documents/file-response.js';
import { ALLOWED_FILE_TYPE_NAMES } from '../documents/file-types.js';
import { receiveUpload, UPLOAD_ERROR_CODES } from '../documents/receive-upload.js';
import { FileStorage } from '../documents/storage/file-storage.js';
import { CreateMeetingDto, MeetingReasonDto, MeetingTransitionDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import { DocumentResponse } from '../documents/dto/document.response.js';
import { MeetingAttachmentResponse, MeetingResponse, MeetingSummaryResponse } from './dto/meeting.response.js';
import { MeetingsService } from './meetings.service.js';
import { MeetingErrorCode } from './meetings.errors.js';
import { DocumentErrorCode } from '../documents/documents.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/**
 * Planning branch meetings, the secretary's side (the dashboard): drafts with their agenda and the
 * papers sent ahead, scheduling (late mark, invitations), postponing, cancelling. docs/meetings.md.
 */
@ApiTags('meetings')
@Controller('meetings')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401, 403)
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listMeetings',
    summary: "Meetings of the committees in the caller's scope (admin-list contract)",
    description:
      'Filters: `committeeId` (the whole subtree), `status`, `kind`, `month` (YYYY-MM), `q` (title, without diacritics), `id`. ' +
      'Sort: `startsAt` (default, latest first), `month`, `createdAt`, `title`, `status`.',
  })
  @AdminList('meetings', MeetingSummaryResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<MeetingSummaryResponse>> {
    return this.meetings.list(user, query);
  }

  @Get('library')
  @ApiOperation({
    operationId: 'listMeetingLibrary',
    summary: 'The library an agenda item or a guidance topic may attach from (admin-list contract)',
    description:
      "Published documents the committee's members may read: those of `committeeId` (a committee in the caller's scope; " +
      'default the caller’s own; none for an admin without a committee of their own) and of every committee above it. Filters: `committeeId`, `q` (title, number and summary, ' +
      'without diacritics), `type`, `id`. Sort: `publishedAt` (default, newest first), `title`, `number`, `type`, `issuedOn`.',
  })
  @AdminList('meetings/library', DocumentResponse)
  @ApiErrors(400)
  library(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<DocumentResponse>> {
    return this.meetings.library(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getMeeting', summary: 'One meeting with its agenda, attachments and counts' })
  @idParam()
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MeetingResponse> {
    return this.meetings.get(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'createMeeting',
    summary: 'Draft a meeting of a branch or grassroots committee',
    description:
      '400 `MEETING_COMMITTEE_NOT_MEMBER_HOLDING` for a committee above the branches; 409 `MEETING_REGULAR_EXISTS` when the committee ' +
      'already has a regular meeting (not cancelled) for the month. Agenda documents must be published by the committee or one above it.',
  })
  @ApiBody({ type: CreateMeetingDto })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiErrors({ 400: [MeetingErrorCode.NotMemberHolding], 409: [MeetingErrorCode.RegularExists] })
  create(@CurrentUser() user: Principal, @Body() body: CreateMeetingDto): Promise<MeetingResponse> {
    return this.meetings.create(user, body);
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'updateMeeting',
    summary: 'Change a draft, scheduled or postponed meeting; `agenda` replaces the agenda (send an item’s id to keep it)',
    description:
      '409 `MEETING_INVALID_TRANSITION` once the meeting has started; 409 `MEETING_AGENDA_ITEM_HAS_COMMENTS` when an item members ' +
      'commented on would be removed; 400 `MEETING_IN_PAST` when a scheduled meeting is moved to a past time.',
  })
  @idParam()
  @ApiBody({ type: UpdateMeetingDto })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(404, { 400: [MeetingErrorCode.InPast], 409: [MeetingErrorCode.AgendaItemHasComments, MeetingErrorCode.InvalidTransition] })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateMeetingDto): Promise<MeetingResponse> {
    return this.meetings.update(user, id, body);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'deleteMeeting',
    summary: 'Delete a draft (a meeting sent to members is cancelled instead); answers it as it was',
  })
  @idParam()
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(404, { 409: [MeetingErrorCode.InvalidTransition] })
  remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MeetingResponse> {
    return this.meetings.remove(user, id);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'scheduleMeeting',
    summary: 'Send the meeting to the members (draft or postponed → scheduled) and invite every current member of the committee',
    description:
      '400 `MEETING_IN_PAST` unless startsAt is to come. A regular meeting first scheduled after the deadline (day 20 of the month ' +
      'before, or the day set in the committee’s template; Vietnam time) is marked `late`. Re-scheduling a postponed meeting invites ' +
      'the members who joined since and keeps the others’ rows.',
  })
  @idParam()
  @ApiBody({ type: MeetingTransitionDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(404, { 400: [MeetingErrorCode.InPast], 409: [MeetingErrorCode.InvalidTransition] })
  schedule(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: MeetingTransitionDto): Promise<MeetingResponse> {
    return this.meetings.schedule(user, id);
  }

  @Post(':id/postpone')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'postponeMeeting',
    summary: 'Postpone a scheduled meeting, with the reason (schedule it again with a new time)',
  })
  @idParam()
  @ApiBody({ type: MeetingReasonDto })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 404, { 409: [MeetingErrorCode.InvalidTransition] })
  postpone(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: MeetingReasonDto): Promise<MeetingResponse> {
    return this.meetings.postpone(user, id, body.reason);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelMeeting', summary: 'Cancel a draft, scheduled or postponed meeting, with the reason' })
  @idParam()
  @ApiBody({ type: MeetingReasonDto })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 404, 409)
  cancel(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: MeetingReasonDto): Promise<MeetingResponse> {
    return this.meetings.cancel(user, id, body.reason);
  }

  @Post(':id/agenda/:itemId/attachments')
  @ApiOperation({
    operationId: 'uploadMeetingAttachment',
    summary: `Upload a paper for an agenda item: ${ALLOWED_FILE_TYPE_NAMES}`,
    description:
      "One file in the multipart field `file`, checked like a document's file: the type is read from the bytes (415 " +
      '`UNSUPPORTED_FILE_TYPE` otherwise), 413 `FILE_TOO_LARGE` beyond FILE_MAX_BYTES; identical bytes are stored once. ' +
      'Only while the meeting is a draft, scheduled or postponed (409 otherwise).',
  })
  @idParam()
  @ApiParam({ name: 'itemId', format: 'uuid' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: ALLOWED_FILE_TYPE_NAMES } },
    },
  })
  @ApiCreatedResponse({ type: MeetingAttachmentResponse })
  @ApiErrors(404, 409, UPLOAD_ERROR_CODES)
  @ApiResponse({
    status: 415,
    description: '`UNSUPPORTED_FILE_TYPE`: the bytes are not an allowed type; or the request is not multipart/form-data',
    schema: errorSchema([DocumentErrorCode.UnsupportedFileType]),
  })
  async upload(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Req() req: FastifyRequest,
  ): Promise<MeetingAttachmentResponse> {
    await this.meetings.assertInScope(user, id); // scope first: an out-of-scope id is a 404 whatever the body
    const { upload, filename } = await receiveUpload(req, this.config.DATA_DIR, this.config.FILE_MAX_BYTES);
    return this.meetings.uploadAttachment(user, id, itemId, upload, filename);
  }

  @Get(':id/attachments/:attachmentId/file')
  @ApiFileDownload(
    'Download an agenda attachment (the library document’s file or the uploaded paper)',
    'downloadMeetingAttachment',
    'The bytes with their detected Content-Type; HTTP Range (one range) for resuming and previews.',
  )
  @idParam()
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  async download(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendStoredFile(this.storage, req, reply, await this.meetings.attachmentFile(user, id, attachmentId));
  }
}
