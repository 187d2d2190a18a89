import { Controller, Post, StreamableFile } from '@nestjs/common';
import { Body, Param } from '../common/params.js';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { buildCredentialsSheet, XLSX_CONTENT_TYPE } from './credentials-sheet.js';
import { BulkIssueAccountsDto, CreateMemberAccountDto, IssueSelectedAccountsDto } from './dto/member-account.dto.js';
import { BULK_MAX_IDS } from '../common/bulk.js';
import { CommonErrorCode } from '../common/errors.js';
import { BulkIssueResponse, IssuedAccountResponse } from './dto/user.response.js';
import { MemberAccountsService } from './member-accounts.service.js';
import { AccountErrorCode } from './accounts.errors.js';
import { MembersErrorCode } from '../members/members.errors.js';
import { LongWork } from '../common/long-work.js';

/** An ASCII file name: `tai-khoan-TN-DT-2025-11-26.xlsx`. */
const sheetFileName = (code: string, issuedAt: Date) =>
  `tai-khoan-${code.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'chi-bo'}-${issuedAt.toISOString().slice(0, 10)}.xlsx`;

@ApiTags('members')
@Controller('members')
@Roles('admin', 'committee_admin', 'secretary')
@ApiErrors(401)
export class MemberAccountsController {
  constructor(private readonly accounts: MemberAccountsService) {}

  // a static path: it never competes with /members/:id (a member id is a UUID)
  @LongWork()
  @Post('accounts/bulk')
  @ApiOperation({
    operationId: 'issueMemberAccounts',
    summary: 'Create accounts for every current member of a committee subtree who has none; answers the initial passwords once',
    description:
      'The generated passwords are answered only in this response (JSON, or with `format: "xlsx"` a sheet to print and cut) and never ' +
      'again: they are not stored in plain; a lost one is replaced with POST /api/users/{id}/reset-password. Each account must change ' +
      'its password at the first login. A second issue for the same subtree creates only the accounts still missing.',
  })
  @ApiBody({ type: BulkIssueAccountsDto })
  @ApiExtraModels(BulkIssueResponse)
  @ApiCreatedResponse({
    description: 'The accounts created now: JSON, or the .xlsx sheet (`Content-Disposition: attachment`)',
    headers: {
      'Content-Disposition': {
        description: 'With `format: "xlsx"`: `attachment; filename="tai-khoan-<committee code>-<YYYY-MM-DD>.xlsx"`',
        schema: { type: 'string' },
      },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BulkIssueResponse) } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(400, 404)
  async bulk(@CurrentUser() user: Principal, @Body() body: BulkIssueAccountsDto): Promise<BulkIssueResponse | StreamableFile> {
    const format = body.format ?? 'json';
    const { committee, issuedAt, result } = await this.accounts.bulkIssue(user, body.committeeId, format);
    if (format === 'json') return result;
    const sheet = await buildCredentialsSheet({ committeeName: committee.name, issuedAt, credentials: result.credentials });
    return new StreamableFile(sheet, {
      type: XLSX_CONTENT_TYPE,
      disposition: `attachment; filename="${sheetFileName(committee.code, issuedAt)}"`,
      length: sheet.length,
    });
  }

  @Post('accounts/selected')
  @ApiOperation({
    operationId: 'issueSelectedMemberAccounts',
    summary: "Create accounts for the chosen members who have none (the dashboard's selected rows); answers the initial passwords once",
    description:
      `All or nothing: 1 to ${BULK_MAX_IDS} member ids (more: 400); each must be a current member in the caller's scope, else 422 ` +
      'BULK_ACTION_REFUSED with `failures` (NOT_FOUND, MEMBER_HAS_LEFT) and nothing is created. Members who already have an ' +
      'account are skipped. Each account is audited as `user.create`. Passwords as in issueMemberAccounts: answered only here.',
  })
  @ApiBody({ type: IssueSelectedAccountsDto })
  @ApiCreatedResponse({
    description: 'The accounts created now: JSON, or the .xlsx sheet (`Content-Disposition: attachment`)',
    headers: {
      'Content-Disposition': {
        description: 'With `format: "xlsx"`: `attachment; filename="tai-khoan-<YYYY-MM-DD>.xlsx"`',
        schema: { type: 'string' },
      },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BulkIssueResponse) } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(400, { 422: [CommonErrorCode.BulkActionRefused] })
  async selected(@CurrentUser() user: Principal, @Body() body: IssueSelectedAccountsDto): Promise<BulkIssueResponse | StreamableFile> {
    const { issuedAt, result } = await this.accounts.issueToSelected(user, body.ids);
    if ((body.format ?? 'json') === 'json') return result;
    const sheet = await buildCredentialsSheet({ committeeName: user.committeeName ?? '', issuedAt, credentials: result.credentials });
    return new StreamableFile(sheet, {
      type: XLSX_CONTENT_TYPE,
      disposition: `attachment; filename="tai-khoan-${issuedAt.toISOString().slice(0, 10)}.xlsx"`,
      length: sheet.length,
    });
  }

  @Post(':id/account')
  @ApiOperation({
    operationId: 'createMemberAccount',
    summary: 'Create the mobile-app login of a current member (role member); a generated password is answered once',
    description:
      'Without `password` a random initial password is generated, answered only in this response, and must be changed at the first login. ' +
      'Without `username` one is derived from the name (`nguyenvanan.4821`).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: CreateMemberAccountDto })
  @ApiCreatedResponse({ type: IssuedAccountResponse })
  @ApiErrors(400, 404, { 409: [AccountErrorCode.AccountExists, MembersErrorCode.MemberHasLeft, AccountErrorCode.UsernameTaken] })
  create(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: CreateMemberAccountDto): Promise<IssuedAccountResponse> {
    return this.accounts.create(user, id, body);
  }
}
