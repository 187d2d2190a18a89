import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Nullable, Optional, UPDATE_BODY } from '../../common/validation.js';
import { MEETING_KINDS, type MeetingKind } from '../meetings.rules.js';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What an agenda item, a template's standing item and a guidance topic share: a title and a text. */
export class AgendaEntryDto {
  @ApiProperty({ maxLength: 500, example: 'Quán triệt Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 10000 })
  @Nullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;
}

/** An agenda entry someone presents (a meeting's item, a template's standing item). */
export class PresentedAgendaEntryDto extends AgendaEntryDto {
  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true, description: 'A current member of the meeting’s committee' })
  @Nullable()
  @IsUUID('all')
  presenterMemberId?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 255, description: 'A presenter who is not a member of the branch' })
  @Nullable()
  @IsString()
  @MaxLength(255)
  presenterName?: string | null;
}

/** One agenda item as the secretary sends it; the list's order is the agenda's order. */
export class AgendaItemDto extends PresentedAgendaEntryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'On PUT: an existing item of this meeting to keep (with its uploaded attachments and members’ comments); left out, the item is new',
  })
  @Optional()
  @IsUUID('all')
  id?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: 'Library documents sent ahead with the item: published by the branch’s committee or one above it',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}

export class CreateMeetingDto {
  @ApiProperty({ type: 'integer', description: "The branch or grassroots committee whose members meet, in the caller's scope" })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiProperty({ enum: MEETING_KINDS, example: 'regular' })
  @IsIn(MEETING_KINDS)
  kind: MeetingKind;

  @ApiProperty({ example: '2026-01', pattern: MONTH_PATTERN.source, description: 'The month the meeting belongs to' })
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiProperty({ maxLength: 500, example: 'Sinh hoạt chi bộ thường kỳ tháng 01/2026' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true, example: '2026-01-05T07:00:00.000Z' })
  @Nullable()
  @IsISO8601({ strict: true })
  startsAt?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true, description: 'After startsAt' })
  @Nullable()
  @IsISO8601({ strict: true })
  endsAt?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 500, example: 'Nhà văn hóa xóm Đồng Kè' })
  @Nullable()
  @IsString()
  @MaxLength(500)
  place?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 1000, example: 'https://meet.example.vn/chibo-dongke' })
  @Nullable()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(1000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The month’s guidance the agenda follows: published for the committee’s chain',
  })
  @Nullable()
  @IsUUID('all')
  guidanceId?: string | null;

  @ApiPropertyOptional({ type: [AgendaItemDto], maxItems: 30 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
}

/** PUT: any subset; `agenda`, when given, replaces the agenda (items sent with their id are kept). The committee does not change. */
export class UpdateMeetingDto extends PartialType(OmitType(CreateMeetingDto, ['committeeId'] as const), UPDATE_BODY) {}

export class MeetingReasonDto {
  @ApiProperty({ maxLength: 2000, example: 'Trùng lịch họp của Đảng ủy xã' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;
}

/** The body of schedule and publish: nothing (the transition is the route). */
export class MeetingTransitionDto {}
