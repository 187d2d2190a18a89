import { ApiError } from '../common/errors.js';
import type { SurveyDefinitionDto } from './dto/survey.dto.js';
import { CHOICE_TYPES, type QuestionType } from './survey-question.entity.js';
import type { ResultsVisibility, SurveyKind } from './survey.entity.js';

/** A definition after its checks: trimmed, defaults applied, dates parsed. */
export interface DefinitionOption {
  id?: string;
  text: string;
  correct: boolean;
}
export interface DefinitionQuestion {
  id?: string;
  text: string;
  type: QuestionType;
  required: boolean;
  minSelections: number | null;
  maxSelections: number | null;
  points: number | null;
  options: DefinitionOption[];
}
export interface SurveyDefinition {
  title: string;
  description: string | null;
  kind: SurveyKind;
  committeeId: number;
  opensAt: Date | null;
  closesAt: Date | null;
  anonymous: boolean;
  resultsVisibility: ResultsVisibility;
  passMark: number | null;
  questions: DefinitionQuestion[];
}

/** The stored definition, as the checks compare with it (questions and options in order). */
export interface StoredDefinition {
  kind: SurveyKind;
  committeeId: number;
  anonymous: boolean;
  passMark: number | null;
  closesAt: Date | null;
  questions: {
    id: string;
    type: QuestionType;
    required: boolean;
    minSelections: number | null;
    maxSelections: number | null;
    points: number | null;
    options: { id: string; correct: boolean }[];
  }[];
}

export const isChoice = (type: QuestionType) => CHOICE_TYPES.includes(type);
/** Everything but a section heading takes an answer. */
export const isAnswerable = (type: QuestionType) => type !== 'section';

/** The most a quiz can score: the points of its choice questions. */
export function maxScore(questions: { type: QuestionType; points: number | null }[]): number {
  return questions.reduce((sum, q) => sum + (isChoice(q.type) ? (q.points ?? 0) : 0), 0);
}

/** Can the survey be opened: at least one question to answer, and for a quiz one worth points. */
export function canOpen(kind: SurveyKind, questions: { type: QuestionType; points: number | null }[]): boolean {
  if (kind === 'quiz') return maxScore(questions) > 0;
  return questions.some((q) => isAnswerable(q.type));
}

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

/**
 * Checks a survey definition as a whole (the DTO checked each field already) and answers it
 * normalised; a 400 with every problem at once, keyed by dotted path (`questions.2.options.0.text`).
 * `stored` is the current definition on an update: ids must then name its questions and options,
 * and a closesAt that does not change is not held against the clock.
 */
export function checkDefinition(dto: SurveyDefinitionDto, stored: StoredDefinition | null, now = new Date()): SurveyDefinition {
  const problems: Record<string, string> = {};
  const title = dto.title.trim();
  if (!title) problems.title = 'title must not be blank';
  const description = blank(dto.description) ? null : dto.description!.trim();
  const kind = dto.kind;
  const quiz = kind === 'quiz';

  const opensAt = dto.opensAt ? new Date(dto.opensAt) : null;
  const closesAt = dto.closesAt ? new Date(dto.closesAt) : null;
  if (opensAt && closesAt && opensAt.getTime() >= closesAt.getTime()) problems.closesAt = 'closesAt must be after opensAt';
  const closesUnchanged = stored !== null && (stored.closesAt?.getTime() ?? null) === (closesAt?.getTime() ?? null);
  if (closesAt && !closesUnchanged && closesAt.getTime() <= now.getTime()) problems.closesAt ??= 'closesAt must be in the future';

  const storedQuestions = new Map((stored?.questions ?? []).map((q) => [q.id, q]));
  const seenQuestionIds = new Set<string>();
  const questions: DefinitionQuestion[] = dto.questions.map((input, i) => {
    const at = `questions.${i}`;
    const type = input.type;
    const text = input.text.trim();
    if (!text) problems[`${at}.text`] = 'text must not be blank';

    let storedQuestion: StoredDefinition['questions'][number] | undefined;
    if (input.id !== undefined) {
      storedQuestion = storedQuestions.get(input.id);
      if (!stored) problems[`${at}.id`] = 'a new survey has no question ids yet; leave id out';
      else if (!storedQuestion) problems[`${at}.id`] = 'not a question of this survey';
      else if (seenQuestionIds.has(input.id)) problems[`${at}.id`] = 'this question appears twice';
      seenQuestionIds.add(input.id);
    }

    const choice = isChoice(type);
    const optionsIn = input.options ?? [];
    if (choice && optionsIn.length < 2) problems[`${at}.options`] = 'a choice question needs at least 2 options';
    if (!choice && optionsIn.length) problems[`${at}.options`] = `a ${type} question has no options`;

    const storedOptions = new Set((storedQuestion?.options ?? []).map((o) => o.id));
    const seenOptionIds = new Set<string>();
    const seenTexts = new Set<string>();
    const options: DefinitionOption[] = optionsIn.map((o, j) => {
      const oat = `${at}.options.${j}`;
      const optionText = o.text.trim();
      if (!optionText) problems[`${oat}.text`] = 'text must not be blank';
      else if (seenTexts.has(optionText.toLowerCase())) problems[`${oat}.text`] = 'the same option appears twice';
      seenTexts.add(optionText.toLowerCase());
      if (o.id !== undefined) {
        if (!storedOptions.has(o.id)) problems[`${oat}.id`] = 'not an option of this question';
        else if (seenOptionIds.has(o.id)) problems[`${oat}.id`] = 'this option appears twice';
        seenOptionIds.add(o.id);
      }
      if (o.correct && !quiz) problems[`${oat}.correct`] = 'only a quiz marks correct options';
      return { ...(o.id !== undefined ? { id: o.id } : {}), text: optionText, correct: quiz && o.correct === true };
    });

    const required = input.required;
    if (type === 'section' && required) problems[`${at}.required`] = 'a section takes no answer: required must be false';

    const minSelections = input.minSelections ?? null;
    const maxSelections = input.maxSelections ?? null;
    if (type !== 'multiple') {
      if (minSelections !== null) problems[`${at}.minSelections`] = 'only a multiple-choice question has minSelections';
      if (maxSelections !== null) problems[`${at}.maxSelections`] = 'only a multiple-choice question has maxSelections';
    } else {
      if (minSelections !== null && minSelections > options.length)
        problems[`${at}.minSelections`] = 'minSelections is more than the number of options';
      if (maxSelections !== null && maxSelections > options.length)
        problems[`${at}.maxSelections`] = 'maxSelections is more than the number of options';
      if (minSelections !== null && maxSelections !== null && minSelections > maxSelections)
        problems[`${at}.maxSelections`] = 'maxSelections must not be less than minSelections';
    }

    let points: number | null = input.points ?? null;
    if (points !== null && !quiz) problems[`${at}.points`] = 'only a quiz gives points';
    else if (points !== null && !choice) problems[`${at}.points`] = 'only choice questions score points';
    if (quiz && choice) {
      points ??= 1;
      const correct = options.filter((o) => o.correct).length;
      if (type === 'single' && correct !== 1)
        problems[`${at}.options`] ??= "a quiz's single-choice question has exactly one correct option";
      if (type === 'multiple') {
        const min = Math.max(minSelections ?? 1, 1);
        const max = maxSelections ?? options.length;
        if (correct === 0) problems[`${at}.options`] ??= "a quiz's multiple-choice question has at least one correct option";
        else if (correct < min || correct > max)
          problems[`${at}.options`] ??= `the correct options (${correct}) must be a selection the question allows (${min} to ${max})`;
      }
    } else if (!quiz || !choice) {
      points = null;
    }

    return {
      ...(input.id !== undefined ? { id: input.id } : {}),
      text,
      type,
      required: type === 'section' ? false : required,
      minSelections,
      maxSelections,
      points,
      options,
    };
  });

  const passMark = dto.passMark ?? null;
  if (quiz) {
    const total = maxScore(questions);
    if (passMark === null) problems.passMark = 'a quiz needs a passMark';
    else if (passMark > total) problems.passMark = `passMark must not exceed the total points (${total})`;
  } else if (passMark !== null) {
    problems.passMark = 'only a quiz has a passMark';
  }

  if (Object.keys(problems).length) throw ApiError.validation(problems);
  return {
    title,
    description,
    kind,
    committeeId: dto.committeeId,
    opensAt,
    closesAt,
    anonymous: dto.anonymous ?? false,
    resultsVisibility: dto.resultsVisibility ?? 'after_close',
    passMark: quiz ? passMark : null,
    questions,
  };
}

/**
 * What in `next` changes the structure of `stored`: everything but wording (texts, title,
 * description), dates and results visibility. Once a survey has answers, any of these is refused:
 * the answers given would no longer fit the questions, or scores and pass/fail would shift.
 */
export function structuralChanges(stored: StoredDefinition, next: SurveyDefinition): string[] {
  const changes: string[] = [];
  if (next.kind !== stored.kind) changes.push('kind');
  if (next.committeeId !== stored.committeeId) changes.push('committeeId (the target)');
  if (next.anonymous !== stored.anonymous) changes.push('anonymous');
  if (next.passMark !== stored.passMark) changes.push('passMark');

  const nextIds = next.questions.map((q) => q.id);
  const storedIds = stored.questions.map((q) => q.id);
  const added = next.questions.filter((q) => q.id === undefined).length;
  const removed = storedIds.filter((id) => !nextIds.includes(id)).length;
  if (added) changes.push(`${added} question(s) added`);
  if (removed) changes.push(`${removed} question(s) removed`);
  if (!added && !removed && nextIds.some((id, i) => id !== storedIds[i])) changes.push('questions reordered');

  const storedById = new Map(stored.questions.map((q) => [q.id, q]));
  next.questions.forEach((q, i) => {
    const s = q.id === undefined ? undefined : storedById.get(q.id);
    if (!s) return;
    const at = `question ${i + 1}`;
    if (q.type !== s.type) changes.push(`${at}: type`);
    if (q.required !== s.required) changes.push(`${at}: required`);
    if (q.minSelections !== s.minSelections || q.maxSelections !== s.maxSelections) changes.push(`${at}: min/max selections`);
    if (q.points !== s.points) changes.push(`${at}: points`);
    const optionIds = q.options.map((o) => o.id);
    const storedOptionIds = s.options.map((o) => o.id);
    if (optionIds.length !== storedOptionIds.length || optionIds.some((id, j) => id !== storedOptionIds[j])) {
      changes.push(`${at}: options added, removed or reordered`);
    } else if (q.options.some((o, j) => o.correct !== s.options[j].correct)) {
      changes.push(`${at}: correct options`);
    }
  });
  return changes;
}
