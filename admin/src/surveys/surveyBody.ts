import type { SurveyOption, SurveyQuestion } from '../types';

/**
 * The body of POST /surveys and PUT /surveys/{id} from the form's values.
 *
 * The API whitelists strictly and checks across fields, so each question
 * carries only what its type takes: options for choice questions, min/max
 * selections for multiple choice, points and correct flags in a quiz. Ids of
 * existing questions and options are kept: without them a PUT replaces them,
 * which a survey with answers refuses (409 SURVEY_HAS_RESPONSES). PUT replaces
 * the whole survey, so every top-level field is sent each time.
 */
const CHOICE = new Set(['single', 'multiple']);

const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

const optionBody = (option: SurveyOption, quiz: boolean) => {
  const out: Record<string, unknown> = { text: option.text ?? '' };
  if (option.id) out.id = option.id;
  if (quiz) out.correct = !!option.correct;
  return out;
};

const questionBody = (question: SurveyQuestion, quiz: boolean) => {
  const type = question.type;
  const out: Record<string, unknown> = {
    text: question.text ?? '',
    type,
    required: type === 'section' ? false : !!question.required,
  };
  if (question.id) out.id = question.id;
  if (CHOICE.has(type)) {
    out.options = (question.options ?? []).map((option) => optionBody(option, quiz));
    if (quiz) out.points = blankToNull(question.points);
  }
  if (type === 'multiple') {
    out.minSelections = blankToNull(question.minSelections);
    out.maxSelections = blankToNull(question.maxSelections);
  }
  return out;
};

export const surveyBody = (data: any) => {
  if (!data || typeof data !== 'object') return data;
  const quiz = data.kind === 'quiz';
  return {
    title: data.title,
    description: blankToNull(data.description),
    kind: data.kind,
    committeeId: data.committeeId,
    opensAt: blankToNull(data.opensAt),
    closesAt: blankToNull(data.closesAt),
    anonymous: !!data.anonymous,
    resultsVisibility: data.resultsVisibility ?? 'after_close',
    passMark: quiz ? blankToNull(data.passMark) : null,
    questions: ((data.questions ?? []) as SurveyQuestion[]).map((question) => questionBody(question, quiz)),
  };
};
