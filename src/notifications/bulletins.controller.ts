import { Controller, Delete, Get, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { STAFF_ROLES } from '../common/roles.js';
import { BulletinsService } from './bulletins.service.js';
import { BULLETIN_MAX_TEXT, CreateBulletinDto } from './dto/notification.dto.js';
import { BulletinResponse } from './dto/notification.response.js';
import { NotificationErrorCode } from './notifications.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/** Bulletins (thông báo): staff notify a committee subtree in their scope, now or at a set time. */
@ApiTags('notifications')
@Controller('bulletins')
@Roles(...STAFF_ROLES)
@ApiErrors(401)
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listBulletins',
    summary: "Bulletins to committees of the caller's subtree, scheduled ones included (admin-list contract)",
    description:
      'Filters: `q` (title), `committeeId` (the whole subtree), `status` (`scheduled` or `published`), `id`. ' +
      'Sort: `publishAt` (default, newest first), `createdAt`, `expiresAt`, `title`.',
  })
  @AdminList('bulletins', BulletinResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<BulletinResponse>> {
    return this.bulletins.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getBulletin', summary: 'One bulletin' })
  @idParam()
  @ApiOkResponse({ type: BulletinResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<BulletinResponse> {
    return this.bulletins.get(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'createBulletin',
    summary: 'Send a bulletin to a committee subtree now, or schedule it (publishAt)',
    description:
      `Every member of the committee and of the committees below it finds it in their inbox from publishAt on. A committee ` +
      `outside the caller's scope: 404. Text over ${BULLETIN_MAX_TEXT} characters: 413 BULLETIN_TOO_LARGE. publishAt in ` +
      `the past: 400 BULLETIN_PUBLISH_AT_PAST. A link that is neither a uuid nor an https URL: 400 NOTIFICATION_INVALID_LINK.`,
  })
  @ApiBody({ type: CreateBulletinDto })
  @ApiCreatedResponse({ type: BulletinResponse })
  @ApiErrors(404, {
    400: [NotificationErrorCode.BulletinPublishAtPast, NotificationErrorCode.InvalidLink],
    413: [NotificationErrorCode.BulletinTooLarge],
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateBulletinDto): Promise<BulletinResponse> {
    return this.bulletins.create(user, body);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'cancelBulletin',
    summary: 'Cancel a scheduled bulletin before it goes out; answers the deleted record',
    description: 'One already published: 409 BULLETIN_ALREADY_PUBLISHED (it stays until it expires).',
  })
  @idParam()
  @ApiOkResponse({ type: BulletinResponse })
  @ApiErrors(404, { 409: [NotificationErrorCode.BulletinAlreadyPublished] })
  cancel(@CurrentUser() user: Principal, @Param('id') id: string): Promise<BulletinResponse> {
    return this.bulletins.cancel(user, id);
  }
}
