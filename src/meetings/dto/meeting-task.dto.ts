import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Nullable, Optional } from '../../common/validation.js';

/** A task the meeting assigns: to an invited member, or to the branch committee (no assignee). */
export class CreateMeetingTaskDto {
  @ApiProperty({ maxLength: 1000, example: 'Vận động các hộ dân đóng góp làm đường liên xóm' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(1000)
  title: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'A member invited to this meeting; omit or null: the branch committee (chi ủy)',
  })
  @Nullable()
  @IsUUID('all', { message: 'assigneeMemberId must be a UUID' })
  assigneeMemberId?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: '2026-12-31', description: 'Due day (Vietnam calendar)' })
  @Nullable()
  @IsISO8601({ strict: true }, { message: 'dueOn must be a real date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be YYYY-MM-DD' })
  dueOn?: string | null;
}

/** Any subset of the task's fields; `done` marks it done (or not done again). */
export class UpdateMeetingTaskDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(1000)
  title?: string;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true, description: 'null: the branch committee' })
  @Nullable()
  @IsUUID('all', { message: 'assigneeMemberId must be a UUID' })
  assigneeMemberId?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, description: 'null: no due day' })
  @Nullable()
  @IsISO8601({ strict: true }, { message: 'dueOn must be a real date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be YYYY-MM-DD' })
  dueOn?: string | null;

  @ApiPropertyOptional({ description: 'true: done (by the caller, now); false: not done' })
  @Optional()
  @IsBoolean()
  done?: boolean;
}
