import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { IdentityConflictResponse, ResolveIdentityConflictDto } from './dto/identity-conflict.dto.js';
import { IdentityConflictsService } from './identity-conflicts.service.js';
import { MembersErrorCode } from './members.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/** Duplicate identity numbers awaiting verification by the lowest committee covering both records. */
@ApiTags('members')
@Controller('member-identity-conflicts')
@Roles('admin', 'committee_admin')
@ApiErrors(401, 403)
export class IdentityConflictsController {
  constructor(private readonly conflicts: IdentityConflictsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listIdentityConflicts',
    summary: "Duplicate party card numbers / external ids awaiting verification by a committee in the caller's scope (admin-list contract)",
    description: 'Filters: `status` (`pending`, `resolved`, `withdrawn`), `field`, `committeeId` (the whole subtree), `id`.',
  })
  @AdminList('member-identity-conflicts', IdentityConflictResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<IdentityConflictResponse>> {
    return this.conflicts.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getIdentityConflict', summary: 'One duplicate identity number and both records' })
  @idParam()
  @ApiOkResponse({ type: IdentityConflictResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<IdentityConflictResponse> {
    return this.conflicts.get(user, id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resolveIdentityConflict',
    summary: 'Decide a duplicate identity number (audited; the branches read the outcome on their records)',
  })
  @idParam()
  @ApiBody({ type: ResolveIdentityConflictDto })
  @ApiOkResponse({ type: IdentityConflictResponse })
  @ApiErrors(400, 404, { 409: [MembersErrorCode.IdentityConflictDecided, MembersErrorCode.IdentityDuplicateHasAccount] })
  resolve(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: ResolveIdentityConflictDto,
  ): Promise<IdentityConflictResponse> {
    return this.conflicts.resolve(user, id, body);
  }
}
