import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors.js';
import type { SurveyDefinitionDto } from './dto/survey.dto.js';
import { canOpen, checkDefinition, maxScore, structuralChanges, type StoredDefinition } from './survey-definition.js';

const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.errors;
    throw e;
  }
  throw new Error('expected a validation error');
};

const quiz = (over: Partial<SurveyDefinitionDto> = {}): SurveyDefinitionDto => ({
  title: ' Học tập Nghị quyết ',
  kind: 'quiz',
  committeeId: 5,
  passMark: 2,
  questions: [
    { text: 'Phần I', type: 'section', required: false },
    { text: 'Năm?', type: 'single', required: true, options: [{ text: '2025' }, { text: ' 2026 ', correct: true }] },
    {
      text: 'Đột phá?',
      type: 'multiple',
      required: true,
      points: 2,
      maxSelections: 2,
      options: [{ text: 'A', correct: true }, { text: 'B', correct: true }, { text: 'C' }],
    },
  ],
  ...over,
});

const stored: StoredDefinition = {
  kind: 'quiz',
  committeeId: 5,
  anonymous: false,
  passMark: 1,
  closesAt: null,
  questions: [
    { id: 'q1', type: 'section', required: false, minSelections: null, maxSelections: null, points: null, options: [] },
    {
      id: 'q2',
      type: 'single',
      required: true,
      minSelections: null,
      maxSelections: null,
      points: 1,
      options: [
        { id: 'o1', correct: false },
        { id: 'o2', correct: true },
      ],
    },
  ],
};
const storedAsInput = (): SurveyDefinitionDto =>
  quiz({
    passMark: 1,
    questions: [
      { id: 'q1', text: 'Phần I', type: 'section', required: false },
      {
        id: 'q2',
        text: 'Năm?',
        type: 'single',
        required: true,
        options: [
          { id: 'o1', text: '2025' },
          { id: 'o2', text: '2026', correct: true },
        ],
      },
    ],
  });

describe('checkDefinition', () => {
  it('normalises: trims texts, defaults the flags, gives quiz choice questions 1 point', () => {
    const d = checkDefinition(quiz(), null);
    expect(d).toMatchObject({
      title: 'Học tập Nghị quyết',
      description: null,
      anonymous: false,
      resultsVisibility: 'after_close',
      passMark: 2,
      opensAt: null,
      closesAt: null,
    });
    expect(d.questions.map((q) => q.points)).toEqual([null, 1, 2]);
    expect(d.questions[1].options[1]).toEqual({ text: '2026', correct: true });
    expect(maxScore(d.questions)).toBe(3);
  });

  it('a survey has no correct options, points or pass mark', () => {
    const errors = problems(() =>
      checkDefinition(
        {
          title: 'Khảo sát',
          kind: 'survey',
          committeeId: 1,
          passMark: 0,
          questions: [{ text: 'Q', type: 'single', required: false, points: 1, options: [{ text: 'A', correct: true }, { text: 'B' }] }],
        },
        null,
      ),
    );
    expect(errors).toEqual({
      passMark: 'only a quiz has a passMark',
      'questions.0.points': 'only a quiz gives points',
      'questions.0.options.0.correct': 'only a quiz marks correct options',
    });
  });

  it('refuses a closing time in the past, unless it is the stored one', () => {
    const past = new Date(Date.now() - 60_000);
    expect(problems(() => checkDefinition(quiz({ closesAt: past.toISOString() }), null))).toEqual({
      closesAt: 'closesAt must be in the future',
    });
    expect(() => checkDefinition({ ...storedAsInput(), closesAt: past.toISOString() }, { ...stored, closesAt: past })).not.toThrow();
  });

  it('matches ids against the stored questions and their own options only', () => {
    const input = storedAsInput();
    input.questions[1].options![0].id = 'o9';
    input.questions.push({ id: 'q2', text: 'Lặp', type: 'short_text', required: false });
    expect(problems(() => checkDefinition(input, stored))).toEqual({
      'questions.1.options.0.id': 'not an option of this question',
      'questions.2.id': 'this question appears twice',
    });
  });
});

describe('structuralChanges', () => {
  it('sees none in wording-only edits', () => {
    const input = storedAsInput();
    input.title = 'Tiêu đề mới';
    input.questions[1].text = 'Năm nào?';
    input.questions[1].options![0].text = 'Năm 2025';
    expect(structuralChanges(stored, checkDefinition(input, stored))).toEqual([]);
  });

  it('names each structural change', () => {
    const input = storedAsInput();
    input.anonymous = true;
    input.questions[1].options!.reverse();
    input.questions.push({ text: 'Mới', type: 'rating', required: false });
    expect(structuralChanges(stored, checkDefinition(input, stored))).toEqual([
      'anonymous',
      '1 question(s) added',
      'question 2: options added, removed or reordered',
    ]);
    const moved = storedAsInput();
    moved.questions[1].options![0].correct = true;
    moved.questions[1].options![1].correct = false;
    expect(structuralChanges(stored, checkDefinition(moved, stored))).toEqual(['question 2: correct options']);
  });
});

describe('canOpen', () => {
  it('needs a question to answer, and for a quiz a choice question worth points', () => {
    expect(canOpen('survey', [{ type: 'section', points: null }])).toBe(false);
    expect(
      canOpen('survey', [
        { type: 'section', points: null },
        { type: 'long_text', points: null },
      ]),
    ).toBe(true);
    expect(canOpen('quiz', [{ type: 'rating', points: null }])).toBe(false);
    expect(canOpen('quiz', [{ type: 'single', points: 0 }])).toBe(false);
    expect(canOpen('quiz', [{ type: 'single', points: 1 }])).toBe(true);
  });
});
