import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import {
  ACTIVITY_HOLDS,
  END_STATES,
  GENDERS,
  MEMBER_STATUSES,
  NOT_INSTALLED_REASONS,
  type ActivityHold,
  type EndState,
  type Gender,
  type MemberStatus,
  type NotInstalledReason,
} from '../member.entity.js';
import { TRANSFER_KINDS, type TransferKind } from '../member-transfer.entity.js';
import { IsEmailAddress, Nullable } from '../../common/validation.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMsg = (f: string) => ({ message: `${f} must be a date YYYY-MM-DD` });
/** nullable optional: `undefined` leaves the field alone, `null` clears it. */

export class CreateMemberDto {
  @ApiProperty({ example: 'Nguyễn Văn An', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  fullName: string;

  @ApiProperty({ enum: GENDERS, enumName: 'Gender' })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ type: 'string', format: 'date', example: '1980-05-01' })
  @Matches(DATE, dateMsg('birthDate'))
  birthDate: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Issued to full members only; unique', example: 'TN-00012345' })
  @Nullable()
  @IsString()
  @Matches(/^[A-Za-z0-9./-]{3,32}$/, { message: 'partyCardNumber must be 3-32 letters, digits, dots, dashes or slashes' })
  partyCardNumber?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'A stable id from another register; unique' })
  @Nullable()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'externalId must be 1-64 letters, digits or . _ : -' })
  externalId?: string | null;

  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' })
  @IsIn(MEMBER_STATUSES)
  status: MemberStatus;

  @ApiProperty({ type: 'string', format: 'date', description: 'Admission ceremony' })
  @Matches(DATE, dateMsg('admittedAt'))
  admittedAt: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, description: 'Made a full member; required when official' })
  @Nullable()
  @Matches(DATE, dateMsg('officialAt'))
  officialAt?: string | null;

  @ApiPropertyOptional({ description: 'Exempted from Party work and activities (miễn công tác và sinh hoạt đảng)' })
  @IsOptional()
  @IsBoolean()
  exempted?: boolean;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true })
  @Nullable()
  @Matches(DATE, dateMsg('exemptedAt'))
  exemptedAt?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 500 })
  @Nullable()
  @IsString()
  @MaxLength(500)
  exemptedReason?: string | null;

  @ApiPropertyOptional({
    enum: ACTIVITY_HOLDS,
    enumName: 'ActivityHold',
    nullable: true,
    description:
      'Temporarily attending at another Party organisation (sinh hoạt đảng tạm thời nơi khác) or suspended from Party ' +
      'activities (đình chỉ sinh hoạt đảng): not counted for branch decisions (docs/meetings.md "The counting rule"); ' +
      'null ends the hold (its date and note are cleared with it)',
  })
  @Nullable()
  @IsIn(ACTIVITY_HOLDS)
  activityHold?: ActivityHold | null;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    nullable: true,
    description: 'Since when; required with activityHold, not in the future',
  })
  @Nullable()
  @Matches(DATE, dateMsg('activityHoldSince'))
  activityHoldSince?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 500,
    description: 'Where the member attends meanwhile, or the number of the suspension decision',
    example: 'Chi bộ Trường THPT Nguyễn Huệ (Quyết định số 12-QĐ/ĐU)',
  })
  @Nullable()
  @IsString()
  @MaxLength(500)
  activityHoldNote?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: '0912345678' })
  @Nullable()
  @Matches(/^(\+84|0)\d{9,10}$/, { message: 'phone must be a Vietnamese phone number (0xxxxxxxxx or +84xxxxxxxxx)' })
  phone?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'email', nullable: true })
  @Nullable()
  @IsEmailAddress('email must be an email address')
  @MaxLength(255)
  email?: string | null;

  @ApiProperty({ type: 'integer', description: 'The branch (chi bộ), or a grassroots chi bộ cơ sở, the member belongs to' })
  @IsInt()
  @Min(1)
  committeeId: number;

  @ApiPropertyOptional({
    enum: NOT_INSTALLED_REASONS,
    enumName: 'NotInstalledReason',
    nullable: true,
    description: 'Why a member has not installed the app',
  })
  @Nullable()
  @IsIn(NOT_INSTALLED_REASONS)
  notInstalledReason?: NotInstalledReason | null;
}

/**
 * PUT: any subset of the fields. A different `committeeId` transfers the member (an official transfer
 * dated today; use POST /transfer for a dated or temporary one). `endState` moves the member to the
 * register of those who left; the record is never deleted.
 */
export class UpdateMemberDto extends PartialType(CreateMemberDto) {
  @ApiPropertyOptional({
    enum: END_STATES,
    enumName: 'EndState',
    nullable: true,
    description: 'null brings a member back to the current register',
  })
  @Nullable()
  @IsIn(END_STATES)
  endState?: EndState | null;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, description: 'Defaults to today when endState is set' })
  @Nullable()
  @Matches(DATE, dateMsg('endedAt'))
  endedAt?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 500 })
  @Nullable()
  @IsString()
  @MaxLength(500)
  endReason?: string | null;
}

export class TransferMemberDto {
  @ApiProperty({ type: 'integer', description: "The receiving branch, inside the caller's scope" })
  @IsInt()
  @Min(1)
  committeeId: number;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Defaults to today' })
  @IsOptional()
  @Matches(DATE, dateMsg('transferredOn'))
  transferredOn?: string;

  @ApiPropertyOptional({
    enum: TRANSFER_KINDS.filter((k) => k !== 'restructuring'),
    default: 'official',
    description: 'Official or temporary transfer of Party activity',
  })
  @IsOptional()
  @IsIn(['official', 'temporary'])
  kind?: Exclude<TransferKind, 'restructuring'>;

  @ApiPropertyOptional({ type: 'string', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
