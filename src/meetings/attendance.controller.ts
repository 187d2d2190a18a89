import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { AttendanceService } from './attendance.service.js';
import {
  AttendanceYearQuery,
  CheckInCodeResponse,
  MarkAttendanceDto,
  MeetingAttendanceResponse,
  MeetingRunDto,
  MeetingRunState,
  MemberAttendanceYear,
} from './dto/attendance.dto.js';
import { MeetingErrorCode } from './meetings.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/**
 * Running a meeting (staff): start and close it, show the rotating check-in code, the attendance
 * list, marks on a member's behalf; and a member's attendance over a year. docs/meetings.md.
 */
@ApiTags('meetings')
@Controller()
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401)
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Post('meetings/:id/start')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'startMeeting',
    summary: 'Start the meeting (scheduled → in_progress): check-in opens and the rotating code is shown',
    description:
      'From 60 minutes before startsAt (409 MEETING_TOO_EARLY_TO_START before); a meeting not scheduled is 409 MEETING_INVALID_TRANSITION. ' +
      'Members check in from 30 minutes before startsAt until endsAt.',
  })
  @idParam()
  @ApiBody({ type: MeetingRunDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: MeetingRunState })
  @ApiErrors(404, { 409: [MeetingErrorCode.InvalidTransition, MeetingErrorCode.TooEarlyToStart] })
  start(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: MeetingRunDto): Promise<MeetingRunState> {
    return this.attendance.start(user, id);
  }

  @Post('meetings/:id/close')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'closeMeeting',
    summary: 'Close the meeting (in_progress → held): open motions are closed, members not checked in become excused, exempt or unexcused',
    description:
      'Excused: the member’s excuse was accepted; exempt: exempted from Party activities; unexcused otherwise. ' +
      'A meeting not in progress is 409 MEETING_INVALID_TRANSITION.',
  })
  @idParam()
  @ApiBody({ type: MeetingRunDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: MeetingRunState })
  @ApiErrors(404, { 409: [MeetingErrorCode.InvalidTransition] })
  close(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: MeetingRunDto): Promise<MeetingRunState> {
    return this.attendance.close(user, id);
  }

  @Get('meetings/:id/check-in-code')
  @ApiOperation({
    operationId: 'getMeetingCheckInCode',
    summary: 'The current 6-digit check-in code and the text of its QR code (rotates every 60 s; the previous code is still accepted)',
    description: 'Only while the meeting is in progress (409 MEETING_NOT_IN_PROGRESS otherwise).',
  })
  @idParam()
  @ApiOkResponse({ type: CheckInCodeResponse })
  @ApiErrors(404, { 409: [MeetingErrorCode.NotInProgress] })
  code(@CurrentUser() user: Principal, @Param('id') id: string): Promise<CheckInCodeResponse> {
    return this.attendance.code(user, id);
  }

  @Get('meetings/:id/attendance')
  @ApiOperation({
    operationId: 'getMeetingAttendance',
    summary: 'Every invited member with their state, by name, and the summary with the attendance rate',
    description: 'rate = (present + late) / (invited − exempted members not present).',
  })
  @idParam()
  @ApiOkResponse({ type: MeetingAttendanceResponse })
  @ApiErrors(404)
  list(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MeetingAttendanceResponse> {
    return this.attendance.list(user, id);
  }

  @Put('meetings/:id/attendance/:memberId')
  @ApiOperation({
    operationId: 'markMeetingAttendance',
    summary: "Mark a member present, late, excused or unexcused on their behalf (check_in_method 'secretary')",
    description:
      'While the meeting is in progress or held (409 MEETING_NOT_IN_PROGRESS before; 409 MEETING_MINUTES_LOCKED once the minutes are locked). ' +
      'A member not invited to the meeting is 404; a member suspended from Party activities is not marked present or late ' +
      '(403 CHECK_IN_NOT_ELIGIBLE). Answers the whole attendance list.',
  })
  @idParam()
  @ApiParam({ name: 'memberId', format: 'uuid' })
  @ApiBody({ type: MarkAttendanceDto })
  @ApiOkResponse({ type: MeetingAttendanceResponse })
  @ApiErrors(400, 404, {
    403: [MeetingErrorCode.CheckInNotEligible],
    409: [MeetingErrorCode.MinutesLocked, MeetingErrorCode.NotInProgress],
  })
  mark(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: MarkAttendanceDto,
  ): Promise<MeetingAttendanceResponse> {
    return this.attendance.mark(user, id, memberId, body);
  }

  @Get('members/:id/attendance')
  @ApiOperation({
    operationId: 'getMemberAttendance',
    summary: "A member's attendance over a year of held meetings (by the meetings' month) and their rate",
    description: 'rate = attended / (meetings − exempt). A member outside the caller’s scope is 404.',
  })
  @idParam()
  @ApiOkResponse({ type: MemberAttendanceYear })
  @ApiErrors(400, 404)
  memberYear(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: AttendanceYearQuery): Promise<MemberAttendanceYear> {
    return this.attendance.memberYear(user, id, query);
  }
}
