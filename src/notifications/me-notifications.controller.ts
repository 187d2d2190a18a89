import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import { WithETag } from '../common/etag.js';
import type { Principal } from '../common/principal.js';
import { MarkReadDto, MyNotificationsQuery, UpdateNotificationPreferencesDto } from './dto/notification.dto.js';
import { NotificationItem, NotificationPage, NotificationPreferencesResponse, UnreadCountResponse } from './dto/notification.response.js';
import { NotificationErrorCode } from './notifications.errors.js';
import { NotificationsService } from './notifications.service.js';

const ETAG_HEADER = { ETag: { description: 'Send it back in If-None-Match: 304 while unchanged', schema: { type: 'string' } } };

/**
 * The member's notifications (the mobile app): the inbox, the unread count the app polls, marking
 * read, and push preferences. The inbox holds what was addressed to the member's committee or a
 * committee above it, and their personal notifications, from publication until expiry.
 */
@ApiTags('me')
@Controller('me')
@Roles('member')
@ApiErrors(401)
export class MeNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({
    operationId: 'listMyNotifications',
    summary: "The caller's notifications, newest first, by cursor, each with its read flag and deep link",
    description:
      'Keyset paging on (publishedAt, id): a notification published meanwhile never shifts a later page. Scheduled ones show from ' +
      'their time on, expired ones no longer. 400 INVALID_CURSOR for a cursor this API did not give.',
  })
  @WithETag()
  @ApiOkResponse({ type: NotificationPage, headers: ETAG_HEADER })
  @ApiErrors(400, 404)
  list(@CurrentUser() user: Principal, @Query() query: MyNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.inbox(user, query);
  }

  @Get('notifications/unread-count')
  @ApiOperation({
    operationId: 'countMyUnreadNotifications',
    summary: 'How many notifications are unread, up to 99 (`capped` beyond: show "99+")',
    description: 'Cheap enough to poll: an index range above the member’s "read up to" mark, counted to 100 at most.',
  })
  @WithETag()
  @ApiOkResponse({ type: UnreadCountResponse, headers: ETAG_HEADER })
  @ApiErrors(404)
  unreadCount(@CurrentUser() user: Principal): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(user);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markAllMyNotificationsRead',
    summary: 'Mark every notification the caller sees now as read; answers the unread count after',
    description: 'Notifications published afterwards come unread.',
  })
  @ApiBody({ type: MarkReadDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: UnreadCountResponse })
  @ApiErrors(400, 404)
  readAll(@CurrentUser() user: Principal, @Body() _body: MarkReadDto): Promise<UnreadCountResponse> {
    return this.notifications.markAllRead(user);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markMyNotificationRead',
    summary: 'Mark one notification read (again: no change); answers it',
    description: 'A notification not addressed to the caller, not yet published or expired: 404.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: MarkReadDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: NotificationItem })
  @ApiErrors(400, 404)
  read(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: MarkReadDto): Promise<NotificationItem> {
    return this.notifications.markRead(user, id);
  }

  @Get('notification-preferences')
  @ApiOperation({ operationId: 'getMyNotificationPreferences', summary: 'Which kinds push, and the quiet hours (Vietnam time)' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  @ApiErrors(404)
  preferences(@CurrentUser() user: Principal): Promise<NotificationPreferencesResponse> {
    return this.notifications.preferences(user);
  }

  @Put('notification-preferences')
  @ApiOperation({
    operationId: 'updateMyNotificationPreferences',
    summary: 'Change which kinds push and the quiet hours; a field left out is kept',
    description:
      'The inbox always shows every kind: these settings hold pushes only. Quiet hours hold a push until they end. ' +
      '400 NOTIFICATION_UNKNOWN_KIND, 400 NOTIFICATION_INVALID_QUIET_HOURS.',
  })
  @ApiBody({ type: UpdateNotificationPreferencesDto })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  @ApiErrors(404, { 400: [NotificationErrorCode.UnknownKind, NotificationErrorCode.InvalidQuietHours] })
  updatePreferences(
    @CurrentUser() user: Principal,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesResponse> {
    return this.notifications.updatePreferences(user, body);
  }
}
