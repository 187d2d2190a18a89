import { Injectable } from '@nestjs/common';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import type { Role } from '../common/roles.js';
import type { Tx } from '../database/transactions.js';
import { LockoutService } from './lockout.service.js';
import { PasswordHistoryService } from './password-history.service.js';
import { SessionsRepository, type SessionEndReason } from './sessions.repository.js';
import type { User } from './user.entity.js';
import { UsersRepository, type NewMemberAccount, type NewUser, type UserChanges } from './users.repository.js';

export type { SessionEndReason } from './sessions.repository.js';
export type { NewMemberAccount, NewUser, UserChanges } from './users.repository.js';

/**
 * The accounts (table `users`, with their sessions and password history) as the modules above
 * auth reach them: the accounts module (staff and member logins), and through its hooks the
 * members and committees modules. Auth owns the tables; nobody else writes them.
 */
/** What the auth tables hold about a member, for their personal-data export. */
export interface MemberAccountData {
  /** The account's id, for the audit lines about it (not part of the export itself). */
  userId: string;
  account: { username: string; role: Role; isActive: boolean; createdAt: Date; lastLoginAt: Date | null };
  /** Oldest first. */
  sessions: { createdAt: Date; expiresAt: Date; revokedAt: Date | null; revokedReason: string | null }[];
}

@Injectable()
export class UserAccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly history: PasswordHistoryService,
    private readonly lockout: LockoutService,
  ) {}

  // ---- reading ----

  /** The /api/users list in the caller's scope (filters and sort: users.repository.ts USER_LIST), each with its home committee. */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<User>> {
    return this.users.list(principal, query);
  }

  /** The account if its home lies in the caller's scope; otherwise `notFound()`, malformed ids alike. */
  findInScope(tx: Tx, principal: Principal, id: string, notFound: () => Error, lock = false): Promise<User> {
    return this.users.findInScope(tx, principal, id, notFound, lock);
  }

  /** The account with its home committee loaded. */
  findWithCommittee(tx: Tx, id: string): Promise<User> {
    return this.users.findWithCommitteeOrFail(tx, id);
  }

  usernameTaken(username: string, tx?: Tx): Promise<boolean> {
    return this.users.existsByUsername(username, tx);
  }

  /** Which of these usernames some account already has. */
  takenUsernames(tx: Tx, usernames: string[]): Promise<string[]> {
    return this.users.takenUsernames(tx, usernames);
  }

  // ---- writing ----

  /** A new account unless its username (or its member) is taken; answers its id, or undefined. */
  createIfFree(tx: Tx, values: NewUser): Promise<string | undefined> {
    return this.users.insertIfFree(tx, values);
  }

  /** Member accounts in bulk (each to change its password at the first login); answers the members whose account was created. */
  createMemberAccounts(tx: Tx, rows: NewMemberAccount[]): Promise<string[]> {
    return this.users.insertMemberAccounts(tx, rows);
  }

  update(tx: Tx, id: string, changes: UserChanges): Promise<void> {
    return this.users.update(tx, id, changes);
  }

  /** Ends every live session of an account at once (its access tokens stop working on the next request). */
  endSessions(tx: Tx, userId: string, reason: SessionEndReason): Promise<void> {
    return this.sessions.revokeAll(tx, userId, reason);
  }

  /**
   * A password issued by staff: the account must change it at its next login, the replaced one
   * joins the history (the first-login change cannot go back to it) and every session ends.
   */
  async resetPassword(tx: Tx, user: Pick<User, 'id' | 'passwordHash'>, passwordHash: string): Promise<void> {
    await this.users.setPassword(tx, user.id, passwordHash, true);
    await this.history.remember(tx, user.id, user.passwordHash);
    await this.sessions.revokeAll(tx, user.id, 'password_reset');
  }

  /** Staff unlock (LockoutService.unlock): answers whether there was anything to clear. */
  unlock(tx: Tx, user: Pick<User, 'id' | 'username' | 'lockedUntil' | 'failedLogins'>): Promise<boolean> {
    return this.lockout.unlock(tx, user);
  }

  // ---- the accounts of members ----

  memberHasAccount(memberId: string, tx?: Tx): Promise<boolean> {
    return this.users.existsForMember(memberId, tx);
  }

  /** member id → account id, for these members' accounts. */
  accountsOfMembers(tx: Tx, memberIds: string[]): Promise<Map<string, string>> {
    return this.users.accountsOfMembers(tx, memberIds);
  }

  /** Which of these members have an account. */
  membersWithAccount(tx: Tx, memberIds: string[]): Promise<string[]> {
    return this.users.membersWithAccount(tx, memberIds);
  }

  /** A member left the register: their account is deactivated and its sessions end ('member_left'). */
  async endForMember(tx: Tx, memberId: string): Promise<void> {
    await this.users.deactivateForMember(tx, memberId);
    await this.sessions.revokeAllOfMember(tx, memberId);
  }

  /** A member moved to another branch: their account's home committee follows. */
  followMember(tx: Tx, memberId: string, committeeId: number): Promise<void> {
    return this.users.moveMemberAccount(tx, memberId, committeeId);
  }

  /**
   * The auth module's part of a member's personal-data export (the privacy module asks each module
   * for its part), read through `tx`, the export's snapshot: the account and its sessions, oldest
   * first, never a password or token hash; null when the member has no account.
   */
  async ofMember(tx: Tx, memberId: string): Promise<MemberAccountData | null> {
    const user = await this.users.findByMember(tx, memberId);
    if (!user) return null;
    const sessions = await this.sessions.listForUser(tx, user.id);
    return {
      userId: user.id,
      account: {
        username: user.username,
        role: user.role,
        isActive: user.isActive,
        createdAt: user.createdAt,
        lastLoginAt: user.lastLoginAt,
      },
      sessions: sessions.map((x) => ({
        createdAt: x.createdAt,
        expiresAt: x.expiresAt,
        revokedAt: x.revokedAt,
        revokedReason: x.revokedReason,
      })),
    };
  }

  // ---- the accounts of a committee ----

  /** The accounts whose home is this committee. */
  countInCommittee(tx: Tx, committeeId: number): Promise<number> {
    return this.users.countInCommittee(tx, committeeId);
  }

  /** The accounts whose home is this committee, per role. */
  countRolesInCommittee(tx: Tx, committeeId: number): Promise<{ role: Role; n: number }[]> {
    return this.users.countRolesInCommittee(tx, committeeId);
  }

  /** A merge: every account of the source committee takes the target as its home; answers how many moved. */
  moveCommitteeAccounts(tx: Tx, fromCommitteeId: number, toCommitteeId: number): Promise<number> {
    return this.users.moveCommitteeAccounts(tx, fromCommitteeId, toCommitteeId);
  }
}
