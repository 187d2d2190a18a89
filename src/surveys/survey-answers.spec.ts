import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors.js';
import type { AnswerInput } from './dto/submission.dto.js';
import { checkAnswers, scoreQuiz, type AnswerableQuestion } from './survey-answers.js';

const q = (id: string, type: AnswerableQuestion['type'], over: Partial<AnswerableQuestion> = {}): AnswerableQuestion => ({
  id,
  type,
  required: false,
  minSelections: null,
  maxSelections: null,
  points: null,
  options: [],
  ...over,
});
const questions = [
  q('s', 'section'),
  q('one', 'single', {
    required: true,
    points: 1,
    options: [
      { id: 'a', correct: false },
      { id: 'b', correct: true },
    ],
  }),
  q('many', 'multiple', {
    minSelections: 2,
    maxSelections: 3,
    points: 2,
    options: [
      { id: 'x', correct: true },
      { id: 'y', correct: true },
      { id: 'z', correct: false },
      { id: 'w', correct: false },
    ],
  }),
  q('rate', 'rating'),
  q('short', 'short_text'),
];
const problems = (answers: AnswerInput[]) => {
  try {
    checkAnswers(questions, answers);
  } catch (e) {
    if (e instanceof ApiError) return e.errors;
    throw e;
  }
  throw new Error('expected a validation error');
};

describe('checkAnswers', () => {
  it('answers one row per chosen option, text or value; blank or empty is unanswered', () => {
    const rows = checkAnswers(questions, [
      { questionId: 'one', optionIds: ['b'] },
      { questionId: 'many', optionIds: ['x', 'z'] },
      { questionId: 'rate', value: 5 },
      { questionId: 'short', text: '   ' },
    ]);
    expect(rows).toEqual([
      { questionId: 'one', optionId: 'b', text: null, value: null },
      { questionId: 'many', optionId: 'x', text: null, value: null },
      { questionId: 'many', optionId: 'z', text: null, value: null },
      { questionId: 'rate', optionId: null, text: null, value: 5 },
    ]);
  });

  it('keys each problem by the answer and field, and a missing required question by its id', () => {
    expect(
      problems([
        { questionId: 'many', optionIds: ['x'] },
        { questionId: 'rate', value: 6 },
        { questionId: 'short', text: 'x'.repeat(501) },
        { questionId: 'nope', text: 'x' },
        { questionId: 's', text: 'x' },
      ]),
    ).toEqual({
      'answers.0.optionIds': 'choose at least 2 options',
      'answers.1.value': 'value must be from 1 to 5',
      'answers.2.text': 'text must be at most 500 characters',
      'answers.3.questionId': 'not a question of this survey',
      'answers.4.questionId': 'a section takes no answer',
      'questions.one': 'this question is required',
    });
    expect(problems([{ questionId: 'one', optionIds: ['x'] }])).toEqual({ 'answers.0.optionIds': 'x is not an option of this question' });
    expect(
      problems([
        { questionId: 'one', optionIds: ['b'] },
        { questionId: 'many', optionIds: ['x', 'y', 'z', 'w'] },
      ]),
    ).toEqual({ 'answers.1.optionIds': 'choose at most 3 options' });
  });
});

describe('scoreQuiz', () => {
  it('scores a choice question only when exactly its correct options are chosen', () => {
    const rows = checkAnswers(questions, [
      { questionId: 'one', optionIds: ['b'] },
      { questionId: 'many', optionIds: ['x', 'y', 'z'] },
    ]);
    expect(scoreQuiz(questions, rows)).toEqual({
      score: 1,
      maxScore: 3,
      questions: [
        { questionId: 'one', correct: true, points: 1 },
        { questionId: 'many', correct: false, points: 0 },
      ],
    });
    const right = checkAnswers(questions, [
      { questionId: 'one', optionIds: ['b'] },
      { questionId: 'many', optionIds: ['y', 'x'] },
    ]);
    expect(scoreQuiz(questions, right).score).toBe(3);
  });
});
