import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Nullable } from '../../common/validation.js';

/** nullable optional: `undefined` leaves the field alone, `null` clears it. */

export class CreateTrainingDto {
  @ApiProperty({ type: 'integer', description: "The organising committee, in the caller's scope" })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiProperty({ type: 'string', format: 'date', example: '2021-12-15', description: 'The day it was held (not in the future)' })
  @IsISO8601({ strict: true }, { message: 'heldOn must be a real date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'heldOn must be YYYY-MM-DD' })
  heldOn: string;

  @ApiProperty({ example: 'Hướng dẫn cài đặt và sử dụng Sổ tay Đảng viên điện tử', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'topic must not be blank' })
  @MaxLength(500)
  topic: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 255, example: 'Hội trường Tỉnh ủy' })
  @Nullable()
  @IsString()
  @MaxLength(255)
  location?: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 120, description: 'How many attended' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  attendees: number;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 5000 })
  @Nullable()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

/** PUT accepts any subset of the create fields. */
export class UpdateTrainingDto extends PartialType(CreateTrainingDto) {}
