import { ApiProperty } from '@nestjs/swagger';
import { CursorPageMeta } from '../../common/cursor.js';
import type { SurveyOption } from '../survey-option.entity.js';
import { QUESTION_TYPES, type QuestionType, type SurveyQuestion } from '../survey-question.entity.js';
import {
  RESULTS_VISIBILITIES,
  SURVEY_EFFECTIVE_STATUSES,
  SURVEY_KINDS,
  type ResultsVisibility,
  type Survey,
  type SurveyEffectiveStatus,
  type SurveyKind,
} from '../survey.entity.js';
import { isAnswerable, maxScore } from '../survey-definition.js';
import { effectiveStatus } from '../surveys.rules.js';

const STATUS_DOC =
  '`draft` (being written), `scheduled` (opened, but opensAt is ahead), `open` (taking answers), ' +
  '`closed` (by hand, or because closesAt has passed; final)';

// ---- staff (the dashboard) ----

export class SurveyOptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'Zero-based order within the question' }) position: number;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Quizzes: a right answer (always false in a survey)' }) correct: boolean;
}

export class SurveyQuestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'Zero-based order within the survey' }) position: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'SurveyQuestionType' }) type: QuestionType;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) minSelections: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxSelections: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quizzes: the points of a choice question' }) points: number | null;
  @ApiProperty({ type: () => [SurveyOptionView] }) options: SurveyOptionView[];
}

/** A survey as the admin list shows it. */
export class SurveyListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'The target committee (its whole subtree is invited)' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ enum: SURVEY_KINDS, enumName: 'SurveyKind' }) kind: SurveyKind;
  @ApiProperty({ enum: SURVEY_EFFECTIVE_STATUSES, enumName: 'SurveyStatus', description: STATUS_DOC }) status: SurveyEffectiveStatus;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) opensAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closesAt: Date | null;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ enum: RESULTS_VISIBILITIES, enumName: 'SurveyResultsVisibility' }) resultsVisibility: ResultsVisibility;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quizzes: the least score that passes' }) passMark: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quizzes: the total points' }) maxScore: number | null;
  @ApiProperty({ type: 'integer', description: 'Questions to answer (sections not counted)' }) questionCount: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Answers received so far. Anonymous surveys: the answers counted in the results (they move in steps of at least SURVEY_ANONYMITY_K), ' +
      'and null while fewer than that (respondentsSuppressed)',
  })
  respondents: number | null;
  @ApiProperty({ description: 'Anonymous surveys: the count is not shown because fewer than SURVEY_ANONYMITY_K answers are counted' })
  respondentsSuppressed: boolean;
  @ApiProperty({ description: 'Whether staff may read the results now (live, or closed)' }) resultsVisible: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When members first see it' }) publishedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Opened by hand at' }) openedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Closed by hand at (null when closed by time)' })
  closedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

/** A survey in full, with the ids of its questions and options. */
export class SurveyDetail extends SurveyListItem {
  @ApiProperty({ type: () => [SurveyQuestionView] }) questions: SurveyQuestionView[];
}

const byPosition = <T extends { position: number }>(list: T[] | undefined) => [...(list ?? [])].sort((a, b) => a.position - b.position);

export function toSurveyListItem(
  s: Survey,
  respondents: number | null,
  questions: Pick<SurveyQuestion, 'type' | 'points'>[],
  now = new Date(),
): SurveyListItem {
  const status = effectiveStatus(s, now);
  return {
    id: s.id,
    committeeId: s.committeeId,
    committeeName: s.committee?.name ?? null,
    title: s.title,
    description: s.description,
    kind: s.kind,
    status,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    anonymous: s.anonymous,
    resultsVisibility: s.resultsVisibility,
    passMark: s.passMark,
    maxScore: s.kind === 'quiz' ? maxScore(questions) : null,
    questionCount: questions.filter((q) => isAnswerable(q.type)).length,
    respondents,
    respondentsSuppressed: respondents === null,
    resultsVisible: s.resultsVisibility === 'live' || status === 'closed',
    publishedAt: s.publishedAt,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function toSurveyDetail(s: Survey, respondents: number | null, now = new Date()): SurveyDetail {
  const questions = byPosition(s.questions);
  return {
    ...toSurveyListItem(s, respondents, questions, now),
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      type: q.type,
      required: q.required,
      minSelections: q.minSelections,
      maxSelections: q.maxSelections,
      points: q.points,
      options: byPosition(q.options).map((o: SurveyOption) => ({ id: o.id, position: o.position, text: o.text, correct: o.correct })),
    })),
  };
}

// ---- members (mobile) ----

/** A compact entry of the member's list. */
export class MySurveyListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SURVEY_KINDS, enumName: 'SurveyKind' }) kind: SurveyKind;
  @ApiProperty({ description: 'The committee that sent it' }) committeeName: string;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Answers are taken until then (null: until closed by hand)',
  })
  closesAt: Date | null;
  @ApiProperty({ description: 'Answers carry no member identity' }) anonymous: boolean;
  @ApiProperty({ type: 'integer', description: 'Questions to answer (section headings not counted)' }) questionCount: number;
  @ApiProperty({ description: 'The member has answered it' }) answered: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) publishedAt: Date;
}

export class MySurveyPage extends CursorPageMeta {
  @ApiProperty({ type: () => [MySurveyListItem] }) items: MySurveyListItem[];
}

export class MySurveyOption {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
}

/** A question as a member sees it: no correct options, no points. */
export class MySurveyQuestion {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'SurveyQuestionType' }) type: QuestionType;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'multiple: choose at least this many (when answering)' }) minSelections:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'multiple: choose at most this many' }) maxSelections: number | null;
  @ApiProperty({ type: () => [MySurveyOption] }) options: MySurveyOption[];
}

export class MySurveyDetail extends MySurveyListItem {
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ enum: SURVEY_EFFECTIVE_STATUSES, enumName: 'SurveyStatus', description: 'open, or closed for one that has ended' })
  status: SurveyEffectiveStatus;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) opensAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quizzes: the total points' }) maxScore: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Quizzes: the least score that passes' }) passMark: number | null;
  @ApiProperty({ type: () => [MySurveyQuestion], description: 'In order, section headings included' }) questions: MySurveyQuestion[];
}

export function toMySurveyListItem(s: Survey, questionCount: number, answered: boolean): MySurveyListItem {
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    committeeName: s.committee?.name ?? '',
    closesAt: s.closesAt,
    anonymous: s.anonymous,
    questionCount,
    answered,
    publishedAt: s.publishedAt!,
  };
}

export function toMySurveyDetail(s: Survey, answered: boolean, now = new Date()): MySurveyDetail {
  const questions = byPosition(s.questions);
  return {
    ...toMySurveyListItem(s, questions.filter((q) => isAnswerable(q.type)).length, answered),
    description: s.description,
    status: effectiveStatus(s, now),
    opensAt: s.opensAt,
    maxScore: s.kind === 'quiz' ? maxScore(questions) : null,
    passMark: s.passMark,
    questions: questions.map((q) => ({
      id: q.id,
      text: q.text,
      type: q.type,
      required: q.required,
      minSelections: q.minSelections,
      maxSelections: q.maxSelections,
      options: byPosition(q.options).map((o) => ({ id: o.id, text: o.text })),
    })),
  };
}

// ---- a submitted answer ----

export class QuizQuestionOutcome {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ description: 'The options chosen were exactly the right ones' }) correct: boolean;
  @ApiProperty({ type: 'integer', description: 'Points scored on it' }) points: number;
}

/** What a member gets back for an answer; the quiz fields are null for a survey. */
export class SurveySubmissionResult {
  @ApiProperty({ format: 'uuid' }) surveyId: string;
  @ApiProperty({ type: 'string', format: 'date', description: 'The day the answer was recorded (Vietnam time); no finer time is kept' })
  submittedOn: string;
  @ApiProperty({ type: 'integer', nullable: true }) score: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxScore: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) passMark: number | null;
  @ApiProperty({ type: 'boolean', nullable: true }) passed: boolean | null;
  @ApiProperty({
    type: () => [QuizQuestionOutcome],
    nullable: true,
    description: 'Quizzes: right or wrong per choice question (which option was right is not told)',
  })
  questions: QuizQuestionOutcome[] | null;
}
