import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { ROLLOUT_PHASES, type RolloutPhase } from '../committee.entity.js';

/** Rolls a phase out to a committee, and optionally to every active committee below it, in one go. */
export class ChangeCommitteePhaseDto {
  @ApiProperty({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase' })
  @IsIn(ROLLOUT_PHASES)
  phase: RolloutPhase;

  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2022-01-01', description: 'When the phase began; defaults to today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startedOn must be YYYY-MM-DD' })
  startedOn?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Also every committee below it (archived ones excepted); committees already in the phase keep their date',
  })
  @IsOptional()
  @IsBoolean()
  applyToSubtree?: boolean;
}
