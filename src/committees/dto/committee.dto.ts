import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { COMMITTEE_KINDS, ROLLOUT_PHASES, type CommitteeKind, type RolloutPhase } from '../committee.entity.js';

export class CreateCommitteeDto {
  @ApiProperty({ example: 'Chi bộ Phòng Tổ chức', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(255)
  name: string;

  @ApiProperty({ example: 'TN-KCQ-01-03', description: 'Unique; letters, digits, dot, dash, underscore', maxLength: 64 })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'code must be 2-64 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' })
  @IsIn(COMMITTEE_KINDS)
  kind: CommitteeKind;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Parent committee; null only for a root (admins only)' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number | null;

  @ApiPropertyOptional({ enum: ROLLOUT_PHASES, enumName: 'RolloutPhase', default: 'not_started' })
  @IsOptional()
  @IsIn(ROLLOUT_PHASES)
  phase?: RolloutPhase;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    nullable: true,
    description: 'When the current phase began; defaults to today on a phase change',
  })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'phaseStartedAt must be YYYY-MM-DD' })
  phaseStartedAt?: string | null;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 0,
    maximum: 1,
    nullable: true,
    example: 0.9,
    description: 'Target share of members with the app installed',
  })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  targetInstallRate?: number | null;
}

/** PUT accepts any subset of the create fields; a new `parentId` moves the whole subtree. */
export class UpdateCommitteeDto extends PartialType(CreateCommitteeDto) {}
