import { BulkIdsDto } from '../../common/bulk.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INT4_MAX, USERNAME_INPUT, usernameMessage } from './user.dto.js';

export class CreateMemberAccountDto {
  @ApiPropertyOptional({
    example: 'nguyenvanan.1234',
    description: 'Default: the name without diacritics and a number (`nguyenvanan.4821`). Stored lower-case; unique.',
  })
  @IsOptional()
  @IsString()
  @Matches(USERNAME_INPUT, usernameMessage)
  username?: string;

  @ApiPropertyOptional({
    format: 'password',
    minLength: 10,
    maxLength: 256,
    description:
      'Default: a random initial password, answered once and to be changed at the first login. ' +
      'A given one must pass the password policy and need not be changed.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;
}

export const BULK_FORMATS = ['json', 'xlsx'] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];

export class BulkIssueAccountsDto {
  @ApiProperty({
    type: 'integer',
    description: "Every current member of this committee's subtree (in the caller's scope) without an account gets one",
  })
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  committeeId: number;

  @ApiPropertyOptional({ enum: BULK_FORMATS, default: 'json', description: '`xlsx`: a sheet to print and cut, one row per member' })
  @IsOptional()
  @IsIn(BULK_FORMATS)
  format?: BulkFormat;
}

/** Accounts for chosen members (the dashboard's selected rows). */
export class IssueSelectedAccountsDto extends BulkIdsDto {
  @ApiPropertyOptional({ enum: BULK_FORMATS, default: 'json', description: '`xlsx`: a sheet to print and cut, one row per member' })
  @IsOptional()
  @IsIn(BULK_FORMATS)
  format?: BulkFormat;
}
