import { ApiProperty } from '@nestjs/swagger';
import { QUESTION_TYPES, type QuestionType } from '../entities/survey-question.entity.js';
import { SURVEY_EFFECTIVE_STATUSES, SURVEY_KINDS, type SurveyEffectiveStatus, type SurveyKind } from '../entities/survey.entity.js';

const PERCENT = 'A percentage with one decimal';

export class OptionResult {
  @ApiProperty({ format: 'uuid' }) optionId: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'Quizzes: a right answer; null in a survey' }) correct: boolean | null;
  @ApiProperty({ type: 'integer', description: 'Respondents who chose it' }) count: number;
  @ApiProperty({
    description: `${PERCENT} of the respondents who answered the question; for multiple choice the options may add up past 100`,
    example: 62.5,
  })
  percent: number;
}

export class RatingBucket {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) value: number;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ description: `${PERCENT} of the ratings given` }) percent: number;
}

export class RatingResult {
  @ApiProperty({ type: 'number', nullable: true, description: 'The mean rating, two decimals; null without ratings', example: 4.25 }) average: number | null;
  @ApiProperty({ type: () => [RatingBucket], description: 'Every value from 1 to 5' }) distribution: RatingBucket[];
}

export class TextAnswerResult {
  @ApiProperty() text: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'The member; always null for an anonymous survey' }) memberName: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Their branch when they answered; always null for an anonymous survey' }) committeeName: string | null;
}

export class QuestionResult {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'SurveyQuestionType' }) type: QuestionType;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: 'integer', description: 'Respondents who answered it (0 for a section)' }) answered: number;
  @ApiProperty({ type: 'integer', description: 'Respondents who left it out' }) skipped: number;
  @ApiProperty({ type: () => [OptionResult], nullable: true, description: 'Choice questions, in option order' }) options: OptionResult[] | null;
  @ApiProperty({ type: () => RatingResult, nullable: true, description: 'Rating questions' }) rating: RatingResult | null;
  @ApiProperty({
    type: () => [TextAnswerResult],
    nullable: true,
    description: 'Text questions: at most 200 answers here (all of them in the export); anonymous ones in no meaningful order',
  })
  textAnswers: TextAnswerResult[] | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Text questions: how many text answers there are in all' }) textAnswerCount: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quiz choice questions: respondents who got it right' }) correctCount: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: `Quiz choice questions: ${PERCENT} of all respondents who got it right` }) correctPercent: number | null;
}

export class CommitteeParticipation {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() committeeName: string;
  @ApiProperty({ description: 'The target committee itself (its own members, not a sub-committee)' }) own: boolean;
  @ApiProperty({ type: 'integer', description: 'Current members of its subtree (now, not when the survey opened)' }) invited: number;
  @ApiProperty({ type: 'integer', description: 'Members who answered while their branch was in its subtree' }) respondents: number;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT}: respondents / invited; null without members` }) rate: number | null;
}

export class ScoreBucket {
  @ApiProperty({ type: 'integer' }) score: number;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ description: `${PERCENT} of the respondents` }) percent: number;
}

export class QuizResult {
  @ApiProperty({ type: 'integer' }) maxScore: number;
  @ApiProperty({ type: 'integer' }) passMark: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Mean score, two decimals; null without respondents' }) averageScore: number | null;
  @ApiProperty({ type: 'integer' }) passed: number;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT} of the respondents who passed; null without respondents` }) passRate: number | null;
  @ApiProperty({ type: () => [ScoreBucket], description: 'Every score from 0 to maxScore' }) scoreDistribution: ScoreBucket[];
}

export class DailyResponses {
  @ApiProperty({ type: 'string', format: 'date', description: 'Vietnam calendar day' }) date: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

/** The results of a survey, computed when asked. */
export class SurveyResults {
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SURVEY_KINDS, enumName: 'SurveyKind' }) kind: SurveyKind;
  @ApiProperty({ enum: SURVEY_EFFECTIVE_STATUSES, enumName: 'SurveyStatus' }) status: SurveyEffectiveStatus;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() committeeName: string;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'When these figures were computed' }) computedAt: Date;
  @ApiProperty({ type: 'integer', description: 'Current members of the target subtree (members who left are not counted)' }) invited: number;
  @ApiProperty({ type: 'integer', description: 'Answers received' }) respondents: number;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT}: respondents / invited; null without members` }) responseRate: number | null;
  @ApiProperty({ type: () => [QuestionResult], description: 'In survey order, sections included' }) questions: QuestionResult[];
  @ApiProperty({ type: () => [CommitteeParticipation], description: 'Per direct sub-committee of the target (and the target\'s own members, if any)' })
  participation: CommitteeParticipation[];
  @ApiProperty({ type: () => [DailyResponses], description: 'Answers per day, oldest first' }) responsesByDay: DailyResponses[];
  @ApiProperty({ type: () => QuizResult, nullable: true, description: 'Quizzes only' }) quiz: QuizResult | null;
}
