import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
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
import { Nullable, Optional } from '../../common/validation.js';
import type { MeetingTemplate, TemplateAgendaItem } from '../entities/meeting-template.entity.js';
import { MONTH_PATTERN, PresentedAgendaEntryDto } from './meeting.dto.js';

/** A standing item of the monthly template, copied into each month's draft. */
export class TemplateAgendaItemDto extends PresentedAgendaEntryDto {}

/** PUT: the fields given replace the saved (or default) ones. */
export class UpdateMeetingTemplateDto {
  @ApiPropertyOptional({ maxLength: 400, example: 'Sinh hoạt chi bộ thường kỳ', description: 'The month is appended to a draft’s title' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(400)
  title?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 28, example: 5 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(28)
  dayOfMonth?: number;

  @ApiPropertyOptional({ example: '14:00', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Vietnam time, HH:MM' })
  @Optional()
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM' })
  startTime?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 15, maximum: 720, example: 120 })
  @Optional()
  @IsInt()
  @Min(15)
  @Max(720)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 500 })
  @Nullable()
  @IsString()
  @MaxLength(500)
  place?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 1000 })
  @Nullable()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(1000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ type: [TemplateAgendaItemDto], maxItems: 30, description: 'The standing agenda items' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TemplateAgendaItemDto)
  agenda?: TemplateAgendaItemDto[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 28,
    example: 20,
    description:
      'A regular meeting of month M is on time when scheduled by this day of M−1 (default 20). Set by a committee admin or admin: a secretary changing it is 403',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(28)
  deadlineDay?: number;
}

export class CreateMeetingDraftDto {
  @ApiProperty({ example: '2026-01', pattern: MONTH_PATTERN.source })
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'Published guidance of the committee’s chain: its topics are appended to the agenda',
  })
  @Nullable()
  @IsUUID('all')
  guidanceId?: string | null;
}

export class TemplateAgendaItemResponse {
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) presenterMemberId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) presenterName: string | null;
}

export class MeetingTemplateResponse {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) dayOfMonth: number;
  @ApiProperty({ example: '14:00' }) startTime: string;
  @ApiProperty({ type: 'integer' }) durationMinutes: number;
  @ApiProperty({ type: 'string', nullable: true }) place: string | null;
  @ApiProperty({ type: 'string', nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: [TemplateAgendaItemResponse] }) agenda: TemplateAgendaItemResponse[];
  @ApiProperty({ type: 'integer' }) deadlineDay: number;
  @ApiProperty({ description: 'False while the committee has not saved a template: the defaults are shown' }) saved: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) updatedAt: Date | null;
}

export function toTemplateResponse(
  committeeId: number,
  t: Omit<MeetingTemplate, 'committeeId' | 'updatedAt'> & { updatedAt?: Date },
  saved: boolean,
): MeetingTemplateResponse {
  return {
    committeeId,
    title: t.title,
    dayOfMonth: t.dayOfMonth,
    startTime: t.startTime,
    durationMinutes: t.durationMinutes,
    place: t.place,
    onlineUrl: t.onlineUrl,
    agenda: t.agenda.map((a: TemplateAgendaItem) => ({
      title: a.title,
      description: a.description,
      presenterMemberId: a.presenterMemberId,
      presenterName: a.presenterName,
    })),
    deadlineDay: t.deadlineDay,
    saved,
    updatedAt: saved ? (t.updatedAt ?? null) : null,
  };
}
