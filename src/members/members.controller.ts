import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { CreateMemberDto, TransferMemberDto, UpdateMemberDto } from './dto/member.dto.js';
import { MemberResponse, MemberTransferResponse } from './dto/member.response.js';
import { MembersService } from './members.service.js';
import { MembersErrorCode } from './members.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

@ApiTags('members')
@Controller('members')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401)
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({
    operationId: 'listMembers',
    summary: "Member records in the caller's scope (admin-list contract); each read is audited",
    description:
      'Filters: `q` (name or card number, without diacritics), `status`, `gender`, `exempted`, `activityHold`, `installed`, ' +
      '`notInstalledReason`, `endState`, `committeeId` (the whole subtree), `register` (`current` by default, `left`, `all`), `id`.',
  })
  @AdminList('members', MemberResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<MemberResponse>> {
    return this.members.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getMember', summary: 'One member record' })
  @idParam()
  @ApiOkResponse({ type: MemberResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MemberResponse> {
    return this.members.get(user, id);
  }

  @Post()
  @ApiOperation({ operationId: 'createMember', summary: 'Add a member to a branch in scope' })
  @ApiBody({ type: CreateMemberDto })
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiErrors(400, { 409: [MembersErrorCode.CommitteeArchived, MembersErrorCode.ExternalIdTaken, MembersErrorCode.PartyCardTaken] })
  create(@CurrentUser() user: Principal, @Body() body: CreateMemberDto): Promise<MemberResponse> {
    return this.members.create(user, body);
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'updateMember',
    summary: 'Update a member; endState moves them to the register of those who left (never deleted)',
  })
  @idParam()
  @ApiBody({ type: UpdateMemberDto })
  @ApiOkResponse({ type: MemberResponse })
  @ApiErrors(400, 404, { 409: [MembersErrorCode.PartyCardTaken] })
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateMemberDto): Promise<MemberResponse> {
    return this.members.update(user, id, body);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOperation({ operationId: 'transferMember', summary: 'Transfer a member to another branch in scope, keeping a dated history row' })
  @idParam()
  @ApiBody({ type: TransferMemberDto })
  @ApiOkResponse({ type: MemberResponse })
  @ApiErrors(400, 404, 409)
  transfer(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: TransferMemberDto): Promise<MemberResponse> {
    return this.members.transfer(user, id, body);
  }

  @Get(':id/transfers')
  @ApiOperation({ operationId: 'listMemberTransfers', summary: 'Where the member stood: the transfers, newest first' })
  @idParam()
  @ApiOkResponse({ type: MemberTransferResponse, isArray: true })
  @ApiErrors(404)
  transfers(@CurrentUser() user: Principal, @Param('id') id: string): Promise<MemberTransferResponse[]> {
    return this.members.transfers(user, id);
  }
}
