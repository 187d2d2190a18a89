import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { AttendanceService } from './attendance.service.js';
import { AttendanceYearQuery, CheckInDto, CheckInResult, MemberAttendanceYear } from './dto/attendance.dto.js';
import { MyMotionResponse, VoteDto, VoteResult } from './dto/motions.dto.js';
import { MotionsService } from './motions.service.js';
import { MeetingErrorCode } from './meetings.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/** The member's side of a meeting in progress (the mobile app): check in, see motions, vote; and their attendance over a year. */
@ApiTags('me')
@Controller('me')
@Roles('member')
@ApiErrors(401)
export class MeAttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly motions: MotionsService,
  ) {}

  @Post('meetings/:id/check-in')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'checkInToMyMeeting',
    summary: 'Check in with the code the secretary shows (or the QR code carries)',
    description:
      'While the meeting is in progress, from 30 minutes before its start until its end (400 CHECK_IN_CLOSED otherwise). A wrong or ' +
      'expired code is 400 CHECK_IN_CODE_INVALID; more than 10 attempts in 10 minutes are 429 CHECK_IN_RATE_LIMITED. ' +
      'Late after the start plus 15 minutes. Already checked in (also by the secretary): 200 with the same state and time (a retry counts once). ' +
      'A meeting the member was not invited to is 404. A member suspended from Party activities when invited is 403 CHECK_IN_NOT_ELIGIBLE.',
  })
  @idParam()
  @ApiBody({ type: CheckInDto })
  @ApiOkResponse({ type: CheckInResult })
  @ApiErrors(404, {
    400: [MeetingErrorCode.CheckInClosed, MeetingErrorCode.CheckInCodeInvalid],
    403: [MeetingErrorCode.CheckInNotEligible],
    429: [MeetingErrorCode.CheckInRateLimited],
  })
  checkIn(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: CheckInDto): Promise<CheckInResult> {
    return this.attendance.checkIn(user, id, body);
  }

  @Get('meetings/:id/motions')
  @ApiOperation({
    operationId: 'listMyMeetingMotions',
    summary: 'The motions of a meeting, whether the caller voted, and the results once a motion is closed',
    description:
      'Counts are null while a motion is open; for a secret motion also when fewer than k ballots were cast (k = SURVEY_ANONYMITY_K). ' +
      '`resultsWithheld` says why.',
  })
  @idParam()
  @ApiOkResponse({ type: [MyMotionResponse] })
  @ApiErrors(404)
  motionsOf(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MyMotionResponse[]> {
    return this.motions.listMine(user, id);
  }

  @Post('meetings/:id/motions/:motionId/vote')
  @ApiOperation({
    operationId: 'voteOnMyMeetingMotion',
    summary: 'Vote on an open motion: agree, disagree, or other with a text',
    description:
      'Only full members invited and checked in: a probationary member (or one not invited) is 403 VOTE_NOT_ELIGIBLE, one not checked in ' +
      '403 VOTE_NOT_CHECKED_IN; a closed motion is 409 MOTION_CLOSED; a second vote (also a retry) is 409 ALREADY_VOTED. Nothing is stored ' +
      'on a refusal. A secret ballot is stored without the member and without a time; only the fact that the member voted is kept, apart.',
  })
  @idParam()
  @ApiParam({ name: 'motionId', format: 'uuid' })
  @ApiBody({ type: VoteDto })
  @ApiCreatedResponse({ type: VoteResult })
  @ApiErrors(400, 404, {
    403: [MeetingErrorCode.VoteNotCheckedIn, MeetingErrorCode.VoteNotEligible],
    409: [MeetingErrorCode.AlreadyVoted, MeetingErrorCode.MotionClosed],
  })
  vote(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Param('motionId') motionId: string,
    @Body() body: VoteDto,
  ): Promise<VoteResult> {
    return this.motions.vote(user, id, motionId, body);
  }

  @Get('attendance')
  @ApiOperation({
    operationId: 'getMyAttendance',
    summary: "The caller's attendance over a year of held meetings and their rate",
    description: 'rate = attended / (meetings − exempt); year defaults to the current one (Vietnam time).',
  })
  @ApiOkResponse({ type: MemberAttendanceYear })
  @ApiErrors(400)
  myYear(@CurrentUser() user: Principal, @Query() query: AttendanceYearQuery): Promise<MemberAttendanceYear> {
    return this.attendance.myYear(user, query);
  }
}
