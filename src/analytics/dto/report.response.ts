import { ApiProperty } from '@nestjs/swagger';
import { COMMITTEE_KINDS, ROLLOUT_PHASES, type CommitteeKind, type RolloutPhase } from '../../committees/committee.entity.js';

/** The committee a report is about. */
export class ReportCommittee {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
  @ApiProperty({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase' }) phase: RolloutPhase;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) phaseStartedAt: string | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'The install rate the committee aims at (0-1)' }) targetInstallRate:
    number | null;
}

/** The days a figure was computed over, both included (Vietnam dates). */
export class DateWindow {
  @ApiProperty({ type: 'string', format: 'date' }) from: string;
  @ApiProperty({ type: 'string', format: 'date' }) to: string;
  @ApiProperty({ type: 'integer', description: 'Days in the window' }) days: number;
}
