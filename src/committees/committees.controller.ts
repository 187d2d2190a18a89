import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import { ParseIdPipe } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { CommitteeMergeService } from './committee-merge.service.js';
import { CommitteesService } from './committees.service.js';
import { CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { CommitteeResponse } from './dto/committee.response.js';
import { MergeCommitteeDto } from './dto/committee-merge.dto.js';
import { CommitteeMergeResponse } from './dto/committee-merge.response.js';
import { ChangeCommitteePhaseDto } from './dto/committee-phase.dto.js';
import { CommitteePhaseChangeResponse, CommitteePhaseRolloutResponse } from './dto/committee-phase.response.js';
import { CommitteeErrorCode } from './committees.errors.js';

const idParam = () => ApiParam({ name: 'id', type: 'integer' });

@ApiTags('committees')
@Controller('committees')
@Roles('admin', 'committee_admin', 'secretary', 'editor')
@ApiErrors(401)
export class CommitteesController {
  constructor(
    private readonly committees: CommitteesService,
    private readonly merges: CommitteeMergeService,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listCommittees',
    summary: "Committees in the caller's subtree (admin-list contract)",
    description:
      'Filters: `q` (name or code, without diacritics), `parentId`, `kind`, `phase`, `id`, `archived` ' +
      '(`true`: only merged or dissolved committees, `false`, or `"all"`; without it, and without `id`, archived committees are left out).',
  })
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

  @Get(':id/phase-history')
  @ApiOperation({
    operationId: 'listCommitteePhaseHistory',
    summary: 'The rollout timeline of a committee: who changed its phase, from which to which, and when; oldest first',
  })
  @idParam()
  @ApiOkResponse({ type: CommitteePhaseChangeResponse, isArray: true })
  @ApiErrors(400, 404)
  phaseHistory(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: number): Promise<CommitteePhaseChangeResponse[]> {
    return this.committees.phaseHistory(user, id);
  }

  @Post(':id/phase')
  @HttpCode(200)
  @Roles('admin', 'committee_admin')
  @ApiOperation({
    operationId: 'rolloutCommitteePhase',
    summary:
      'Move a committee, and with applyToSubtree every active committee below it, to a rollout phase; one history row per committee changed',
  })
  @idParam()
  @ApiBody({ type: ChangeCommitteePhaseDto })
  @ApiOkResponse({ type: CommitteePhaseRolloutResponse })
  @ApiErrors(400, 403, 404, { 409: [CommitteeErrorCode.Archived] })
  rolloutPhase(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ChangeCommitteePhaseDto,
  ): Promise<CommitteePhaseRolloutResponse> {
    return this.committees.rolloutPhase(user, id, body);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('admin', 'committee_admin')
  @ApiOperation({
    operationId: 'mergeCommittee',
    summary: 'Merge a committee into another: its sub-committees, current members and accounts move to the target, and it is archived',
    description:
      "Both committees lie in the caller's scope (else 404). The target must be able to hold what moves (400 on `targetId`), " +
      'may not be the committee itself or below it (409 MERGE_INTO_OWN_SUBTREE), and neither may be archived (409 COMMITTEE_ARCHIVED). ' +
      'Merging into an ancestor while staff accounts still have the merged committee as home is refused (409 MERGE_WIDENS_SCOPE). ' +
      'Each moved member gets one `restructuring` transfer row; members who had left stay with the merged committee.',
  })
  @idParam()
  @ApiBody({ type: MergeCommitteeDto })
  @ApiOkResponse({ type: CommitteeMergeResponse })
  @ApiErrors(400, 403, 404, {
    409: [CommitteeErrorCode.Archived, CommitteeErrorCode.MergeIntoOwnSubtree, CommitteeErrorCode.MergeWidensScope],
  })
  merge(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: MergeCommitteeDto,
  ): Promise<CommitteeMergeResponse> {
    return this.merges.merge(user, id, body);
  }

  @Post()
  @Roles('admin', 'committee_admin')
  @ApiOperation({ operationId: 'createCommittee', summary: "Create a committee under one in the caller's subtree" })
  @ApiBody({ type: CreateCommitteeDto })
  @ApiCreatedResponse({ type: CommitteeResponse })
  @ApiErrors(400, 403, { 409: [CommitteeErrorCode.CodeTaken, CommitteeErrorCode.Archived] })
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
  @ApiErrors(400, 403, 404, { 409: [CommitteeErrorCode.CodeTaken, CommitteeErrorCode.Archived, CommitteeErrorCode.MoveIntoOwnSubtree] })
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
  @ApiErrors(400, 403, 404, { 409: [CommitteeErrorCode.Archived, CommitteeErrorCode.NotEmpty] })
  remove(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: number): Promise<CommitteeResponse> {
    return this.committees.remove(user, id);
  }
}
