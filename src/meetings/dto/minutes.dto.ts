import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export const MINUTES_TEXT_MAX = 50_000;

/** The secretary's text of the minutes; both fields are replaced (empty strings are kept as drafts). */
export class WriteMinutesDto {
  @ApiProperty({ maxLength: MINUTES_TEXT_MAX, example: 'Các đồng chí đảng viên thảo luận sôi nổi về nhiệm vụ tháng tới…' })
  @IsString()
  @MaxLength(MINUTES_TEXT_MAX)
  summary: string;

  @ApiProperty({
    maxLength: MINUTES_TEXT_MAX,
    example: 'Chi bộ thống nhất triển khai kế hoạch vận động nhân dân tham gia xây dựng nông thôn mới.',
  })
  @IsString()
  @MaxLength(MINUTES_TEXT_MAX)
  conclusions: string;
}

/** A dated correction to locked minutes. */
export class AddMinutesAddendumDto {
  @ApiProperty({
    maxLength: 10_000,
    example: 'Đính chính: đồng chí Nguyễn Văn An vắng có lý do (đi công tác), không phải vắng không lý do.',
  })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(10_000)
  body: string;
}

/** The body of an action route (lock the minutes, mark a task done): nothing (the action is the route). */
export class NoFieldsDto {}
