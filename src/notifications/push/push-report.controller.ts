import { Controller, Get } from '@nestjs/common';
import { Param, Query } from '../../common/params.js';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminList, AdminListQuery, type ListPage } from '../../common/admin-list.js';
import { ApiErrors } from '../../common/api-docs.js';
import { CurrentUser, Roles } from '../../common/auth.decorators.js';
import type { Principal } from '../../common/principal.js';
import { STAFF_ROLES } from '../../common/roles.js';
import { DeadLetterResponse, PushReportQuery, PushReportResponse } from './dto/push-report.dto.js';
import { PushReportService } from './push-report.service.js';

/** Push delivery as staff see it: the report per notification and sub-committee, the dead letters. */
@ApiTags('notifications')
@Controller('notifications')
@Roles(...STAFF_ROLES)
@ApiErrors(401)
export class PushReportController {
  constructor(private readonly reports: PushReportService) {}

  @Get('dead-letters')
  @ApiOperation({
    operationId: 'listPushDeadLetters',
    summary: "Pushes that failed for good (refused, or still failing after the last retry), in the caller's subtree (admin-list contract)",
    description:
      "Filters: `notificationId` (one or a list), `committeeId` (the member's branch at send time, whole subtree). " +
      'Sort: `updatedAt` (default, newest first), `attempts`, `notificationId`.',
  })
  @AdminList('push-dead-letters', DeadLetterResponse)
  @ApiErrors(400)
  deadLetters(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<DeadLetterResponse>> {
    return this.reports.deadLetters(user, query);
  }

  @Get(':id/report')
  @ApiOperation({
    operationId: 'getNotificationPushReport',
    summary: 'Read and push-delivery counts of a notification for a committee subtree and each of its sub-committees',
    description:
      'Exact counts. `members`/`read`: members on the register now and who read it; the delivery counts group devices by ' +
      "the member's branch at send time. A notification outside the caller's view, a personal one, or a `committeeId` outside " +
      "the caller's scope or the notification's audience: 404.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PushReportResponse })
  @ApiErrors(400, 404)
  report(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: PushReportQuery): Promise<PushReportResponse> {
    return this.reports.report(user, id, query.committeeId);
  }
}
