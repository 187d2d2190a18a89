import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorQuery } from '../../common/cursor.js';
import { COMMENT_MAX_LENGTH, EXCUSE_REASON_MAX_LENGTH } from '../meetings.rules.js';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** `?cursor=&limit=` of GET /api/me/meetings. */
export class MyMeetingsQuery extends CursorQuery {}

export class ExcuseRequestDto {
  @ApiProperty({ minLength: 1, maxLength: EXCUSE_REASON_MAX_LENGTH, example: 'Đi công tác tại Hà Nội từ ngày 14 đến 16' })
  @trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(EXCUSE_REASON_MAX_LENGTH)
  reason: string;
}

export class ExcuseDecisionDto {
  @ApiProperty({ description: 'true: the excuse is accepted (absent with a reason); false: declined', example: true })
  @IsBoolean()
  accepted: boolean;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'What the secretary tells the member',
    example: 'Đồng ý, đồng chí nhớ đọc tài liệu trước.',
  })
  @IsOptional()
  @trim()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class CreateCommentDto {
  @ApiProperty({ format: 'uuid', description: 'The agenda item commented on' })
  @IsUUID('all', { message: 'agendaItemId must be an agenda item id' })
  agendaItemId: string;

  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX_LENGTH, example: 'Đề nghị bổ sung nội dung về phát triển đảng viên trẻ.' })
  @trim()
  @IsString()
  @IsNotEmpty({ message: 'body is required' })
  @MaxLength(COMMENT_MAX_LENGTH)
  body: string;
}

export class HideCommentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 1000,
    description: 'Why the comment is hidden; kept in the audit log',
    example: 'Nội dung không liên quan đến chương trình họp',
  })
  @trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(1000)
  reason: string;
}
