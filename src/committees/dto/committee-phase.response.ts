import { ApiProperty } from '@nestjs/swagger';
import { ROLLOUT_PHASES, type RolloutPhase } from '../committee.entity.js';
import type { CommitteePhaseChange } from '../committee-phase-change.entity.js';
import { CommitteeResponse } from './committee.response.js';

/** One step of a committee's rollout timeline: who moved it from which phase to which, and when. */
export class CommitteePhaseChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({
    enum: ROLLOUT_PHASES,
    enumName: 'RolloutPhase',
    nullable: true,
    description: 'null when the committee was created in the phase',
  })
  fromPhase: RolloutPhase | null;
  @ApiProperty({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase' }) toPhase: RolloutPhase;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'The date the new phase began' }) startedOn: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) actorUsername: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'When the change was recorded' }) changedAt: Date;
}

export function toPhaseChangeResponse(p: CommitteePhaseChange): CommitteePhaseChangeResponse {
  return {
    id: p.id,
    committeeId: p.committeeId,
    fromPhase: p.fromPhase,
    toPhase: p.toPhase,
    startedOn: p.startedOn,
    actorId: p.actorId,
    actorUsername: p.actorUsername,
    changedAt: p.changedAt,
  };
}

export class CommitteePhaseRolloutResponse {
  @ApiProperty({ type: CommitteeResponse, description: 'The committee the phase was rolled out from, as it is now' })
  committee: CommitteeResponse;

  @ApiProperty({ type: 'integer', description: 'Committees whose phase changed (each got one history row)' })
  changed: number;
}
