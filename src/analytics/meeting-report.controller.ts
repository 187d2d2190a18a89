import { Controller, Get } from '@nestjs/common';
import { Query } from '../common/params.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminList, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import type { Principal } from '../common/principal.js';
import { MeetingReportQuery, MeetingReportResponse, MissingMeetingUnit, MissingMeetingsQuery } from './dto/meeting-report.dto.js';
import { MeetingReportService } from './meeting-report.service.js';

const SCOPE = "Scope-aware: a committee outside the caller's subtree answers 404.";
const UNITS =
  "A unit is a committee that keeps a members' list (a branch, or a grassroots organisation) and is not archived; a meeting " +
  'counts once it is held (status `held` or `minutes_locked`).';

/** The committee's view of branch meetings (issue 16; docs/meetings.md "The committee's view"). */
@ApiTags('analytics')
@Controller('analytics/meetings')
@ApiErrors(401)
export class MeetingReportController {
  constructor(private readonly meetings: MeetingReportService) {}

  @Get()
  @Roles('admin', 'committee_admin', 'secretary')
  @ApiOperation({
    operationId: 'getMeetingReport',
    summary: "Branch meetings of a committee's subtree and of each direct sub-committee's subtree, for a month",
    description:
      'Per subtree: units, units that held their regular meeting of the month in the app (counted once each), of them ' +
      'scheduled by the deadline, the attendance rate over the meetings held in the month (present or late / invited not ' +
      `exempt), and the thematic meetings held in the month's quarter. ${UNITS} Read from counters kept exact by the ` +
      `database, not recounted. ${SCOPE}`,
  })
  @ApiOkResponse({ type: MeetingReportResponse })
  @ApiErrors(400, 404)
  getMeetingReport(@CurrentUser() user: Principal, @Query() query: MeetingReportQuery): Promise<MeetingReportResponse> {
    return this.meetings.report(user, query);
  }

  @Get('missing')
  @Roles('admin', 'committee_admin', 'secretary')
  @AdminList('meeting-report-missing', MissingMeetingUnit)
  @ApiOperation({
    operationId: 'listUnitsWithoutMeeting',
    summary: 'The units of a subtree that held no regular meeting in the app in a month, with their parent (admin list)',
    description: `Sort by \`name\` (default), \`parentName\` or \`id\`; no filters. ${UNITS} ${SCOPE}`,
  })
  @ApiErrors(400, 404)
  listUnitsWithoutMeeting(@CurrentUser() user: Principal, @Query() query: MissingMeetingsQuery): Promise<ListPage<MissingMeetingUnit>> {
    return this.meetings.missing(user, query);
  }
}
