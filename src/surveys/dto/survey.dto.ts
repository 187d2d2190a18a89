import { CsvDelimiterQuery } from '../../common/csv.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorQuery } from '../../common/cursor.js';
import { QUESTION_TYPES, type QuestionType } from '../survey-question.entity.js';
import { RESULTS_VISIBILITIES, SURVEY_KINDS, type ResultsVisibility, type SurveyKind } from '../survey.entity.js';
import { Nullable } from '../../common/validation.js';

/** nullable optional: `undefined` and `null` both mean "none". */

export const MAX_QUESTIONS = 200;
export const MAX_OPTIONS = 50;
export const MAX_POINTS = 1000;

export class SurveyOptionInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'PUT only: the id of an existing option of this question, to keep it; omit for a new option',
  })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string;

  @ApiProperty({ example: 'Đồng ý', maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  text: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Quizzes: a right answer. A single-choice question has exactly one, a multiple-choice one at least one',
  })
  @IsOptional()
  @IsBoolean()
  correct?: boolean;
}

export class SurveyQuestionInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'PUT only: the id of an existing question of this survey, to keep it; omit for a new question',
  })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string;

  @ApiProperty({
    example: 'Đồng chí đã nghiên cứu toàn văn Nghị quyết chưa?',
    maxLength: 2000,
    description: 'The question, or the heading of a section',
  })
  @IsString()
  @MaxLength(2000)
  text: string;

  @ApiProperty({
    enum: QUESTION_TYPES,
    enumName: 'SurveyQuestionType',
    description:
      '`single` (one option), `multiple` (several, within minSelections..maxSelections), `short_text` (up to 500 characters), ' +
      '`long_text` (up to 5000), `rating` (1 to 5), `section` (a heading between questions; takes no answer)',
  })
  @IsIn(QUESTION_TYPES, { message: `type must be one of: ${QUESTION_TYPES.join(', ')}` })
  type: QuestionType;

  @ApiProperty({ description: 'Must be answered (always false for a section)' })
  @IsBoolean()
  required: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'multiple only: the fewest options to choose when answering (default 1 if required, else 0)',
  })
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(MAX_OPTIONS)
  minSelections?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    description: 'multiple only: the most options to choose (default: all of them)',
  })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(MAX_OPTIONS)
  maxSelections?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: MAX_POINTS,
    description: 'Quizzes, choice questions only: what a right answer scores (default 1)',
  })
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(MAX_POINTS)
  points?: number | null;

  @ApiPropertyOptional({
    type: () => [SurveyOptionInput],
    description: 'single and multiple: 2 to 50 options, in order; no other type has options',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyOptionInput)
  options?: SurveyOptionInput[];
}

/** The definition of a survey: POST creates it, PUT replaces it (questions and options matched by id). */
export class SurveyDefinitionDto {
  @ApiProperty({ example: 'Học tập Nghị quyết Đại hội XIV của Đảng', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 10000,
    example: 'Kiểm tra nhận thức sau buổi học tập, quán triệt Nghị quyết.',
  })
  @Nullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiProperty({
    enum: SURVEY_KINDS,
    enumName: 'SurveyKind',
    description: '`survey` (opinions) or `quiz` (right answers, points and a pass mark)',
  })
  @IsIn(SURVEY_KINDS, { message: 'kind must be survey or quiz' })
  kind: SurveyKind;

  @ApiProperty({
    type: 'integer',
    description: "The target committee, in the caller's scope: every member of its whole subtree is invited",
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId: number;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Answers are taken from then on, once the survey is opened (default: from the opening)',
  })
  @Nullable()
  @IsISO8601({ strict: true }, { message: 'opensAt must be an ISO 8601 date-time' })
  opensAt?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Answers are taken until then; the survey then closes by itself (default: until closed by hand)',
  })
  @Nullable()
  @IsISO8601({ strict: true }, { message: 'closesAt must be an ISO 8601 date-time' })
  closesAt?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Store the answers without the member (who answered is still kept apart, so nobody answers twice)',
  })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({
    enum: RESULTS_VISIBILITIES,
    enumName: 'SurveyResultsVisibility',
    default: 'after_close',
    description: '`after_close`: results are hidden, from staff as well, until the survey closes; `live`: staff see them while it runs',
  })
  @IsOptional()
  @IsIn(RESULTS_VISIBILITIES, { message: 'resultsVisibility must be after_close or live' })
  resultsVisibility?: ResultsVisibility;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'Quizzes (required there): the least score that passes, at most the total points',
  })
  @Nullable()
  @IsInt()
  @Min(0)
  passMark?: number | null;

  @ApiProperty({ type: () => [SurveyQuestionInput], description: `The blocks in order (at most ${MAX_QUESTIONS})` })
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionInput)
  questions: SurveyQuestionInput[];
}

/** The body of open and close: nothing (the transition is the route). */
export class SurveyTransitionDto {}

export class CreateSurveyDto extends SurveyDefinitionDto {}
export class UpdateSurveyDto extends SurveyDefinitionDto {}

export const RESULTS_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ResultsExportFormat = (typeof RESULTS_EXPORT_FORMATS)[number];

export class ResultsExportQuery extends CsvDelimiterQuery {
  @ApiPropertyOptional({
    enum: RESULTS_EXPORT_FORMATS,
    default: 'xlsx',
    description: 'An Excel workbook (one sheet per part) or a UTF-8 CSV (the parts one after another)',
  })
  @IsOptional()
  @IsIn(RESULTS_EXPORT_FORMATS, { message: 'format must be csv or xlsx' })
  format?: ResultsExportFormat;
}

/** The members' list: `?cursor=&limit=`. */
export class MySurveysQuery extends CursorQuery {}
