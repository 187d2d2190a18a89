import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { ROLES, type Role } from '../common/roles.js';
import { findInScopeOr404, scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { User } from './user.entity.js';

/** Null-prototype maps: admin-list looks names up with `in` (see committees.service.ts). */
const dict = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null), entries);

/** The /api/users list: sortable fields and filters over `users u` (joined to its home committee `c`). */
export const USER_LIST: ListSpec = {
  sortable: dict({
    id: 'u.id',
    username: 'u.username',
    fullName: 'u.fullName',
    role: 'u.role',
    createdAt: 'u.createdAt',
    lastLoginAt: 'u.lastLoginAt',
  }),
  defaultSort: ['username', 'ASC'],
  tieBreaker: 'u.id',
  filters: dict<FilterHandler>({
    id: idsFilter('u.id', 'uuid'),
    q: searchFilter('u.username', 'u.full_name'),
    role: enumFilter('u.role', ROLES),
    // accounts whose home lies in a committee's whole subtree: `{"committeeId": 12}`
    committeeId: subtreeFilter('u.committee_id'),
    isActive: boolFilter((v) => (v ? 'u.is_active' : 'NOT u.is_active')),
  }),
};

/** What auth's global guard loads on every request (AuthService.loadPrincipal). */
export interface PrincipalRow {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  committee_id: number | null;
  member_id: string | null;
  must_change_password: boolean;
  committee_name: string | null;
  committee_path: string | null;
}

/** The columns of a new account. */
export type NewUser = Pick<User, 'username' | 'passwordHash' | 'fullName' | 'role' | 'committeeId' | 'memberId' | 'mustChangePassword'>;

/** One member account of a bulk issue. */
export interface NewMemberAccount {
  username: string;
  passwordHash: string;
  fullName: string;
  committeeId: number;
  memberId: string;
}

/** The fields of an account that staff change (UsersService.update). */
export type UserChanges = Partial<Pick<User, 'fullName' | 'role' | 'committeeId' | 'isActive'>>;

/** The SQL of the `users` table (auth owns it: see auth.module.ts). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One indexed query per request: the account, its home committee's name and path, and whether
   * the session lives (bench/paths.ts mirrors this statement as its baseline). The committee is
   * read here, not asked of the committees module, to keep the hot path at one round trip.
   */
  async loadPrincipal(userId: string, sessionId: string, tx: Tx = this.db.manager): Promise<PrincipalRow | undefined> {
    const rows: PrincipalRow[] = await tx.query(
      `SELECT u.id, u.username, u.full_name, u.role, u.committee_id, u.member_id, u.must_change_password,
              c.name AS committee_name, c.path::text AS committee_path
         FROM users u
         JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()
         LEFT JOIN committees c ON c.id = u.committee_id
        WHERE u.id = $1 AND u.is_active`,
      [userId, sessionId],
    );
    return rows[0];
  }

  /** The login lookup (bench/paths.ts mirrors the SQL TypeORM generates for it). */
  findByUsername(username: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ username });
  }

  findByIdOrFail(id: string): Promise<User> {
    return this.db.getRepository(User).findOneByOrFail({ id });
  }

  /** The account with its home committee loaded. */
  findWithCommitteeOrFail(tx: Tx, id: string): Promise<User> {
    return tx.findOneOrFail(User, { where: { id }, relations: { committee: true } });
  }

  findByMember(tx: Tx, memberId: string): Promise<User | null> {
    return tx.findOneBy(User, { memberId });
  }

  existsByUsername(username: string, tx: Tx = this.db.manager): Promise<boolean> {
    return tx.getRepository(User).existsBy({ username });
  }

  existsForMember(memberId: string, tx: Tx = this.db.manager): Promise<boolean> {
    return tx.getRepository(User).existsBy({ memberId });
  }

  /** The account if its home lies in the caller's scope; otherwise `notFound()` (a malformed id too). */
  findInScope(tx: Tx, principal: Principal, id: string, notFound: () => Error, lock = false): Promise<User> {
    return findInScopeOr404(tx, User, principal, id, { alias: 'u', scope: { committeeIdColumn: 'u.committee_id' }, notFound, lock });
  }

  /** The /api/users list, in the caller's scope, with each account's home committee. */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<User>> {
    const qb = scopeByCommittee(
      this.db.getRepository(User).createQueryBuilder('u').leftJoinAndSelect('u.committee', 'c'),
      principal,
      'u.committee_id',
    );
    return runListQuery(qb, USER_LIST, query);
  }

  /** Inserts an account unless its username (or member) is taken; answers its id, or undefined. */
  async insertIfFree(tx: Tx, values: NewUser): Promise<string | undefined> {
    const inserted = await tx.createQueryBuilder().insert().into(User).values(values).orIgnore().returning(['id']).execute();
    return (inserted.raw as { id: string }[])[0]?.id;
  }

  /** The configured first admin, unless the username exists; answers whether it was created. */
  async insertAdminIfMissing(values: Pick<User, 'username' | 'passwordHash' | 'fullName'>): Promise<boolean> {
    const result = await this.db
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ ...values, role: 'admin', committeeId: null })
      .orIgnore()
      .execute();
    return Boolean(result.identifiers.length && result.identifiers[0]);
  }

  /**
   * Member accounts in one statement of arrays (unnest), each with a password to change at the
   * first login; a row whose username or member is taken is skipped. Answers the members inserted.
   */
  async insertMemberAccounts(tx: Tx, rows: NewMemberAccount[]): Promise<string[]> {
    const inserted: { member_id: string }[] = await tx.query(
      `INSERT INTO users (username, password_hash, full_name, role, committee_id, member_id, must_change_password)
       SELECT t.username, t.password_hash, t.full_name, 'member', t.committee_id, t.member_id, true
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::int[], $5::uuid[])
              AS t(username, password_hash, full_name, committee_id, member_id)
       ON CONFLICT DO NOTHING
       RETURNING member_id`,
      [
        rows.map((r) => r.username),
        rows.map((r) => r.passwordHash),
        rows.map((r) => r.fullName),
        rows.map((r) => r.committeeId),
        rows.map((r) => r.memberId),
      ],
    );
    return inserted.map((r) => r.member_id);
  }

  /** Which of these usernames some account has. */
  async takenUsernames(tx: Tx, usernames: string[]): Promise<string[]> {
    const rows: { username: string }[] = await tx.query(`SELECT username FROM users WHERE username = ANY($1::varchar[])`, [usernames]);
    return rows.map((r) => r.username);
  }

  /** member id → account id, for these members' accounts. */
  async accountsOfMembers(tx: Tx, memberIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; member_id: string }[] = await tx.query(`SELECT id, member_id FROM users WHERE member_id = ANY($1::uuid[])`, [
      memberIds,
    ]);
    return new Map(rows.map((r) => [r.member_id, r.id]));
  }

  /** Which of these members have an account. */
  async membersWithAccount(tx: Tx, memberIds: string[]): Promise<string[]> {
    const rows: { member_id: string }[] = await tx.query(`SELECT member_id FROM users WHERE member_id = ANY($1::uuid[])`, [memberIds]);
    return rows.map((r) => r.member_id);
  }

  async update(tx: Tx, id: string, changes: UserChanges): Promise<void> {
    await tx.update(User, { id }, changes);
  }

  async setPassword(tx: Tx, id: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await tx.update(User, { id }, { passwordHash, mustChangePassword });
  }

  /**
   * Replaces a password hash that verified with one at the current cost (AuthService, at a
   * successful login), unless the password changed meanwhile.
   */
  async upgradePasswordHash(tx: Tx, id: string, from: string, to: string): Promise<void> {
    await tx.update(User, { id, passwordHash: from }, { passwordHash: to });
  }

  /**
   * Whether any account's password hash is costlier than `currentPrefix` says, i.e. neither of the
   * current cost nor of the cheap cost of initial passwords (`cheapPrefix`): AuthService at boot.
   */
  async anyPasswordHashOtherThan(currentPrefix: string, cheapPrefix: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM users WHERE left(password_hash, length($1)) <> $1 AND left(password_hash, length($2)) <> $2 LIMIT 1`,
      [currentPrefix, cheapPrefix],
    );
    return rows.length > 0;
  }

  async recordLogin(tx: Tx, id: string): Promise<void> {
    await tx.update(User, { id }, { lastLoginAt: new Date() });
  }

  /** Lifts a lock and clears the failure count. */
  async clearLockout(tx: Tx, id: string): Promise<void> {
    await tx.update(User, { id }, { failedLogins: 0, lockedUntil: null });
  }

  /**
   * Counts one wrong password, in one statement (concurrent failures all count); at `threshold`
   * the account is locked for `minutes` and the count starts again. Answers the row after the
   * update, or undefined while the account is locked.
   */
  async countFailedLogin(tx: Tx, id: string, threshold: number, minutes: number): Promise<{ locked_until: Date | null } | undefined> {
    const [rows]: [{ locked_until: Date | null; failed_logins: number }[]] = await tx.query(
      `UPDATE users SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
       RETURNING locked_until, failed_logins`,
      [id, threshold, minutes],
    );
    return rows[0];
  }

  // ---- the accounts of members and committees (for the members and committees hooks) ----

  /** A member who left the register: their account stops working. */
  async deactivateForMember(tx: Tx, memberId: string): Promise<void> {
    await tx.query(`UPDATE users SET is_active = false, updated_at = now() WHERE member_id = $1`, [memberId]);
  }

  /** A member moved to another branch: their account's home committee follows. */
  async moveMemberAccount(tx: Tx, memberId: string, committeeId: number): Promise<void> {
    await tx.query(`UPDATE users SET committee_id = $1, updated_at = now() WHERE member_id = $2`, [committeeId, memberId]);
  }

  /** Every account of a merged committee takes the target as its home; answers how many moved. */
  async moveCommitteeAccounts(tx: Tx, fromCommitteeId: number, toCommitteeId: number): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(
      `WITH moved AS (UPDATE users SET committee_id = $2, updated_at = now() WHERE committee_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [fromCommitteeId, toCommitteeId],
    );
    return n;
  }

  /** The accounts whose home is this committee, counted per role. */
  countRolesInCommittee(tx: Tx, committeeId: number): Promise<{ role: Role; n: number }[]> {
    return tx.query(`SELECT role, count(*)::int AS n FROM users WHERE committee_id = $1 GROUP BY role`, [committeeId]);
  }

  /** The accounts whose home is this committee. */
  async countInCommittee(tx: Tx, committeeId: number): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM users WHERE committee_id = $1`, [committeeId]);
    return n;
  }
}
