import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry } from '../audit-entry.entity.js';

export class AuditEntryResponse {
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

export const toAuditEntryResponse = (a: AuditEntry): AuditEntryResponse => ({ ...a, id: Number(a.id) });
