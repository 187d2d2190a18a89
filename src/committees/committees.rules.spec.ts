import { describe, expect, it } from '@jest/globals';
import { pathInSubtree, subtreeOf } from '../common/scope.js';
import { COMMITTEE_KINDS } from './committee.entity.js';
import { CommitteeDependents, type CommitteeMergeParticipant } from './committee-dependents.js';
import { holdsMembers, kindAllowedUnder } from './committees.rules.js';

describe('the committee tree rules', () => {
  it('let only a central or province committee be a root, and each kind stand under its own parent kinds', () => {
    expect(COMMITTEE_KINDS.filter((k) => kindAllowedUnder(k, null))).toEqual(['central', 'province']);
    expect(kindAllowedUnder('grassroots', 'province')).toBe(true);
    expect(kindAllowedUnder('grassroots', 'subordinate')).toBe(true);
    expect(kindAllowedUnder('branch', 'subordinate')).toBe(false);
    expect(COMMITTEE_KINDS.filter((k) => kindAllowedUnder(k, 'branch'))).toEqual([]);
  });

  it('keep members in branches and grassroots organisations only', () => {
    expect(COMMITTEE_KINDS.filter(holdsMembers)).toEqual(['grassroots', 'branch']);
  });

  it('tell a subtree by whole path labels', () => {
    expect(pathInSubtree('1.5', '1.5')).toBe(true);
    expect(pathInSubtree('1.5.23', '1.5')).toBe(true);
    expect(pathInSubtree('1.52', '1.5')).toBe(false);
    expect(pathInSubtree('1', '1.5')).toBe(false);
    expect(subtreeOf('path', '$2')).toMatch(/^path \S+ CAST\(\$2 AS ltree\)$/);
  });
});

describe('CommitteeDependents', () => {
  const participant = (name: string, order: number, n?: number): CommitteeMergeParticipant => ({
    name,
    order,
    ...(n === undefined ? {} : { countIn: async () => n }),
    move: async () => 0,
  });

  it('calls the participants in their order, whatever the order they registered in', () => {
    const registry = new CommitteeDependents();
    registry.register(participant('accounts', 30));
    registry.register(participant('pendingCorrections', 10));
    registry.register(participant('members', 20));
    expect(registry.all().map((p) => p.name)).toEqual(['pendingCorrections', 'members', 'accounts']);
  });

  it('counts the rows of the participants that hold a delete back', async () => {
    const registry = new CommitteeDependents();
    registry.register(participant('members', 20, 3));
    registry.register(participant('pendingCorrections', 10));
    registry.register(participant('accounts', 30, 0));
    expect(await registry.countIn({} as never, 7)).toEqual({ members: 3, accounts: 0 });
  });

  it('refuses a participant registered twice', () => {
    const registry = new CommitteeDependents();
    registry.register(participant('members', 20));
    expect(() => registry.register(participant('members', 20))).toThrow(/twice/);
  });
});
