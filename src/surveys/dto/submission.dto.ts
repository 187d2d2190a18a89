import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { MAX_OPTIONS, MAX_QUESTIONS } from './survey.dto.js';

export const MAX_LONG_TEXT = 5000;
export const MAX_SHORT_TEXT = 500;

export class AnswerInput {
  @ApiProperty({ format: 'uuid', description: 'A question of this survey' })
  @IsUUID('all', { message: 'questionId must be a UUID' })
  questionId: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'single (one) and multiple choice: the chosen options of that question',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS)
  @IsUUID('all', { each: true, message: 'optionIds must be UUIDs' })
  optionIds?: string[];

  @ApiPropertyOptional({
    maxLength: MAX_LONG_TEXT,
    description: `short_text (up to ${MAX_SHORT_TEXT} characters) and long_text (up to ${MAX_LONG_TEXT})`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LONG_TEXT)
  text?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5, description: 'rating: 1 to 5' })
  @IsOptional()
  @IsInt({ message: 'value must be a whole number' })
  value?: number;
}

export class SubmitSurveyResponseDto {
  @ApiProperty({
    type: () => [AnswerInput],
    description:
      'One entry per answered question. A question left out, or given an empty selection or blank text, is unanswered (refused if required).',
  })
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => AnswerInput)
  answers: AnswerInput[];

  @ApiPropertyOptional({
    description:
      'The `anonymous` of the survey as the member was shown it (getMySurvey). Optional for older clients; when sent and the survey ' +
      'says otherwise, the answer is refused with 409 SURVEY_ANONYMITY_CHANGED and nothing is stored. Clients should always send it.',
  })
  @IsOptional()
  @IsBoolean({ message: 'anonymous must be true or false' })
  anonymous?: boolean;
}
