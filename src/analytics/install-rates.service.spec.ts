import { describe, expect, it } from '@jest/globals';
import { installFigures } from './install-rates.service.js';

describe('installFigures', () => {
  it('folds count rows into the rate breakdown', () => {
    expect(
      installFigures([
        { status: 'official', exempted: false, installed: true, reason: '', n: 6 },
        { status: 'official', exempted: false, installed: false, reason: 'elderly', n: 2 },
        { status: 'official', exempted: true, installed: false, reason: 'exempted', n: 1 },
        { status: 'official', exempted: true, installed: true, reason: '', n: 1 },
        { status: 'probationary', exempted: false, installed: false, reason: '', n: 3 },
        { status: 'probationary', exempted: false, installed: true, reason: '', n: 1 },
      ]),
    ).toEqual({
      members: 14,
      installed: 8,
      rate: 0.5714,
      official: { members: 10, installed: 7, rate: 0.7 },
      probationary: { members: 4, installed: 1, rate: 0.25 },
      exempted: { members: 2, installed: 1 },
      notInstalledByReason: { elderly: 2, no_smartphone: 0, special_unit_pending: 0, exempted: 1, other: 0, unspecified: 3 },
    });
  });

  it('answers a rate of 0 without members', () => {
    expect(installFigures([])).toMatchObject({ members: 0, installed: 0, rate: 0, official: { rate: 0 }, probationary: { rate: 0 } });
  });
});
