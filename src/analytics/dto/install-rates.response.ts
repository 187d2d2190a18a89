import { ApiProperty } from '@nestjs/swagger';
import { COMMITTEE_KINDS, ROLLOUT_PHASES, type CommitteeKind, type RolloutPhase } from '../../committees/committee.entity.js';
import { DateWindow, ReportCommittee } from './report.response.js';

export class RateFigures {
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) installed: number;
  @ApiProperty({ type: 'number', description: 'installed / members, to 4 decimals; 0 when there are no members' }) rate: number;
}

export class CountFigures {
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) installed: number;
}

/** Members who have not installed, by the reason recorded on their record. */
export class NotInstalledByReason {
  @ApiProperty({ type: 'integer' }) elderly: number;
  @ApiProperty({ type: 'integer' }) no_smartphone: number;
  @ApiProperty({ type: 'integer', description: 'Special committees (army, police) awaiting approval from above' })
  special_unit_pending: number;
  @ApiProperty({ type: 'integer' }) exempted: number;
  @ApiProperty({ type: 'integer' }) other: number;
  @ApiProperty({ type: 'integer', description: 'No reason recorded' }) unspecified: number;
}

/** The install figures of a subtree: its current members (not left), wherever they stand in it. */
export class InstallRateFigures extends RateFigures {
  @ApiProperty({ type: RateFigures, description: 'Full members (chính thức)' }) official: RateFigures;
  @ApiProperty({ type: RateFigures, description: 'Probationary members (dự bị)' }) probationary: RateFigures;
  @ApiProperty({ type: CountFigures, description: 'Members exempted from Party activities (counted in members too)' })
  exempted: CountFigures;
  @ApiProperty({ type: NotInstalledByReason }) notInstalledByReason: NotInstalledByReason;
}

export class InstallRateChild extends InstallRateFigures {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
  @ApiProperty({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase' }) phase: RolloutPhase;
  @ApiProperty({ type: 'number', nullable: true }) targetInstallRate: number | null;
}

export class InstallRatesResponse {
  @ApiProperty({ type: ReportCommittee }) committee: ReportCommittee;
  @ApiProperty({ type: InstallRateFigures, description: 'The whole subtree of the committee' }) total: InstallRateFigures;
  @ApiProperty({ type: [InstallRateChild], description: 'Each direct sub-committee (not archived) with its own subtree, by name' })
  children: InstallRateChild[];
}

export class InstallTimelinePoint {
  @ApiProperty({ type: 'string', format: 'date' }) day: string;
  @ApiProperty({ type: 'integer', description: 'Current members who first installed that day' }) installs: number;
  @ApiProperty({ type: 'integer', description: 'Current members installed by the end of that day' }) installed: number;
  @ApiProperty({ type: 'integer', description: 'Current members today (the register keeps no daily history of the denominator)' })
  members: number;
  @ApiProperty({ type: 'number', description: 'installed / members, to 4 decimals' }) rate: number;
}

export class InstallTimelineResponse {
  @ApiProperty({ type: ReportCommittee }) committee: ReportCommittee;
  @ApiProperty({ type: DateWindow }) window: DateWindow;
  @ApiProperty({ type: 'integer', description: 'Current members of the subtree' }) members: number;
  @ApiProperty({ type: [InstallTimelinePoint] }) series: InstallTimelinePoint[];
}
