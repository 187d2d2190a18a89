import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { passwordProblem } from '../auth/auth.service.js';
import { hashInitialPassword, hashPassword } from '../auth/passwords.js';
import { User } from '../auth/user.entity.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { MemberErrors } from '../members/members.errors.js';
import { MembersService } from '../members/members.service.js';
import { AccountErrors } from './accounts.errors.js';
import type { CreateMemberAccountDto } from './dto/member-account.dto.js';
import { toUserResponse, type BulkIssueResponse, type IssuedAccountResponse, type IssuedCredential } from './dto/user.response.js';
import { generateInitialPassword, hashInitialPasswords } from './initial-passwords.js';
import { usernameBase, usernameCandidate } from './usernames.js';

/** Rows per INSERT statement of a bulk issue (one statement of arrays through unnest). */
const INSERT_BATCH = 1000;
const MAX_USERNAME_ROUNDS = 24;

interface Candidate {
  memberId: string;
  fullName: string;
  committeeId: number;
  committeeName: string;
}

/**
 * Logins of members for the mobile app: one for a member, or one for every current member of a
 * committee subtree who has none. Generated initial passwords are answered once and never stored
 * in plain; they can only be replaced (POST /api/users/{id}/reset-password).
 */
@Injectable()
export class MemberAccountsService {
  private readonly logger = new Logger(MemberAccountsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly members: MembersService,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, memberId: string, dto: CreateMemberAccountDto): Promise<IssuedAccountResponse> {
    // fail fast (404, 409) before spending time on a hash
    const member = await this.members.findInScope(this.db.manager, principal, memberId);
    if (member.endState) throw MemberErrors.hasLeft();
    if (await this.db.getRepository(User).existsBy({ memberId: member.id })) throw AccountErrors.accountExists();

    const given = dto.username?.toLowerCase();
    if (given && (await this.db.getRepository(User).existsBy({ username: given }))) throw AccountErrors.usernameTaken();
    const base = usernameBase(member.fullName);
    let username = given ?? (await this.freeUsernames(this.db.manager, [base]))[0];
    if (dto.password !== undefined) {
      const problem = passwordProblem(dto.password, username);
      if (problem) throw ApiError.validation({ password: problem });
    }
    const initialPassword = dto.password === undefined ? generateInitialPassword() : null;
    const passwordHash = initialPassword ? await hashInitialPassword(initialPassword) : await hashPassword(dto.password!);

    return this.db.transaction(async (m) => {
      // the member row is locked: a concurrent single or bulk issue for the same member waits, then sees the account
      const locked = await this.members.findInScope(m, principal, memberId, true);
      if (locked.endState) throw MemberErrors.hasLeft();
      if (await m.existsBy(User, { memberId: locked.id })) throw AccountErrors.accountExists();
      let id: string | undefined;
      for (let round = 1; ; round++) {
        id = await this.insertOne(m, {
          username,
          passwordHash,
          fullName: locked.fullName,
          committeeId: locked.committeeId,
          memberId: locked.id,
          mustChangePassword: initialPassword !== null,
        });
        if (id) break;
        // the username was taken since it was checked
        if (given || round >= MAX_USERNAME_ROUNDS) throw AccountErrors.usernameTaken();
        username = (await this.freeUsernames(m, [base], round))[0];
        const problem = dto.password === undefined ? null : passwordProblem(dto.password, username);
        if (problem) throw ApiError.validation({ password: problem });
      }
      await this.audit.record(m, principal, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        committeeId: locked.committeeId,
        details: { username, role: 'member', memberId: locked.id, passwordGenerated: initialPassword !== null },
      });
      const user = await m.findOneOrFail(User, { where: { id }, relations: { committee: true } });
      return { user: toUserResponse(user), initialPassword };
    });
  }

  /**
   * Accounts for every current member of the committee's subtree who has none. The slow part (one
   * argon2 hash per account) runs before the transaction, in a bounded pool; the transaction then
   * locks the members, drops any that changed meanwhile, and inserts in multi-row batches.
   */
  async bulkIssue(principal: Principal, committeeId: number, format: string): Promise<{ committee: Committee; issuedAt: Date; result: BulkIssueResponse }> {
    const committee = await this.committees.findInScope(this.db.manager, principal, committeeId);
    const started = Date.now();
    const candidates: Candidate[] = (
      await this.db.query(
        `SELECT m.id, m.full_name, m.committee_id, c.name AS committee_name
           FROM members m JOIN committees c ON c.id = m.committee_id
          WHERE c.path <@ CAST($1 AS ltree) AND m.end_state IS NULL
            AND NOT EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id)
          ORDER BY c.path, m.full_name, m.id`,
        [committee.path],
      )
    ).map((r: any) => ({ memberId: r.id, fullName: r.full_name, committeeId: r.committee_id, committeeName: r.committee_name }));

    const passwords = candidates.map(() => generateInitialPassword());
    const hashes = await hashInitialPasswords(passwords);
    const hashedAt = Date.now();

    const { created, skipped } = await this.db.transaction(async (m) => {
      const ids = candidates.map((c) => c.memberId);
      // still current, still in the subtree, still without an account, now locked
      const stillEligible = new Set<string>(
        (
          await m.query(
            `SELECT m.id FROM members m JOIN committees c ON c.id = m.committee_id
              WHERE m.id = ANY($1::uuid[]) AND m.end_state IS NULL AND c.path <@ CAST($2 AS ltree)
              ORDER BY m.id
                FOR UPDATE OF m`,
            [ids, committee.path],
          )
        ).map((r: any) => r.id),
      );
      for (const r of await m.query(`SELECT member_id FROM users WHERE member_id = ANY($1::uuid[])`, [ids])) {
        stillEligible.delete(r.member_id);
      }
      const rows = candidates
        .map((c, i) => ({ ...c, passwordHash: hashes[i], initialPassword: passwords[i], username: '' }))
        .filter((r) => stillEligible.has(r.memberId));

      const created = await this.insertMany(m, rows);
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM members m JOIN committees c ON c.id = m.committee_id
          WHERE c.path <@ CAST($1 AS ltree) AND m.end_state IS NULL
            AND EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id)`,
        [committee.path],
      );
      const skipped = n - created.length;
      await this.audit.record(m, principal, {
        action: 'account.bulk_issue',
        entityType: 'committee',
        entityId: committee.id,
        committeeId: committee.id,
        details: { created: created.length, skipped, format },
      });
      return { created, skipped };
    });
    this.logger.log(
      `bulk issue for committee ${committee.id}: ${created.length} accounts in ${Date.now() - started} ms (hashing ${hashedAt - started} ms)`,
    );
    return {
      committee,
      issuedAt: new Date(),
      result: {
        created: created.length,
        skipped,
        credentials: created.map(
          (r): IssuedCredential => ({
            memberId: r.memberId,
            fullName: r.fullName,
            committeeName: r.committeeName,
            username: r.username,
            initialPassword: r.initialPassword,
          }),
        ),
      },
    };
  }

  /** Inserts one account unless the username (or the member) is taken; answers its id. */
  private async insertOne(m: EntityManager, values: Partial<User>): Promise<string | undefined> {
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ ...values, role: 'member' })
      .orIgnore()
      .returning(['id'])
      .execute();
    return inserted.raw[0]?.id;
  }

  /**
   * Gives each row a free username and inserts them in batches. A username taken by a concurrent
   * insert (ON CONFLICT DO NOTHING) is replaced and the row tried again; the members are locked,
   * so a row can only clash on its username. Answers the rows inserted, in the order given.
   */
  private async insertMany<R extends Candidate & { passwordHash: string; username: string }>(m: EntityManager, rows: R[]): Promise<R[]> {
    let pending = rows;
    const done = new Set<string>();
    for (let round = 0; pending.length; round++) {
      if (round >= MAX_USERNAME_ROUNDS) throw new Error(`could not find free usernames for ${pending.length} accounts`);
      const names = await this.freeUsernames(m, pending.map((r) => usernameBase(r.fullName)), round);
      pending.forEach((r, i) => (r.username = names[i]));
      const missed: R[] = [];
      for (let i = 0; i < pending.length; i += INSERT_BATCH) {
        const batch = pending.slice(i, i + INSERT_BATCH);
        const inserted: { member_id: string }[] = await m.query(
          `INSERT INTO users (username, password_hash, full_name, role, committee_id, member_id, must_change_password)
           SELECT t.username, t.password_hash, t.full_name, 'member', t.committee_id, t.member_id, true
             FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::int[], $5::uuid[])
                  AS t(username, password_hash, full_name, committee_id, member_id)
           ON CONFLICT DO NOTHING
           RETURNING member_id`,
          [
            batch.map((r) => r.username),
            batch.map((r) => r.passwordHash),
            batch.map((r) => r.fullName),
            batch.map((r) => r.committeeId),
            batch.map((r) => r.memberId),
          ],
        );
        const ok = new Set(inserted.map((r) => r.member_id));
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
  private async freeUsernames(m: EntityManager, bases: string[], round = 0): Promise<string[]> {
    const out = new Array<string>(bases.length);
    let todo = bases.map((_, i) => i);
    const chosen = new Set<string>();
    for (let attempt = round; todo.length; attempt++) {
      if (attempt >= round + MAX_USERNAME_ROUNDS) throw new Error('could not find free usernames');
      const proposals = todo.map((i) => usernameCandidate(bases[i], attempt));
      const taken = new Set<string>(
        (await m.query(`SELECT username FROM users WHERE username = ANY($1::varchar[])`, [proposals])).map((r: any) => r.username),
      );
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
}
