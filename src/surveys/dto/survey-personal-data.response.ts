import { ApiProperty } from '@nestjs/swagger';
import { QUESTION_TYPES, type QuestionType } from '../survey-question.entity.js';
import { SURVEY_KINDS, type SurveyKind } from '../survey.entity.js';

/** One answer of the member's own response, in the words the member saw. */
export class MySurveyAnswerRecord {
  @ApiProperty({ example: 'Đồng chí đã học tập Nghị quyết Đại hội XIV chưa?' }) question: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: QuestionType;
  @ApiProperty({ type: 'string', isArray: true, description: 'The options chosen (single and multiple choice)' }) options: string[];
  @ApiProperty({ type: 'string', nullable: true }) text: string | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 5 }) value: number | null;
}

/** A survey or quiz the member answered, in GET /api/me/export. */
export class MySurveyRecord {
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SURVEY_KINDS }) kind: SurveyKind;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ type: 'string', format: 'date', description: 'The Vietnam calendar day of the answer (no finer time is kept)' })
  respondedOn: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "A quiz's score" }) score: number | null;
  @ApiProperty({ type: 'boolean', nullable: true }) passed: boolean | null;
  @ApiProperty({
    type: MySurveyAnswerRecord,
    isArray: true,
    nullable: true,
    description: 'The answers given; null for an anonymous survey, whose answers are stored without anything that links them to the member',
  })
  answers: MySurveyAnswerRecord[] | null;
}
