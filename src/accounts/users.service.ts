import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, diff } from '../audit/audit.service.js';
import { passwordProblem } from '../auth/auth.service.js';
import { LockoutService } from '../auth/lockout.service.js';
import { rememberReplacedPassword } from '../auth/password-history.js';
import { hashInitialPassword, hashPassword } from '../auth/passwords.js';
import { ROLES, type Role } from '../common/roles.js';
import { AuthSession } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee, scopePath } from '../common/scope.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { canManageRole, homeCommitteeProblem } from './account-rules.js';
import { AccountErrors } from './accounts.errors.js';
import { INT4_MAX, type CreateUserDto, type UpdateUserDto } from './dto/user.dto.js';
import { toUserResponse, type IssuedAccountResponse, type UserResponse } from './dto/user.response.js';
import { generateInitialPassword } from './initial-passwords.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Null-prototype maps: admin-list looks names up with `in` (see committees.service.ts). */
const dict = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null), entries);

/** Accounts whose home lies in a committee's whole subtree: `{"committeeId": 12}`. */
const subtreeFilter: FilterHandler<User> = (qb, value, p) => {
  const id = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (!Number.isSafeInteger(id) || (id as number) < 1 || (id as number) > INT4_MAX) {
    throw ApiError.badRequest('committeeId must be a committee id', { filter: 'committeeId must be a committee id' }, 'INVALID_LIST_QUERY');
  }
  qb.andWhere(
    `u.committee_id IN (SELECT sub.id FROM committees sub WHERE sub.path <@ (SELECT top.path FROM committees top WHERE top.id = :${p}))`,
    { [p]: id },
  );
};

export const USER_LIST: ListSpec<User> = {
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
  filters: dict<FilterHandler<User>>({
    id: idsFilter('u.id', 'uuid'),
    q: searchFilter('u.username', 'u.full_name'),
    role: enumFilter('u.role', ROLES),
    committeeId: subtreeFilter,
    isActive: boolFilter((v) => (v ? 'u.is_active' : 'NOT u.is_active')),
  }),
};

export type SessionEndReason = 'deactivated' | 'role_changed' | 'committee_changed' | 'password_reset';

/** Ends every live session of an account at once (its access tokens stop working on the next request). */
export async function endSessions(m: EntityManager, userId: string, reason: SessionEndReason): Promise<void> {
  await m
    .createQueryBuilder()
    .update(AuthSession)
    .set({ revokedAt: () => 'now()', revokedReason: reason })
    .where('user_id = :userId AND revoked_at IS NULL', { userId })
    .execute();
}

/**
 * Staff accounts (/api/users). Accounts are seen through their home committee: an account is in
 * the caller's scope when its home lies in the caller's subtree; an admin of the whole tree (no
 * home) is seen only by admins of the whole tree.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly lockout: LockoutService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<UserResponse>> {
    const qb = scopeByCommittee(
      this.db.getRepository(User).createQueryBuilder('u').leftJoinAndSelect('u.committee', 'c'),
      principal,
      'u.committee_id',
    );
    const page = await runListQuery(qb, USER_LIST, query);
    // the list names members' accounts (who is a Party member): a sensitive read
    await this.audit.recordNow(principal, {
      action: 'user.list',
      entityType: 'user',
      committeeId: principal.committeeId,
      details: { filter: query.filter ?? null, range: query.range ?? null, returned: page.items.length, total: page.total },
    });
    return { ...page, items: page.items.map(toUserResponse) };
  }

  async get(principal: Principal, id: string): Promise<UserResponse> {
    return toUserResponse(await this.findInScope(this.db.manager, principal, id));
  }

  /** The account if its home lies in the caller's scope; otherwise a 404, the same as a missing one. */
  async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<User> {
    if (!UUID.test(id)) throw AccountErrors.userNotFound();
    const qb = scopeByCommittee(m.getRepository(User).createQueryBuilder('u'), principal, 'u.committee_id').andWhere('u.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const user = await qb.getOne();
    if (!user) throw AccountErrors.userNotFound();
    user.committee = user.committeeId === null ? null : await this.committees.findInScope(m, principal, user.committeeId);
    return user;
  }

  async create(principal: Principal, dto: CreateUserDto): Promise<UserResponse> {
    if (!canManageRole(principal.role, dto.role)) throw AccountErrors.roleNotGrantable();
    const username = dto.username.toLowerCase();
    const problem = passwordProblem(dto.password, username);
    if (problem) throw ApiError.validation({ password: problem });
    // the committee and username are checked first (cheap), the hash is computed outside the transaction
    await this.resolveHome(this.db.manager, principal, dto.role, dto.committeeId);
    if (await this.db.getRepository(User).existsBy({ username })) throw AccountErrors.usernameTaken();
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (m) => {
      const home = await this.resolveHome(m, principal, dto.role, dto.committeeId);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          username,
          passwordHash,
          fullName: dto.fullName.trim(),
          role: dto.role,
          committeeId: home?.id ?? null,
          memberId: null,
          // issued by someone else: the owner sets their own at the first login
          mustChangePassword: true,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id: string | undefined = inserted.raw[0]?.id;
      if (!id) throw AccountErrors.usernameTaken();
      await this.audit.record(m, principal, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        committeeId: home?.id ?? null,
        details: { username, fullName: dto.fullName.trim(), role: dto.role, committeeId: home?.id ?? null },
      });
      return toUserResponse(await this.findInScope(m, principal, id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    return this.db.transaction(async (m) => {
      const user = await this.findInScope(m, principal, id, true);
      if (!canManageRole(principal.role, user.role)) throw AccountErrors.roleNotGrantable();
      const fullName = dto.fullName?.trim();
      const nameChanged = fullName !== undefined && fullName !== user.fullName;
      const roleChanged = dto.role !== undefined && dto.role !== user.role;
      const committeeChanged = dto.committeeId !== undefined && dto.committeeId !== user.committeeId;
      const activeChanged = dto.isActive !== undefined && dto.isActive !== user.isActive;

      if (user.role === 'member') {
        // the name and branch of a member account follow the member record
        if (roleChanged) throw AccountErrors.memberAccountField('role');
        if (committeeChanged) throw AccountErrors.memberAccountField('committeeId');
        if (nameChanged) throw AccountErrors.memberAccountField('fullName');
      } else if (dto.role === 'member') {
        throw ApiError.validation({ role: 'member accounts are created from the member record (POST /api/members/{id}/account)' });
      }
      if (user.id === principal.id && (roleChanged || committeeChanged || activeChanged)) throw AccountErrors.ownAccount();

      const changes: Partial<User> = {};
      if (nameChanged) changes.fullName = fullName;
      if (roleChanged || committeeChanged) {
        const role: Role = dto.role ?? user.role;
        if (!canManageRole(principal.role, role)) throw AccountErrors.roleNotGrantable();
        const home = await this.resolveHome(m, principal, role, committeeChanged ? dto.committeeId! : user.committeeId);
        if (roleChanged) changes.role = role;
        if (committeeChanged) changes.committeeId = home?.id ?? null;
      }
      if (activeChanged) changes.isActive = dto.isActive;

      const changed = diff(user, changes);
      if (Object.keys(changed).length) {
        await m.update(User, { id }, changes);
        // a narrower role or another home takes effect at once, not when the access token expires
        if (changes.isActive === false) await endSessions(m, id, 'deactivated');
        else if (roleChanged) await endSessions(m, id, 'role_changed');
        else if (committeeChanged) await endSessions(m, id, 'committee_changed');
        await this.audit.record(m, principal, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          committeeId: changes.committeeId ?? user.committeeId,
          details: { username: user.username, changes: changed },
        });
      }
      return toUserResponse(await this.findInScope(m, principal, id));
    });
  }

  /** A new generated initial password, answered once; the account must change it and its sessions end. */
  async resetPassword(principal: Principal, id: string): Promise<IssuedAccountResponse> {
    const initialPassword = generateInitialPassword();
    const passwordHash = await hashInitialPassword(initialPassword);
    return this.db.transaction(async (m) => {
      const user = await this.findInScope(m, principal, id, true);
      if (!canManageRole(principal.role, user.role)) throw AccountErrors.roleNotGrantable();
      if (user.id === principal.id) throw AccountErrors.ownAccount();
      await m.update(User, { id }, { passwordHash, mustChangePassword: true });
      // the password being replaced joins the history: the first-login change cannot go back to it
      await rememberReplacedPassword(m, id, user.passwordHash);
      await endSessions(m, id, 'password_reset');
      await this.audit.record(m, principal, {
        action: 'user.reset_password',
        entityType: 'user',
        entityId: id,
        committeeId: user.committeeId,
        details: { username: user.username },
      });
      return { user: toUserResponse(await this.findInScope(m, principal, id)), initialPassword };
    });
  }

  /**
   * Lifts a lockout (too many wrong passwords) before it runs out, and clears every login counter
   * of the account (LockoutService.unlock): the right password then works at once from any client.
   * An account with nothing to clear is answered unchanged, and nothing is recorded.
   */
  async unlock(principal: Principal, id: string): Promise<UserResponse> {
    return this.db.transaction(async (m) => {
      const user = await this.findInScope(m, principal, id, true);
      if (!canManageRole(principal.role, user.role)) throw AccountErrors.roleNotGrantable();
      if (await this.lockout.unlock(m, user)) {
        await this.audit.record(m, principal, {
          action: 'user.unlock',
          entityType: 'user',
          entityId: id,
          committeeId: user.committeeId,
          details: { username: user.username, lockedUntil: user.lockedUntil?.toISOString() ?? null, failedLogins: user.failedLogins },
        });
      }
      return toUserResponse(await this.findInScope(m, principal, id));
    });
  }

  /**
   * The home committee an account of `role` may be given by the caller: in the caller's subtree
   * (out of scope answers like a missing committee), not archived, a branch or grassroots
   * organisation for a secretary; none (the whole tree) only for an admin, given by an admin of
   * the whole tree.
   */
  private async resolveHome(m: EntityManager, principal: Principal, role: Role, committeeId: number | null): Promise<Committee | null> {
    if (committeeId === null) {
      if (role !== 'admin') throw AccountErrors.committeeRequired();
      if (scopePath(principal) !== null) throw AccountErrors.wholeTreeOnly();
      return null;
    }
    const home = await this.committees.findReferenced(m, principal, committeeId, AccountErrors.committeeNotFound);
    const problem = homeCommitteeProblem(role, home);
    if (problem) throw AccountErrors.homeCommittee(problem);
    return home;
  }
}
