import { ApiError } from '../common/errors.js';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT, type AnswerInput } from './dto/submission.dto.js';
import { RATING_MAX, RATING_MIN, type QuestionType } from './survey-question.entity.js';
import { isChoice } from './survey-definition.js';

/** A question as the answer checks need it. */
export interface AnswerableQuestion {
  id: string;
  type: QuestionType;
  required: boolean;
  minSelections: number | null;
  maxSelections: number | null;
  points: number | null;
  options: { id: string; correct: boolean }[];
}

/** One row of `survey_answers` to write: exactly one of optionId, text, value. */
export interface AnswerRow {
  questionId: string;
  optionId: string | null;
  text: string | null;
  value: number | null;
}

/**
 * Checks every answer against its question and answers the rows to store; a 400 with every problem
 * at once otherwise. Problems of an answer are keyed `answers.<index>.<field>`; a required question
 * left unanswered is keyed `questions.<questionId>`. An empty selection or a blank text counts as
 * no answer (fine unless the question is required).
 */
export function checkAnswers(questions: AnswerableQuestion[], answers: AnswerInput[]): AnswerRow[] {
  const problems: Record<string, string> = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answered = new Set<string>();
  const seen = new Set<string>();
  const rows: AnswerRow[] = [];

  answers.forEach((a, i) => {
    const at = `answers.${i}`;
    const q = byId.get(a.questionId);
    if (!q) {
      problems[`${at}.questionId`] = 'not a question of this survey';
      return;
    }
    if (q.type === 'section') {
      problems[`${at}.questionId`] = 'a section takes no answer';
      return;
    }
    if (seen.has(q.id)) {
      problems[`${at}.questionId`] = 'this question is answered twice';
      return;
    }
    seen.add(q.id);

    if (isChoice(q.type)) {
      if (a.text !== undefined) problems[`${at}.text`] = 'a choice question is answered with optionIds';
      if (a.value !== undefined) problems[`${at}.value`] = 'a choice question is answered with optionIds';
      const chosen = a.optionIds ?? [];
      if (!chosen.length) return;
      const own = new Set(q.options.map((o) => o.id));
      const foreign = chosen.find((id) => !own.has(id));
      if (foreign) problems[`${at}.optionIds`] = `${foreign} is not an option of this question`;
      else if (new Set(chosen).size !== chosen.length) problems[`${at}.optionIds`] = 'an option is chosen twice';
      else if (q.type === 'single' && chosen.length !== 1) problems[`${at}.optionIds`] = 'choose exactly one option';
      else if (q.type === 'multiple') {
        const min = Math.max(q.minSelections ?? 1, 1);
        const max = q.maxSelections ?? q.options.length;
        if (chosen.length < min) problems[`${at}.optionIds`] = `choose at least ${min} options`;
        else if (chosen.length > max) problems[`${at}.optionIds`] = `choose at most ${max} option${max === 1 ? '' : 's'}`;
      }
      if (problems[`${at}.optionIds`]) return;
      answered.add(q.id);
      for (const optionId of chosen) rows.push({ questionId: q.id, optionId, text: null, value: null });
      return;
    }

    if (q.type === 'rating') {
      if (a.optionIds !== undefined) problems[`${at}.optionIds`] = 'a rating is answered with value';
      if (a.text !== undefined) problems[`${at}.text`] = 'a rating is answered with value';
      if (a.value === undefined || a.value === null) return;
      if (a.value < RATING_MIN || a.value > RATING_MAX) {
        problems[`${at}.value`] = `value must be from ${RATING_MIN} to ${RATING_MAX}`;
        return;
      }
      answered.add(q.id);
      rows.push({ questionId: q.id, optionId: null, text: null, value: a.value });
      return;
    }

    // short_text, long_text
    if (a.optionIds !== undefined) problems[`${at}.optionIds`] = 'a text question is answered with text';
    if (a.value !== undefined) problems[`${at}.value`] = 'a text question is answered with text';
    const text = (a.text ?? '').trim();
    if (!text) return;
    const limit = q.type === 'short_text' ? MAX_SHORT_TEXT : MAX_LONG_TEXT;
    if (text.length > limit) {
      problems[`${at}.text`] = `text must be at most ${limit} characters`;
      return;
    }
    answered.add(q.id);
    rows.push({ questionId: q.id, optionId: null, text, value: null });
  });

  for (const q of questions) {
    if (q.required && !answered.has(q.id) && !Object.keys(problems).some((k) => problemOf(k, answers) === q.id)) {
      problems[`questions.${q.id}`] = 'this question is required';
    }
  }
  if (Object.keys(problems).length) throw ApiError.validation(problems);
  return rows;
}

/** The question an `answers.<i>.<field>` problem is about (so a bad answer is not also reported missing). */
function problemOf(key: string, answers: AnswerInput[]): string | undefined {
  const m = /^answers\.(\d+)\./.exec(key);
  return m ? answers[Number(m[1])]?.questionId : undefined;
}

export interface QuizScore {
  score: number;
  maxScore: number;
  questions: { questionId: string; correct: boolean; points: number }[];
}

/**
 * A quiz's score: a choice question scores its points when the options chosen are exactly its
 * correct ones (all or nothing for multiple choice); unanswered scores nothing.
 */
export function scoreQuiz(questions: AnswerableQuestion[], rows: AnswerRow[]): QuizScore {
  const chosen = new Map<string, Set<string>>();
  for (const r of rows)
    if (r.optionId) (chosen.get(r.questionId) ?? chosen.set(r.questionId, new Set()).get(r.questionId)!).add(r.optionId);
  let score = 0;
  let max = 0;
  const out: QuizScore['questions'] = [];
  for (const q of questions) {
    if (!isChoice(q.type)) continue;
    const points = q.points ?? 0;
    max += points;
    const picked = chosen.get(q.id) ?? new Set<string>();
    const right = q.options.filter((o) => o.correct).map((o) => o.id);
    const correct = right.length > 0 && picked.size === right.length && right.every((id) => picked.has(id));
    if (correct) score += points;
    out.push({ questionId: q.id, correct, points: correct ? points : 0 });
  }
  return { score, maxScore: max, questions: out };
}
