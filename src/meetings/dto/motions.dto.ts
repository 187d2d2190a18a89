import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { VOTE_CHOICES, type VoteChoice } from '../meetings.rules.js';

export const MAX_OTHER_TEXT = 2000;

export class CreateMotionDto {
  @ApiProperty({ maxLength: 1000, example: 'Thông qua kế hoạch tu sửa nhà văn hóa xóm' })
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(1000)
  title: string;

  @ApiProperty({ description: 'Secret ballot (bỏ phiếu kín): nobody, staff included, can link a ballot to a voter' })
  @IsBoolean()
  secret: boolean;
}

export class VoteDto {
  @ApiProperty({ enum: VOTE_CHOICES, example: 'agree', description: 'Đồng ý / Không đồng ý / Ý kiến khác' })
  @IsIn(VOTE_CHOICES, { message: `choice must be one of ${VOTE_CHOICES.join(', ')}` })
  choice: VoteChoice;

  @ApiPropertyOptional({ maxLength: MAX_OTHER_TEXT, description: "The other opinion's text: required with `other`, refused otherwise" })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_OTHER_TEXT)
  otherText?: string;
}

export class NamedVote {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) fullName: string;
  @ApiProperty({ enum: VOTE_CHOICES }) choice: VoteChoice;
  @ApiProperty({ type: String, nullable: true }) otherText: string | null;
}

/** A motion and its result as far as it may be shown. */
export class MotionResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', example: 1 })
  position: number;

  @ApiProperty({ example: 'Thông qua kế hoạch tu sửa nhà văn hóa xóm' })
  title: string;

  @ApiProperty()
  secret: boolean;

  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'null while withheld (see resultsWithheld)' })
  agreeCount: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  disagreeCount: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  otherCount: number | null;

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'The "other opinion" texts, sorted by text (never in arrival order); null while withheld',
  })
  otherOpinions: string[] | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Full members counted for the decision (set when the motion closes)' })
  denominator: number | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'More than half of the denominator agreed (set when the motion closes)' })
  passed: boolean | null;

  @ApiProperty({ type: 'integer', description: 'Members who have voted' })
  votedCount: number;

  @ApiProperty({
    enum: ['secret_open', 'below_threshold', 'not_closed'],
    nullable: true,
    description:
      'Why the counts are null: secret_open (a secret motion shows its counts once closed), below_threshold (a closed secret motion with ' +
      'fewer than k ballots, k = SURVEY_ANONYMITY_K; its decision, passed, is still given), not_closed (members see results once closed). ' +
      'null when shown',
  })
  resultsWithheld: 'secret_open' | 'below_threshold' | 'not_closed' | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Secret motions: the fewest ballots whose counts are shown (SURVEY_ANONYMITY_K)',
  })
  anonymityThreshold: number | null;

  @ApiPropertyOptional({
    type: [NamedVote],
    nullable: true,
    description: 'Staff, open (named) motions: who chose what, by name; null for secret motions',
  })
  votes?: NamedVote[] | null;
}

/** A motion as a member sees it. */
export class MyMotionResponse extends MotionResponse {
  @ApiProperty({ description: 'The caller has voted on this motion' })
  hasVoted: boolean;
}

export class VoteResult {
  @ApiProperty({ format: 'uuid' })
  motionId: string;

  @ApiProperty({ description: 'Always true: the vote counted (a second one is 409 ALREADY_VOTED)' })
  counted: boolean;
}
