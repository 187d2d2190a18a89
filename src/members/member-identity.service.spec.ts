import { describe, expect, it } from '@jest/globals';
import { holderOf, lowestCommonCommittee, shownMember, type IdentityHolder } from './member-identity.service.js';

const holder = (over: Partial<IdentityHolder>): IdentityHolder => ({
  id: 'h',
  committeeId: 1,
  path: '1',
  inScope: false,
  partyCardNumber: null,
  pendingPartyCardNumber: null,
  externalId: null,
  pendingExternalId: null,
  ...over,
});

describe('identity numbers', () => {
  it('finds the lowest committee covering two records by their paths', () => {
    expect(lowestCommonCommittee('1.5.23.400', '1.5.40.7')).toBe(5);
    expect(lowestCommonCommittee('1.5.23', '1.6.9')).toBe(1);
    expect(lowestCommonCommittee('1.5', '1.5.40')).toBe(5);
    // labels are compared whole: 2 and 23 are different committees
    expect(lowestCommonCommittee('1.2.4', '1.23.4')).toBe(1);
    expect(() => lowestCommonCommittee('1.2', '7.2')).toThrow();
  });

  it('a holder in scope makes a number taken; otherwise the one holding it in the unique column', () => {
    const pendingOutside = holder({ id: 'p', pendingPartyCardNumber: 'X' });
    const uniqueOutside = holder({ id: 'u', partyCardNumber: 'X' });
    const pendingInside = holder({ id: 'i', pendingPartyCardNumber: 'X', inScope: true });
    expect(holderOf([pendingOutside, uniqueOutside], 'partyCardNumber', 'X')?.id).toBe('u');
    expect(holderOf([pendingOutside, uniqueOutside, pendingInside], 'partyCardNumber', 'X')?.id).toBe('i');
    expect(holderOf([uniqueOutside], 'externalId', 'X')).toBeUndefined();
  });

  it('shows a pending number where the held one would be', () => {
    const m = { partyCardNumber: null, pendingPartyCardNumber: 'TN-1', externalId: 'E', pendingExternalId: null };
    expect(shownMember(m)).toMatchObject({ partyCardNumber: 'TN-1', externalId: 'E' });
  });
});
