import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Optional, UPDATE_BODY } from '../../common/validation.js';
import type { MeetingGuidance } from '../entities/meeting-guidance.entity.js';
import { AgendaEntryDto, MONTH_PATTERN } from './meeting.dto.js';

/** A topic of the month's guidance, with the library documents to study. */
export class GuidanceTopicDto extends AgendaEntryDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: 'Library documents to study: published by the guidance’s committee or one above it',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}

export class CreateMeetingGuidanceDto {
  @ApiProperty({ type: 'integer', description: "The publishing committee, in the caller's scope: its whole subtree sees the guidance" })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiProperty({ example: '2026-01', pattern: MONTH_PATTERN.source })
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiProperty({ maxLength: 500, example: 'Định hướng nội dung sinh hoạt chi bộ tháng 01/2026' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(500)
  title: string;

  @ApiProperty({ type: [GuidanceTopicDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => GuidanceTopicDto)
  topics: GuidanceTopicDto[];
}

/** PUT (unpublished guidance only): any subset; `topics` replaces the topics. */
export class UpdateMeetingGuidanceDto extends PartialType(CreateMeetingGuidanceDto, UPDATE_BODY) {}

export class GuidanceTopicResponse {
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) documentIds: string[];
}

export class MeetingGuidanceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ example: '2026-01' }) month: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [GuidanceTopicResponse] }) topics: GuidanceTopicResponse[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Null while a draft' }) publishedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export function toGuidanceResponse(g: MeetingGuidance): MeetingGuidanceResponse {
  return {
    id: g.id,
    committeeId: g.committeeId,
    committeeName: g.committee?.name ?? null,
    month: g.month.slice(0, 7),
    title: g.title,
    topics: g.topics.map((t) => ({ title: t.title, description: t.description, documentIds: t.documentIds })),
    publishedAt: g.publishedAt,
    createdBy: g.createdBy,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}
