import { ApiProperty } from '@nestjs/swagger';
import { COMMITTEE_KINDS, ROLLOUT_PHASES, type Committee, type CommitteeKind, type RolloutPhase } from '../committee.entity.js';

export class CommitteeResponse {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty() name: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
  @ApiProperty({ type: 'integer', nullable: true }) parentId: number | null;
  @ApiProperty({ example: '1.5.23', description: 'Ids from the root, dot-separated' }) path: string;
  @ApiProperty({ type: 'integer', description: '0 for a root' }) depth: number;
  @ApiProperty({ type: 'integer', description: 'Direct children that are not archived' }) childCount: number;
  @ApiProperty({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase' }) phase: RolloutPhase;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) phaseStartedAt: string | null;
  @ApiProperty({ type: 'number', nullable: true }) targetInstallRate: number | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Set when merged or dissolved; an archived committee keeps its history and takes no changes',
  })
  archivedAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The committee it was merged into' }) mergedIntoId: number | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export function toCommitteeResponse(c: Committee, childCount: number): CommitteeResponse {
  return {
    id: c.id,
    name: c.name,
    code: c.code,
    kind: c.kind,
    parentId: c.parentId,
    path: c.path,
    depth: c.path.split('.').length - 1,
    childCount,
    phase: c.phase,
    phaseStartedAt: c.phaseStartedAt,
    targetInstallRate: c.targetInstallRate,
    archivedAt: c.archivedAt,
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
