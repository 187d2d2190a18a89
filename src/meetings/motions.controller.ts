import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Param } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { MeetingRunDto } from './dto/attendance.dto.js';
import { CreateMotionDto, MotionResponse } from './dto/motions.dto.js';
import { MotionsService } from './motions.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/** Votes during a meeting (staff): open a motion, close it, see the results. docs/meetings.md. */
@ApiTags('meetings')
@Controller('meetings/:id/motions')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401)
export class MotionsController {
  constructor(private readonly motions: MotionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listMeetingMotions',
    summary: 'The motions of a meeting with their results',
    description:
      'Open (named) motions: counts live and who chose what (`votes`). Secret motions: counts once closed and only when at least ' +
      'k ballots were cast (k = SURVEY_ANONYMITY_K; `resultsWithheld` says why they are null); never who chose what. ' +
      '"Other opinion" texts are sorted by text. denominator and passed are set when a motion closes.',
  })
  @idParam()
  @ApiOkResponse({ type: [MotionResponse] })
  @ApiErrors(404)
  list(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MotionResponse[]> {
    return this.motions.list(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'openMeetingMotion',
    summary: 'Put a motion to the vote (Đồng ý / Không đồng ý / Ý kiến khác), open or secret',
    description: 'Only while the meeting is in progress (409 MEETING_NOT_IN_PROGRESS).',
  })
  @idParam()
  @ApiBody({ type: CreateMotionDto })
  @ApiCreatedResponse({ type: MotionResponse })
  @ApiErrors(400, 404, { 409: [MeetingErrorCode.NotInProgress] })
  open(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: CreateMotionDto): Promise<MotionResponse> {
    return this.motions.open(user, id, body);
  }

  @Post(':motionId/close')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'closeMeetingMotion',
    summary: 'Close the vote: fixes the denominator (full members counted) and whether it passed (more than half agreed)',
    description:
      'Denominator: the full members invited, less those absent while exempted or excused with an accepted reason (Điều lệ Đảng; ' +
      'docs/meetings.md). A closed motion is 409 MOTION_CLOSED.',
  })
  @idParam()
  @ApiParam({ name: 'motionId', format: 'uuid' })
  @ApiBody({ type: MeetingRunDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: MotionResponse })
  @ApiErrors(404, { 409: [MeetingErrorCode.MotionClosed] })
  close(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('motionId') motionId: string,
    @Body() _body: MeetingRunDto,
  ): Promise<MotionResponse> {
    return this.motions.close(user, id, motionId);
  }
}
