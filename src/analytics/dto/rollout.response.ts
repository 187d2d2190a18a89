import { ApiProperty } from '@nestjs/swagger';
import { COMMITTEE_KINDS, ROLLOUT_PHASES, type CommitteeKind, type RolloutPhase } from '../../committees/committee.entity.js';
import { ReportCommittee } from './report.response.js';

export class PhaseCounts {
  @ApiProperty({ type: 'integer' }) not_started: number;
  @ApiProperty({ type: 'integer' }) trial: number;
  @ApiProperty({ type: 'integer' }) pilot: number;
  @ApiProperty({ type: 'integer' }) live: number;
  @ApiProperty({ type: 'integer' }) on_hold: number;
}

export class RolloutChild {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
  @ApiProperty({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase' }) phase: RolloutPhase;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) phaseStartedAt: string | null;
  @ApiProperty({ type: 'number', nullable: true }) targetInstallRate: number | null;
}

export class RolloutChildren {
  @ApiProperty({ type: 'integer', description: 'Direct sub-committees (not archived)' }) total: number;
  @ApiProperty({ type: PhaseCounts, description: 'How many of them are in each phase ("16/16 live": byPhase.live / total)' })
  byPhase: PhaseCounts;
  @ApiProperty({ type: [RolloutChild], description: 'By name' }) items: RolloutChild[];
}

export class RolloutHistoryEntry {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() committeeName: string;
  @ApiProperty({
    enum: ROLLOUT_PHASES,
    enumName: 'RolloutPhase',
    nullable: true,
    description: 'null when the committee was created in the phase',
  })
  fromPhase: RolloutPhase | null;
  @ApiProperty({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase' }) toPhase: RolloutPhase;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'The date the new phase began' }) startedOn: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'When the change was recorded' }) changedAt: Date;
}

export class RolloutResponse {
  @ApiProperty({ type: ReportCommittee }) committee: ReportCommittee;
  @ApiProperty({ type: RolloutChildren }) children: RolloutChildren;
  @ApiProperty({
    type: [RolloutHistoryEntry],
    description: 'Phase changes of the committee and of its direct sub-committees (archived ones included), oldest first',
  })
  history: RolloutHistoryEntry[];
}
