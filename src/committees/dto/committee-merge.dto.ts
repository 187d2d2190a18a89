import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

/** Merges the committee of the path into `targetId` (a restructuring: hợp nhất, sáp nhập). */
export class MergeCommitteeDto {
  @ApiProperty({ type: 'integer', description: 'The committee that takes over the sub-committees, current members and accounts' })
  @IsInt()
  @Min(1)
  targetId: number;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2025-07-01',
    description: "Date of the decision; the members' transfer date. Defaults to today",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'mergedOn must be YYYY-MM-DD' })
  mergedOn?: string;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Quyết định số 123-QĐ/TU về việc hợp nhất' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason?: string;
}
