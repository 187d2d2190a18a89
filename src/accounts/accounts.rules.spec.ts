import { describe, expect, it } from '@jest/globals';
import { canManageRole, homeCommitteeProblem } from './accounts.rules.js';

describe('account reach rules', () => {
  it('let nobody create or manage an account with more reach than their own', () => {
    expect(canManageRole('admin', 'admin')).toBe(true);
    expect(canManageRole('committee_admin', 'admin')).toBe(false);
    expect(canManageRole('committee_admin', 'committee_admin')).toBe(true);
    expect(canManageRole('committee_admin', 'secretary')).toBe(true);
    expect(canManageRole('committee_admin', 'editor')).toBe(true);
    expect(canManageRole('secretary', 'member')).toBe(true);
    expect(canManageRole('secretary', 'editor')).toBe(false);
    expect(canManageRole('editor', 'member')).toBe(false);
    expect(canManageRole('member', 'member')).toBe(false);
  });

  it('give a secretary a branch or grassroots home, and nobody an archived one', () => {
    expect(homeCommitteeProblem('secretary', { kind: 'branch', archivedAt: null })).toBeNull();
    expect(homeCommitteeProblem('secretary', { kind: 'grassroots', archivedAt: null })).toBeNull();
    expect(homeCommitteeProblem('secretary', { kind: 'subordinate', archivedAt: null })).toMatch(/branch/);
    expect(homeCommitteeProblem('editor', { kind: 'province', archivedAt: null })).toBeNull();
    expect(homeCommitteeProblem('committee_admin', { kind: 'branch', archivedAt: new Date() })).toMatch(/merged or dissolved/);
  });
});
