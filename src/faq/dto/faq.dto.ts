import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  IsUUID,
} from 'class-validator';
import { Optional, UPDATE_BODY } from '../../common/validation.js';

export const MAX_KEYWORDS = 50;

export class CreateFaqDto {
  @ApiProperty({
    type: 'integer',
    description: "The publishing committee; its subtree reads the entry. Must lie in the caller's scope.",
    example: 1,
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Mức đóng đảng phí hằng tháng là bao nhiêu?' })
  @IsString()
  @Length(3, 500)
  question: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 20000,
    description: 'Plain text or light HTML (p, br, strong, em, u, ul, ol, li, a, blockquote); anything else is removed',
    example: 'Đảng viên hưởng lương đóng 1% tiền lương hằng tháng…',
  })
  @IsString()
  @Length(1, 20000)
  answer: string;

  @ApiProperty({ minLength: 1, maxLength: 64, example: 'Đảng phí' })
  @IsString()
  @Length(1, 64)
  category: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_KEYWORDS,
    description: 'Alternative phrasings and keywords: how members ask the question (with or without diacritics)',
    example: ['đóng đảng phí bao nhiêu', 'mức đảng phí', 'đảng phí 1% lương'],
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_KEYWORDS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ default: false, description: 'Members read (and get automatic answers from) published entries only' })
  @Optional()
  @IsBoolean()
  published?: boolean;
}

/** Fields left out are kept; null is refused (an empty list clears the keywords). */
export class UpdateFaqDto extends PartialType(CreateFaqDto, UPDATE_BODY) {}

export class AnswerFaqQuery {
  @ApiProperty({ minLength: 2, maxLength: 300, description: "The member's question, as typed", example: 'dong dang phi bao nhieu' })
  @IsDefined()
  @IsString()
  @Length(2, 300)
  q: string;
}

export class ConvertUnansweredDto {
  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 500,
    description: 'Defaults to the question as asked; the asked wording is kept as a keyword either way',
  })
  @Optional()
  @IsString()
  @Length(3, 500)
  question?: string;

  @ApiProperty({ minLength: 1, maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  answer: string;

  @ApiProperty({ minLength: 1, maxLength: 64, example: 'Ứng dụng' })
  @IsString()
  @Length(1, 64)
  category: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_KEYWORDS })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_KEYWORDS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  keywords?: string[];

  @ApiProperty({ type: 'integer', description: "The publishing committee, in the caller's scope" })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  published?: boolean;
}

/** Dismissing takes no fields (an empty body, or none). */
export class LinkUnansweredDto {
  @ApiProperty({
    format: 'uuid',
    description: "The entry that answers the question (in the caller's scope); the asked wording becomes one of its phrasings",
  })
  @IsUUID()
  faqId: string;
}

export class DismissUnansweredDto {}
