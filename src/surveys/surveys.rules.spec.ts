import { describe, expect, it } from '@jest/globals';
import { onlyReleased, shownRespondents, suppressedCells } from './surveys.rules.js';

describe('suppressedCells', () => {
  it('hides every cell below k', () => {
    expect(suppressedCells([10, 3, 2, 7], 5)).toEqual([false, true, true, false]);
  });
  it('hides the smallest shown cell too when the hidden ones would be revealed by difference', () => {
    // 20 + 1 = 21 known: 21 - 20 would give the 1 away
    expect(suppressedCells([20, 1], 5)).toEqual([true, true]);
    expect(suppressedCells([20, 6, 1], 5)).toEqual([false, true, true]);
    // two hidden cells already holding k between them are safe
    expect(suppressedCells([20, 3, 2], 5)).toEqual([false, true, true]);
  });
  it('leaves hidden zeros alone (nobody to reveal) and shows everything at or above k', () => {
    expect(suppressedCells([8, 0], 5)).toEqual([false, true]);
    expect(suppressedCells([5, 5], 5)).toEqual([false, false]);
    expect(suppressedCells([], 5)).toEqual([]);
  });
});

describe('shownRespondents', () => {
  const anon = (resultsVisibility: string) => ({ anonymous: true, resultsVisibility });
  it('a named survey: the count as it is', () => {
    expect(shownRespondents({ anonymous: false, resultsVisibility: 'live' }, 'open', { total: 2, released: 2 }, 5)).toBe(2);
  });
  it('an anonymous one: the released answers, null below k; all of them once closed if results were hidden until then', () => {
    expect(shownRespondents(anon('live'), 'open', { total: 4, released: 0 }, 5)).toBeNull();
    expect(shownRespondents(anon('live'), 'open', { total: 7, released: 5 }, 5)).toBe(5);
    expect(shownRespondents(anon('live'), 'closed', { total: 7, released: 5 }, 5)).toBe(5);
    expect(shownRespondents(anon('after_close'), 'open', { total: 7, released: 5 }, 5)).toBe(5);
    expect(shownRespondents(anon('after_close'), 'closed', { total: 7, released: 5 }, 5)).toBe(7);
    expect(shownRespondents(anon('after_close'), 'closed', { total: 4, released: 0 }, 5)).toBeNull();
    expect(onlyReleased(anon('after_close'), 'closed')).toBe(false);
  });
});
