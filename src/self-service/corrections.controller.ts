import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/params.js';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { CorrectionsService } from './corrections.service.js';
import { ApproveCorrectionDto, BulkApproveCorrectionsDto, BulkRejectCorrectionsDto, RejectCorrectionDto } from './dto/correction.dto.js';
import { ApiBulkAction, type BulkResult } from '../common/bulk.js';
import { CorrectionResponse, CorrectionSummaryResponse } from './dto/correction.response.js';
import { MembersErrorCode } from '../members/members.errors.js';
import { SelfServiceErrorCode } from './self-service.errors.js';

const idParam = () => ApiParam({ name: 'id', format: 'uuid' });

/** Members' requests to correct their records, decided by staff of the branch's tree. */
@ApiTags('corrections')
@Controller('corrections')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401)
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listCorrections',
    summary: "Correction requests of branches in the caller's scope (admin-list contract); names the fields, not their values",
    description: 'Filters: `status`, `committeeId` (the whole subtree), `memberId`, `q` (member name), `id`.',
  })
  @AdminList('corrections', CorrectionSummaryResponse)
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<CorrectionSummaryResponse>> {
    return this.corrections.list(user, query);
  }

  @Post('bulk-approve')
  @ApiBulkAction(
    'approveCorrections',
    'Approve several pending requests at once (each as approveCorrection would, audited as member.update and correction.approve)',
    BulkApproveCorrectionsDto,
  )
  approveMany(@CurrentUser() user: Principal, @Body() body: BulkApproveCorrectionsDto): Promise<BulkResult> {
    return this.corrections.decideMany(user, body.ids, 'approve', body);
  }

  @Post('bulk-reject')
  @ApiBulkAction('rejectCorrections', 'Reject several pending requests at once, with one note each member reads', BulkRejectCorrectionsDto)
  rejectMany(@CurrentUser() user: Principal, @Body() body: BulkRejectCorrectionsDto): Promise<BulkResult> {
    return this.corrections.decideMany(user, body.ids, 'reject', body);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCorrection', summary: 'One correction request: the asked values next to the current ones' })
  @idParam()
  @ApiOkResponse({ type: CorrectionResponse })
  @ApiErrors(404)
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<CorrectionResponse> {
    return this.corrections.get(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'approveCorrection',
    summary: 'Approve a pending request: the changes are applied to the member record (audited as member.update)',
    description: '409 when the request was already decided, or when the record changed meanwhile and the result would be invalid.',
  })
  @idParam()
  @ApiBody({ type: ApproveCorrectionDto })
  @ApiOkResponse({ type: CorrectionResponse })
  @ApiErrors(400, 404, {
    409: [
      SelfServiceErrorCode.CorrectionAlreadyDecided,
      SelfServiceErrorCode.CorrectionMemberMoved,
      SelfServiceErrorCode.CorrectionNoLongerValid,
      MembersErrorCode.PartyCardTaken,
    ],
  })
  approve(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: ApproveCorrectionDto): Promise<CorrectionResponse> {
    return this.corrections.approve(user, id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rejectCorrection', summary: 'Reject a pending request, with a note the member reads' })
  @idParam()
  @ApiBody({ type: RejectCorrectionDto })
  @ApiOkResponse({ type: CorrectionResponse })
  @ApiErrors(400, 404, { 409: [SelfServiceErrorCode.CorrectionAlreadyDecided] })
  reject(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: RejectCorrectionDto): Promise<CorrectionResponse> {
    return this.corrections.reject(user, id, body);
  }
}
