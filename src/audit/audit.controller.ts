import { ApiListExport, fileResponse, ListExportQuery, readWholeList, writeListFile, exportAudit } from '../common/list-export.js';
import { AUDIT_EXPORT_COLUMNS } from './audit-export.js';
import { Controller, Get, StreamableFile } from '@nestjs/common';
import { Query } from '../common/params.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import { AuditService } from './audit.service.js';
import { AuditEntryResponse, toAuditEntryResponse } from './dto/audit-entry.response.js';

@ApiTags('audit')
@Controller('audit-log')
@Roles('admin', 'committee_admin')
@ApiErrors(401)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('export')
  @ApiListExport('exportAuditLog', 'audit log', 'nhat-ky')
  async export(@CurrentUser() user: Principal, @Query() query: ListExportQuery): Promise<StreamableFile> {
    const rows = await readWholeList(query, async (q) => {
      const page = await this.audit.list(user, q);
      return { ...page, items: page.items.map(toAuditEntryResponse) };
    });
    const file = await writeListFile(rows, AUDIT_EXPORT_COLUMNS, { ...query, sheetName: 'Nhật ký', baseName: 'nhat-ky' });
    await this.audit.recordNow(user, exportAudit('audit', user, query, file));
    return fileResponse(file);
  }

  @Get()
  @ApiOperation({
    operationId: 'listAuditLog',
    summary: 'The append-only audit log (admin-list contract); nobody can edit it',
    description: 'Filters: action (a name or a prefix such as `member`), entityType, entityId, actorId, committeeId, from, to.',
  })
  @AdminList('audit-log', AuditEntryResponse)
  @ApiErrors(400)
  async list(@CurrentUser() user: Principal, @Query() query: AdminListQuery): Promise<ListPage<AuditEntryResponse>> {
    const page = await this.audit.list(user, query);
    return { ...page, items: page.items.map(toAuditEntryResponse) };
  }
}
