import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors.js';
import { ratio, resolveWindow, windowDays } from './report-scope.js';

const errors = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as ApiError).errors;
  }
  return undefined;
};

describe('report windows', () => {
  it('defaults to the days ending today, both ends included', () => {
    expect(resolveWindow({}, 30, '2025-11-15')).toEqual({ from: '2025-10-17', to: '2025-11-15', days: 30 });
    expect(resolveWindow({ from: '2022-01-01', to: '2022-11-15' }, 30, '2025-11-15')).toEqual({
      from: '2022-01-01',
      to: '2022-11-15',
      days: 319,
    });
    expect(resolveWindow({ to: '2024-03-01' }, 7, '2025-11-15')).toEqual({ from: '2024-02-24', to: '2024-03-01', days: 7 });
    expect(windowDays({ from: '2024-02-28', to: '2024-03-01', days: 3 })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('refuses impossible and reversed windows, and windows over three years', () => {
    expect(errors(() => resolveWindow({ from: '2025-02-29' }, 30, '2025-11-15'))).toEqual({ from: 'from must be a date YYYY-MM-DD' });
    expect(errors(() => resolveWindow({ from: '2025-11-02', to: '2025-11-01' }, 30))).toEqual({ from: 'from must not be after to' });
    expect(errors(() => resolveWindow({ from: '2020-01-01', to: '2025-01-01' }, 30))).toEqual({ from: 'a window spans at most 1096 days' });
  });

  it('rounds ratios and never divides by zero', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(7, 3, 2)).toBe(2.33);
    expect(ratio(5, 0)).toBe(0);
  });
});
