import { describe, expect, it } from '@jest/globals';
import { isRealDate, normalizeTags } from './documents.rules.js';

describe('normalizeTags', () => {
  it('trims, collapses spaces, drops empties and case-insensitive duplicates, keeping the first spelling and the order', () => {
    expect(normalizeTags([' Xây dựng  Đảng ', 'chi bộ', 'xây dựng đảng', '  ', 'Chi Bộ', 'học tập'])).toEqual([
      'Xây dựng Đảng',
      'chi bộ',
      'học tập',
    ]);
  });
  it('treats composed and decomposed Vietnamese as the same tag', () => {
    expect(normalizeTags(['Nghị quyết', 'Nghi\u0323 quyê\u0301t'])).toEqual(['Nghị quyết']);
  });
});

describe('isRealDate', () => {
  it('knows the calendar', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2025-13-01')).toBe(false);
  });
});
