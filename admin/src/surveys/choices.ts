import { SURVEY_KINDS, SURVEY_QUESTION_TYPES, SURVEY_STATUSES, type SurveyStatus } from '../types';

/** Choices whose names are translation keys (inputs translate them). */
export const surveyKindChoices = SURVEY_KINDS.map((id) => ({
  id,
  name: `resources.surveys.kinds.${id}`,
}));
export const surveyStatusChoices = SURVEY_STATUSES.map((id) => ({
  id,
  name: `resources.surveys.statuses.${id}`,
}));
export const questionTypeChoices = SURVEY_QUESTION_TYPES.map((id) => ({
  id,
  name: `resources.surveys.question_types.${id}`,
}));
export const resultsVisibilityChoices = (['after_close', 'live'] as const).map((id) => ({
  id,
  name: `resources.surveys.visibility.${id}`,
}));

export const SURVEY_STATUS_COLORS: Record<SurveyStatus, 'default' | 'info' | 'success' | 'warning'> = {
  draft: 'default',
  scheduled: 'info',
  open: 'success',
  closed: 'warning',
};

export const isChoice = (type?: string | null) => type === 'single' || type === 'multiple';

/** Total points of a quiz as the server counts them (choice questions, default 1). */
export const quizTotal = (questions: { type?: string; points?: number | null }[] = []) =>
  questions
    .filter((question) => isChoice(question?.type))
    .reduce((sum, question) => sum + (question.points == null || (question.points as unknown) === '' ? 1 : Number(question.points)), 0);
