import { ApiListExport, fileResponse, ListExportQuery } from '../common/list-export.js';
import { Controller, Get, HttpCode, Post, Put, StreamableFile } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { CreateUserDto, ResetPasswordDto, UnlockUserDto, UpdateUserDto } from './dto/user.dto.js';
import { IssuedAccountResponse, UserResponse } from './dto/user.response.js';
import { UsersService } from './users.service.js';
import { AccountErrorCode } from './accounts.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

@ApiTags('users')
@Controller('users')
@Roles('admin', 'committee_admin')
@ApiErrors(401)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({
    operationId: 'listUsers',
    summary: "Accounts whose home committee is in the caller's scope (admin-list contract); each read is audited",
    description:
      'Filters: `q` (username or full name, without diacritics), `role`, `committeeId` (the whole subtree), `isActive`, `id`. ' +
      'Sort: `username`, `fullName`, `role`, `createdAt`, `lastLoginAt`. An admin of the whole tree is listed only to admins of the whole tree.',
  })
  @AdminList('users', UserResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<UserResponse>> {
    return this.users.list(user, query);
  }

  @Get('export')
  @ApiListExport('exportUsers', 'account list', 'tai-khoan')
  async export(@CurrentUser() user: Principal, @Query() query: ListExportQuery): Promise<StreamableFile> {
    return fileResponse(await this.users.export(user, query));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'One account' })
  @idParam()
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<UserResponse> {
    return this.users.get(user, id);
  }

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: "Create a staff account (committee_admin, secretary, editor; admin by an admin) at or below the caller's home",
    description:
      "The password is the initial one: the account must change it at its first login. A role with more reach than the caller's " +
      "answers 403 ROLE_NOT_GRANTABLE; a home committee outside the caller's subtree answers 400 on `committeeId`, like a missing one.",
  })
  @ApiBody({ type: CreateUserDto })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, { 403: [AccountErrorCode.RoleNotGrantable], 409: [AccountErrorCode.UsernameTaken] })
  create(@CurrentUser() user: Principal, @Body() body: CreateUserDto): Promise<UserResponse> {
    return this.users.create(user, body);
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Update an account; deactivating it or changing its role or home committee ends its sessions at once',
    description:
      'A member account takes only `isActive` (its name and branch follow the member record). The same reach rules as for creating apply; ' +
      "an account with more reach than the caller's answers 403 ROLE_NOT_GRANTABLE; the caller's own role, home and activity answer 409 OWN_ACCOUNT.",
  })
  @idParam()
  @ApiBody({ type: UpdateUserDto })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, { 403: [AccountErrorCode.RoleNotGrantable], 409: [AccountErrorCode.OwnAccount] })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(user, id, body);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'unlockUser',
    summary: 'Lift the lock of an account after repeated wrong passwords (it also runs out by itself after LOCKOUT_MINUTES)',
    description: 'Clears the failed-login count; audited. An account that is not locked is answered unchanged.',
  })
  @idParam()
  @ApiBody({ type: UnlockUserDto, required: false, description: 'No fields' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 403, 404)
  unlock(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: UnlockUserDto): Promise<UserResponse> {
    return this.users.unlock(user, id);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resetUserPassword',
    summary: 'Issue a new initial password, answered this once; the account must change it and its sessions end',
  })
  @idParam()
  @ApiBody({ type: ResetPasswordDto, required: false, description: 'No fields: the new password is always generated' })
  @ApiOkResponse({ type: IssuedAccountResponse })
  @ApiErrors(400, 404, { 403: [AccountErrorCode.RoleNotGrantable], 409: [AccountErrorCode.OwnAccount] })
  resetPassword(@CurrentUser() user: Principal, @Param('id') id: string, @Body() _body: ResetPasswordDto): Promise<IssuedAccountResponse> {
    return this.users.resetPassword(user, id);
  }
}
