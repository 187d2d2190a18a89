import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import { ParseIdPipe } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CommitteesService } from './committees.service.js';
import { CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { CommitteeResponse } from './dto/committee.response.js';

const idParam = () => ApiParam({ name: 'id', type: 'integer' });

@ApiTags('committees')
@Controller('committees')
@Roles('admin', 'committee_admin', 'secretary', 'editor')
@ApiErrors(401)
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Get()
  @ApiOperation({ operationId: 'listCommittees', summary: 'Committees in the caller\'s subtree (admin-list contract)' })
  @AdminList('committees', CommitteeResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<CommitteeResponse>> {
    return this.committees.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCommittee', summary: 'One committee' })
  @idParam()
  @ApiOkResponse({ type: CommitteeResponse })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: number): Promise<CommitteeResponse> {
    return this.committees.get(user, id);
  }

  @Post()
  @Roles('admin', 'committee_admin')
  @ApiOperation({ operationId: 'createCommittee', summary: 'Create a committee under one in the caller\'s subtree' })
  @ApiBody({ type: CreateCommitteeDto })
  @ApiCreatedResponse({ type: CommitteeResponse })
  @ApiErrors(400, 409)
  create(@CurrentUser() user: Principal, @Body() body: CreateCommitteeDto): Promise<CommitteeResponse> {
    return this.committees.create(user, body);
  }

  @Put(':id')
  @Roles('admin', 'committee_admin')
  @ApiOperation({
    operationId: 'updateCommittee',
    summary: 'Update a committee; a new parentId moves its whole subtree',
  })
  @idParam()
  @ApiBody({ type: UpdateCommitteeDto })
  @ApiOkResponse({ type: CommitteeResponse })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateCommitteeDto,
  ): Promise<CommitteeResponse> {
    return this.committees.update(user, id, body);
  }

  @Delete(':id')
  @Roles('admin', 'committee_admin')
  @ApiOperation({ operationId: 'deleteCommittee', summary: 'Delete an empty committee; answers the deleted record' })
  @idParam()
  @ApiOkResponse({ type: CommitteeResponse })
  @ApiErrors(400, 404, 409)
  remove(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: number): Promise<CommitteeResponse> {
    return this.committees.remove(user, id);
  }
}
