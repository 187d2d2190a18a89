import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { passwordProblem } from '../auth/auth.service.js';
import { hashInitialPassword, hashPassword } from '../auth/passwords.js';
import { UserAccountsService, type NewMemberAccount } from '../auth/user-accounts.service.js';
import { allOrNothing } from '../common/bulk.js';
import type { Principal } from '../common/principal.js';
import { scopePath } from '../common/scope.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { MemberErrors } from '../members/members.errors.js';
import { MembersService } from '../members/members.service.js';
import { MemberRosterService, type RosterMember } from '../members/member-roster.service.js';
import { AccountErrors } from './accounts.errors.js';
import type { CreateMemberAccountDto } from './dto/member-account.dto.js';
import { toUserResponse, type BulkIssueResponse, type IssuedAccountResponse, type IssuedCredential } from './dto/user.response.js';
import { generateInitialPassword, hashInitialPasswords } from './initial-passwords.js';
import { usernameBase, usernameCandidate } from './usernames.js';

/** Rows per INSERT statement of a bulk issue (one statement of arrays through unnest). */
const INSERT_BATCH = 1000;
const MAX_USERNAME_ROUNDS = 24;

type Candidate = RosterMember;
type IssueRow = Candidate & NewMemberAccount & { initialPassword: string };

/** The response of an issue: the counts and the credentials shown this once. */
const issued = (created: IssueRow[], skipped: number): BulkIssueResponse => ({
  created: created.length,
  skipped,
  credentials: created.map((r): IssuedCredential => ({
    memberId: r.memberId,
    fullName: r.fullName,
    committeeName: r.committeeName,
    username: r.username,
    initialPassword: r.initialPassword,
  })),
});

/**
 * Logins of members for the mobile app: one for a member, or one for every current member of a
 * committee subtree who has none. Generated initial passwords are answered once and never stored
 * in plain; they can only be replaced (POST /api/users/{id}/reset-password).
 */
@Injectable()
export class MemberAccountsService {
  private readonly logger = new Logger(MemberAccountsService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly accounts: UserAccountsService,
    private readonly members: MembersService,
    private readonly roster: MemberRosterService,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, memberId: string, dto: CreateMemberAccountDto): Promise<IssuedAccountResponse> {
    // fail fast (404, 409) before spending time on a hash
    const member = await this.members.findInScope(this.tx.none, principal, memberId);
    if (member.endState) throw MemberErrors.hasLeft();
    if (await this.accounts.memberHasAccount(member.id)) throw AccountErrors.accountExists();

    const given = dto.username?.toLowerCase();
    if (given && (await this.accounts.usernameTaken(given))) throw AccountErrors.usernameTaken();
    const base = usernameBase(member.fullName);
    let username = given ?? (await this.freeUsernames(this.tx.none, [base]))[0];
    if (dto.password !== undefined) {
      const problem = passwordProblem(dto.password, username);
      if (problem) throw AccountErrors.weakPassword(problem);
    }
    const initialPassword = dto.password === undefined ? generateInitialPassword() : null;
    const passwordHash = initialPassword ? await hashInitialPassword(initialPassword) : await hashPassword(dto.password!);

    return this.tx.run(async (tx) => {
      // the member row is locked: a concurrent single or bulk issue for the same member waits, then sees the account
      const locked = await this.members.findInScope(tx, principal, memberId, true);
      if (locked.endState) throw MemberErrors.hasLeft();
      if (await this.accounts.memberHasAccount(locked.id, tx)) throw AccountErrors.accountExists();
      let id: string | undefined;
      for (let round = 1; ; round++) {
        id = await this.accounts.createIfFree(tx, {
          username,
          passwordHash,
          fullName: locked.fullName,
          role: 'member',
          committeeId: locked.committeeId,
          memberId: locked.id,
          mustChangePassword: initialPassword !== null,
        });
        if (id) break;
        // the username was taken since it was checked
        if (given || round >= MAX_USERNAME_ROUNDS) throw AccountErrors.usernameTaken();
        username = (await this.freeUsernames(tx, [base], round))[0];
        const problem = dto.password === undefined ? null : passwordProblem(dto.password, username);
        if (problem) throw AccountErrors.weakPassword(problem);
      }
      await this.audit.record(tx, principal, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        committeeId: locked.committeeId,
        details: { username, role: 'member', memberId: locked.id, passwordGenerated: initialPassword !== null },
      });
      const user = await this.accounts.findWithCommittee(tx, id);
      return { user: toUserResponse(user), initialPassword };
    });
  }

  /**
   * Accounts for every current member of the committee's subtree who has none. The slow part (one
   * argon2 hash per account) runs before the transaction, in a bounded pool; the transaction then
   * locks the members, drops any that changed meanwhile, and inserts in multi-row batches.
   */
  async bulkIssue(
    principal: Principal,
    committeeId: number,
    format: string,
  ): Promise<{ committee: Committee; issuedAt: Date; result: BulkIssueResponse }> {
    const committee = await this.committees.findInScope(this.tx.none, principal, committeeId);
    const started = Date.now();
    const current = await this.roster.currentIn(committee.path);
    const { created, skipped } = await this.issue(current, committee.path, async (tx, created) => {
      // the current members of the subtree who have an account now
      const n = (await this.accounts.membersWithAccount(tx, await this.roster.currentIdsIn(tx, committee.path))).length;
      const skipped = n - created.length;
      await this.audit.record(tx, principal, {
        action: 'account.bulk_issue',
        entityType: 'committee',
        entityId: committee.id,
        committeeId: committee.id,
        details: { created: created.length, skipped, format },
      });
      return skipped;
    });
    this.logger.log(`bulk issue for committee ${committee.id}: ${created.length} accounts in ${Date.now() - started} ms`);
    return { committee, issuedAt: new Date(), result: issued(created, skipped) };
  }

  /**
   * Accounts for the chosen members (the dashboard's selected rows), all or nothing: each id must be
   * a member in the caller's scope who has not left (else 422 BULK_ACTION_REFUSED naming it, as
   * createMemberAccount answers 404 or 409 MEMBER_HAS_LEFT); those who already have an account are
   * skipped. Each account created is audited as `user.create`, like one created alone.
   */
  async issueToSelected(principal: Principal, memberIds: string[]): Promise<{ issuedAt: Date; result: BulkIssueResponse }> {
    await allOrNothing(memberIds, async (id) => {
      const member = await this.members.findInScope(this.tx.none, principal, id);
      if (member.endState) throw MemberErrors.hasLeft();
      return true;
    });
    const path = scopePath(principal) ?? ''; // '' is the ltree root of every path: an admin of the whole tree
    const current = await this.roster.currentAmong(this.tx.none, memberIds, path);
    const { created, skipped } = await this.issue(current, path, async (tx, created) => {
      const accountIds = await this.accounts.accountsOfMembers(
        tx,
        created.map((r) => r.memberId),
      );
      await this.audit.recordMany(
        tx,
        principal,
        created.map((r) => ({
          action: 'user.create',
          entityType: 'user',
          entityId: accountIds.get(r.memberId),
          committeeId: r.committeeId,
          details: { username: r.username, role: 'member', memberId: r.memberId, passwordGenerated: true, selected: memberIds.length },
        })),
      );
      return memberIds.length - created.length;
    });
    return { issuedAt: new Date(), result: issued(created, skipped) };
  }

  /**
   * Creates the accounts of these current members of the subtree at `path` who have none: hashes
   * first, then one transaction that locks them, drops any that changed meanwhile, inserts, and runs
   * `audit` (which answers how many were skipped).
   */
  private async issue(
    current: RosterMember[],
    path: string,
    audit: (tx: Tx, created: IssueRow[]) => Promise<number>,
  ): Promise<{ created: IssueRow[]; skipped: number }> {
    const withAccount = new Set(
      await this.accounts.membersWithAccount(
        this.tx.none,
        current.map((c) => c.memberId),
      ),
    );
    const candidates: Candidate[] = current.filter((c) => !withAccount.has(c.memberId));

    const passwords = candidates.map(() => generateInitialPassword());
    const hashes = await hashInitialPasswords(passwords);

    return this.tx.run(async (tx) => {
      const ids = candidates.map((c) => c.memberId);
      // still current, still in the subtree, still without an account, now locked
      const stillEligible = new Set<string>(await this.roster.lockCurrentIn(tx, ids, path));
      for (const memberId of await this.accounts.membersWithAccount(tx, ids)) stillEligible.delete(memberId);
      const rows = candidates
        .map((c, i) => ({ ...c, passwordHash: hashes[i], initialPassword: passwords[i], username: '' }))
        .filter((r) => stillEligible.has(r.memberId));

      const created = await this.insertMany(tx, rows);
      const skipped = await audit(tx, created);
      return { created, skipped };
    });
  }

  /**
   * Gives each row a free username and inserts them in batches. A username taken by a concurrent
   * insert (ON CONFLICT DO NOTHING) is replaced and the row tried again; the members are locked,
   * so a row can only clash on its username. Answers the rows inserted, in the order given.
   */
  private async insertMany<R extends NewMemberAccount>(tx: Tx, rows: R[]): Promise<R[]> {
    let pending = rows;
    const done = new Set<string>();
    for (let round = 0; pending.length; round++) {
      if (round >= MAX_USERNAME_ROUNDS) throw new Error(`could not find free usernames for ${pending.length} accounts`);
      const names = await this.freeUsernames(
        tx,
        pending.map((r) => usernameBase(r.fullName)),
        round,
      );
      pending.forEach((r, i) => (r.username = names[i]));
      const missed: R[] = [];
      for (let i = 0; i < pending.length; i += INSERT_BATCH) {
        const batch = pending.slice(i, i + INSERT_BATCH);
        const inserted = await this.accounts.createMemberAccounts(tx, batch);
        const ok = new Set(inserted);
        for (const r of batch) {
          if (ok.has(r.memberId)) done.add(r.memberId);
          else missed.push(r);
        }
      }
      pending = missed;
    }
    return rows.filter((r) => done.has(r.memberId));
  }

  /**
   * One free username per base (`nguyenvanan.4821`), distinct from each other and from every
   * existing account. `round` widens the numbers after repeated clashes.
   */
  private async freeUsernames(tx: Tx, bases: string[], round = 0): Promise<string[]> {
    const out = new Array<string>(bases.length);
    let todo = bases.map((_, i) => i);
    const chosen = new Set<string>();
    for (let attempt = round; todo.length; attempt++) {
      if (attempt >= round + MAX_USERNAME_ROUNDS) throw new Error('could not find free usernames');
      const proposals = todo.map((i) => usernameCandidate(bases[i], attempt));
      const taken = new Set<string>(await this.accounts.takenUsernames(tx, proposals));
      const retry: number[] = [];
      todo.forEach((i, k) => {
        const name = proposals[k];
        if (taken.has(name) || chosen.has(name)) retry.push(i);
        else {
          chosen.add(name);
          out[i] = name;
        }
      });
      todo = retry;
    }
    return out;
  }

  // ---- a member's account follows their record (for the members module's lifecycle hook) ----

  /** The member left the register: their account is deactivated and its sessions end at once ('member_left'). */
  endForMember(tx: Tx, memberId: string): Promise<void> {
    return this.accounts.endForMember(tx, memberId);
  }

  /** The member moved to another branch: their account's home committee follows. */
  followMember(tx: Tx, memberId: string, committeeId: number): Promise<void> {
    return this.accounts.followMember(tx, memberId, committeeId);
  }

  /** Whether the member has an app account. */
  hasAccount(tx: Tx, memberId: string): Promise<boolean> {
    return this.accounts.memberHasAccount(memberId, tx);
  }
}
