import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AdminList, AdminListQuery, type ListPage } from '../common/admin-list.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Principal } from '../common/principal.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { AuditService } from './audit.service.js';

class AuditEntryResponse {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) occurredAt: Date;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) actorUsername: string | null;
  @ApiProperty({ type: 'string', nullable: true }) actorRole: string | null;
  @ApiProperty({ example: 'member.update' }) action: string;
  @ApiProperty({ example: 'member' }) entityType: string;
  @ApiProperty({ type: 'string', nullable: true }) entityId: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) committeeId: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ type: 'string', nullable: true, description: 'Anonymised: 203.113.45.0' }) clientAddress: string | null;
  @ApiProperty({ type: 'string', nullable: true }) requestId: string | null;
}

const toResponse = (a: AuditEntry): AuditEntryResponse => ({ ...a, id: Number(a.id) });

@ApiTags('audit')
@Controller('audit-log')
@Roles('admin', 'committee_admin')
@ApiErrors(401)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

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
    return { ...page, items: page.items.map(toResponse) };
  }
}
