import { ApiProperty } from '@nestjs/swagger';
import { QUESTION_TYPES, type QuestionType } from '../survey-question.entity.js';
import { SURVEY_EFFECTIVE_STATUSES, SURVEY_KINDS, type SurveyEffectiveStatus, type SurveyKind } from '../survey.entity.js';

const PERCENT = 'A percentage with one decimal';
const SUP = 'SURVEY_ANONYMITY_K';

export class OptionResult {
  @ApiProperty({ format: 'uuid' }) optionId: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'Quizzes: a right answer; null in a survey' }) correct: boolean | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Respondents who chose it; null when the question is suppressed' }) count:
    number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: `${PERCENT} of the respondents who answered the question; for multiple choice the options may add up past 100. Null when suppressed`,
    example: 62.5,
  })
  percent: number | null;
}

export class RatingBucket {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) value: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when the question is suppressed' }) count: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT} of the ratings given; null when suppressed` }) percent:
    number | null;
}

export class RatingResult {
  @ApiProperty({ type: 'number', nullable: true, description: 'The mean rating, two decimals; null without ratings', example: 4.25 })
  average: number | null;
  @ApiProperty({ type: () => [RatingBucket], description: 'Every value from 1 to 5' }) distribution: RatingBucket[];
}

export class TextAnswerResult {
  @ApiProperty() text: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'The member; always null for an anonymous survey' }) memberName:
    string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Their branch when they answered; always null for an anonymous survey' })
  committeeName: string | null;
}

export class QuestionResult {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'SurveyQuestionType' }) type: QuestionType;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Respondents who answered it (0 for a section); null when suppressed' })
  answered: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Respondents who left it out; null when suppressed' }) skipped:
    number | null;
  @ApiProperty({
    description: `Anonymous surveys: fewer than ${SUP} respondents answered it, so none of its figures or texts are shown (counts null, texts empty)`,
  })
  suppressed: boolean;
  @ApiProperty({ type: () => [OptionResult], nullable: true, description: 'Choice questions, in option order' }) options:
    OptionResult[] | null;
  @ApiProperty({ type: () => RatingResult, nullable: true, description: 'Rating questions' }) rating: RatingResult | null;
  @ApiProperty({
    type: () => [TextAnswerResult],
    nullable: true,
    description:
      'Text questions: at most 200 answers here (all of them in the export); anonymous ones in alphabetical order, never per committee, ' +
      `and only when at least ${SUP} respondents answered the question`,
  })
  textAnswers: TextAnswerResult[] | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Text questions: how many text answers there are in all' }) textAnswerCount:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quiz choice questions: respondents who got it right' }) correctCount:
    number | null;
  @ApiProperty({ type: 'number', nullable: true, description: `Quiz choice questions: ${PERCENT} of all respondents who got it right` })
  correctPercent: number | null;
}

export class CommitteeParticipation {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() committeeName: string;
  @ApiProperty({ description: 'The target committee itself (its own members, not a sub-committee)' }) own: boolean;
  @ApiProperty({ type: 'integer', description: 'Current members of its subtree (now, not when the survey opened)' }) invited: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: `Members who answered while their branch was in its subtree. Anonymous surveys: null (suppressed) below ${SUP}, and for the cells that would reveal such a one by difference`,
  })
  respondents: number | null;
  @ApiProperty({ description: 'The respondents of this row are not shown (anonymous survey, see respondents)' }) suppressed: boolean;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT}: respondents / invited; null without members` }) rate:
    number | null;
}

export class ScoreBucket {
  @ApiProperty({ type: 'integer' }) score: number;
  @ApiProperty({ type: 'integer', nullable: true }) count: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT} of the respondents` }) percent: number | null;
}

export class QuizResult {
  @ApiProperty({ type: 'integer' }) maxScore: number;
  @ApiProperty({ type: 'integer' }) passMark: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Mean score, two decimals; null without respondents' }) averageScore:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when the results are suppressed' }) passed: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT} of the respondents who passed; null without respondents` })
  passRate: number | null;
  @ApiProperty({ type: () => [ScoreBucket], description: 'Every score from 0 to maxScore' }) scoreDistribution: ScoreBucket[];
}

export class DailyResponses {
  @ApiProperty({ type: 'string', format: 'date', description: 'Vietnam calendar day' }) date: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: `Null (suppressed) in an anonymous survey for a day below ${SUP}, or one that would reveal such a day`,
  })
  count: number | null;
  @ApiProperty() suppressed: boolean;
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
  @ApiProperty({ type: 'integer', description: 'Current members of the target subtree (members who left are not counted)' })
  invited: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      `Answers counted. Anonymous surveys: those released into the results, which happens in steps of at least ${SUP} answers ` +
      '(a survey with live results never shows its last step of fewer than that; one with results after closing shows every answer once closed); ' +
      `null (suppressed) below ${SUP}`,
  })
  respondents: number | null;
  @ApiProperty({
    description: `Anonymous surveys: fewer than ${SUP} answers are counted, so no figure is shown (counts null, lists empty)`,
  })
  suppressed: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: `Anonymous surveys: ${SUP}, the fewest respondents a shown figure may describe; null otherwise`,
  })
  anonymityThreshold: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: `${PERCENT}: respondents / invited; null without members` }) responseRate:
    number | null;
  @ApiProperty({ type: () => [QuestionResult], description: 'In survey order, sections included' }) questions: QuestionResult[];
  @ApiProperty({
    type: () => [CommitteeParticipation],
    description: "Per direct sub-committee of the target (and the target's own members, if any)",
  })
  participation: CommitteeParticipation[];
  @ApiProperty({ type: () => [DailyResponses], description: 'Answers per day, oldest first' }) responsesByDay: DailyResponses[];
  @ApiProperty({ type: () => QuizResult, nullable: true, description: 'Quizzes only' }) quiz: QuizResult | null;
}
