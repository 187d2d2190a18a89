import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Param } from '../common/params.js';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { ExcuseDecisionDto, HideCommentDto } from './dto/before-meeting.dto.js';
import { StaffCommentResponse, StaffExcuseResponse } from './dto/before-meeting.response.js';
import { ExcusesCommentsService } from './excuses-comments.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'The meeting' });

/**
 * Before the meeting, the secretary's side: members' excuse requests and comments on the agenda.
 * A meeting outside the caller's committee subtree is a 404. docs/meetings.md "Before the meeting".
 */
@ApiTags('meetings')
@Controller('meetings')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401)
export class ExcusesCommentsController {
  constructor(private readonly service: ExcusesCommentsService) {}

  @Get(':id/excuses')
  @ApiOperation({ operationId: 'listMeetingExcuses', summary: 'The members’ requests to be excused from the meeting, oldest first' })
  @idParam()
  @ApiOkResponse({ type: [StaffExcuseResponse] })
  @ApiErrors(404)
  excuses(@CurrentUser() user: Principal, @Param('id') id: string): Promise<StaffExcuseResponse[]> {
    return this.service.excuses(user, id);
  }

  @Post(':id/excuses/:excuseId/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'decideMeetingExcuse',
    summary: 'Accept or decline a pending excuse; the member’s attendance follows (audited)',
    description:
      'Accepted: the member’s attendance becomes `excused` unless they checked in. Declined: back to `invited` (or `unexcused` ' +
      'once the meeting is held). 409 MEETING_EXCUSE_DECIDED for a decided one, MEETING_EXCUSE_CLOSED for a cancelled meeting, ' +
      'MEETING_MINUTES_LOCKED once the minutes are locked.',
  })
  @idParam()
  @ApiParam({ name: 'excuseId', format: 'uuid' })
  @ApiBody({ type: ExcuseDecisionDto })
  @ApiOkResponse({ type: StaffExcuseResponse })
  @ApiErrors(400, 404, { 409: [MeetingErrorCode.ExcuseDecided, MeetingErrorCode.MinutesLocked] })
  decide(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('excuseId') excuseId: string,
    @Body() body: ExcuseDecisionDto,
  ): Promise<StaffExcuseResponse> {
    return this.service.decide(user, id, excuseId, body);
  }

  @Get(':id/comments')
  @ApiOperation({
    operationId: 'listMeetingComments',
    summary: 'Every comment on the meeting’s agenda, hidden ones marked with when and why',
  })
  @idParam()
  @ApiOkResponse({ type: [StaffCommentResponse] })
  @ApiErrors(404)
  comments(@CurrentUser() user: Principal, @Param('id') id: string): Promise<StaffCommentResponse[]> {
    return this.service.comments(user, id);
  }

  @Post(':id/comments/:commentId/hide')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'hideMeetingComment',
    summary: 'Hide a comment from the members, with a reason kept in the audit log',
    description: 'The author still sees it, marked hidden. Hiding a hidden comment again changes nothing.',
  })
  @idParam()
  @ApiParam({ name: 'commentId', format: 'uuid' })
  @ApiBody({ type: HideCommentDto })
  @ApiOkResponse({ type: StaffCommentResponse })
  @ApiErrors(400, 404)
  hide(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('commentId') commentId: string,
    @Body() body: HideCommentDto,
  ): Promise<StaffCommentResponse> {
    return this.service.hide(user, id, commentId, body);
  }
}
