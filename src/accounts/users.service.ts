import { exportAudit, readWholeList, writeListFile, type ListExportQuery, type ListFile } from '../common/list-export.js';
import { USER_EXPORT_COLUMNS } from './user-export.js';
import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import { passwordProblem } from '../auth/auth.service.js';
import { hashInitialPassword, hashPassword } from '../auth/passwords.js';
import type { User } from '../auth/user.entity.js';
import { UserAccountsService, type UserChanges } from '../auth/user-accounts.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import type { Role } from '../common/roles.js';
import { scopePath } from '../common/scope.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { canManageRole, homeCommitteeProblem } from './accounts.rules.js';
import { AccountErrors } from './accounts.errors.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { toUserResponse, type IssuedAccountResponse, type UserResponse } from './dto/user.response.js';
import { generateInitialPassword } from './initial-passwords.js';

/**
 * Staff accounts (/api/users). Accounts are seen through their home committee: an account is in
 * the caller's scope when its home lies in the caller's subtree; an admin of the whole tree (no
 * home) is seen only by admins of the whole tree.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: Transactions,
    private readonly accounts: UserAccountsService,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  /** The account list for the same scope, filters and sort as a CSV or xlsx file; audited once (not as user.list per page). */
  async export(principal: Principal, query: ListExportQuery): Promise<ListFile> {
    const rows = await readWholeList(query, async (q) => {
      const page = await this.accounts.list(principal, q);
      return { ...page, items: page.items.map(toUserResponse) };
    });
    const file = await writeListFile(rows, USER_EXPORT_COLUMNS, { ...query, sheetName: 'Tài khoản', baseName: 'tai-khoan' });
    await this.audit.recordNow(principal, exportAudit('user', principal, query, file));
    return file;
  }

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<UserResponse>> {
    const page = await this.accounts.list(principal, query);
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
    return toUserResponse(await this.findInScope(this.tx.none, principal, id));
  }

  /** The account if its home lies in the caller's scope; otherwise a 404, the same as a missing one. */
  async findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<User> {
    const user = await this.accounts.findInScope(tx, principal, id, AccountErrors.userNotFound, lock);
    user.committee = user.committeeId === null ? null : await this.committees.findInScope(tx, principal, user.committeeId);
    return user;
  }

  async create(principal: Principal, dto: CreateUserDto): Promise<UserResponse> {
    if (!canManageRole(principal.role, dto.role)) throw AccountErrors.roleNotGrantable();
    const username = dto.username.toLowerCase();
    const problem = passwordProblem(dto.password, username);
    if (problem) throw AccountErrors.weakPassword(problem);
    // the committee and username are checked first (cheap), the hash is computed outside the transaction
    await this.resolveHome(this.tx.none, principal, dto.role, dto.committeeId);
    if (await this.accounts.usernameTaken(username)) throw AccountErrors.usernameTaken();
    const passwordHash = await hashPassword(dto.password);
    return this.tx.run(async (tx) => {
      const home = await this.resolveHome(tx, principal, dto.role, dto.committeeId);
      const id = await this.accounts.createIfFree(tx, {
        username,
        passwordHash,
        fullName: dto.fullName.trim(),
        role: dto.role,
        committeeId: home?.id ?? null,
        memberId: null,
        // issued by someone else: the owner sets their own at the first login
        mustChangePassword: true,
      });
      if (!id) throw AccountErrors.usernameTaken();
      await this.audit.record(tx, principal, {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        committeeId: home?.id ?? null,
        details: { username, fullName: dto.fullName.trim(), role: dto.role, committeeId: home?.id ?? null },
      });
      return toUserResponse(await this.findInScope(tx, principal, id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    return this.tx.run(async (tx) => {
      const user = await this.findInScope(tx, principal, id, true);
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
        throw AccountErrors.memberRoleNotGiven();
      }
      if (user.id === principal.id && (roleChanged || committeeChanged || activeChanged)) throw AccountErrors.ownAccount();

      const changes: UserChanges = {};
      if (nameChanged) changes.fullName = fullName;
      if (roleChanged || committeeChanged) {
        const role: Role = dto.role ?? user.role;
        if (!canManageRole(principal.role, role)) throw AccountErrors.roleNotGrantable();
        const home = await this.resolveHome(tx, principal, role, committeeChanged ? dto.committeeId! : user.committeeId);
        if (roleChanged) changes.role = role;
        if (committeeChanged) changes.committeeId = home?.id ?? null;
      }
      if (activeChanged) changes.isActive = dto.isActive;

      const changed = diff(user, changes);
      if (Object.keys(changed).length) {
        await this.accounts.update(tx, id, changes);
        // a narrower role or another home takes effect at once, not when the access token expires
        if (changes.isActive === false) await this.accounts.endSessions(tx, id, 'deactivated');
        else if (roleChanged) await this.accounts.endSessions(tx, id, 'role_changed');
        else if (committeeChanged) await this.accounts.endSessions(tx, id, 'committee_changed');
        await this.audit.record(tx, principal, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          committeeId: changes.committeeId ?? user.committeeId,
          details: { username: user.username, changes: changed },
        });
      }
      return toUserResponse(await this.findInScope(tx, principal, id));
    });
  }

  /** A new generated initial password, answered once; the account must change it and its sessions end. */
  async resetPassword(principal: Principal, id: string): Promise<IssuedAccountResponse> {
    const initialPassword = generateInitialPassword();
    const passwordHash = await hashInitialPassword(initialPassword);
    return this.tx.run(async (tx) => {
      const user = await this.findInScope(tx, principal, id, true);
      if (!canManageRole(principal.role, user.role)) throw AccountErrors.roleNotGrantable();
      if (user.id === principal.id) throw AccountErrors.ownAccount();
      // the password being replaced joins the history (the first-login change cannot go back to it); the sessions end
      await this.accounts.resetPassword(tx, user, passwordHash);
      await this.audit.record(tx, principal, {
        action: 'user.reset_password',
        entityType: 'user',
        entityId: id,
        committeeId: user.committeeId,
        details: { username: user.username },
      });
      return { user: toUserResponse(await this.findInScope(tx, principal, id)), initialPassword };
    });
  }

  /**
   * Lifts a lockout (too many wrong passwords) before it runs out, and clears every login counter
   * of the account (LockoutService.unlock): the right password then works at once from any client.
   * An account with nothing to clear is answered unchanged, and nothing is recorded.
   */
  async unlock(principal: Principal, id: string): Promise<UserResponse> {
    return this.tx.run(async (tx) => {
      const user = await this.findInScope(tx, principal, id, true);
      if (!canManageRole(principal.role, user.role)) throw AccountErrors.roleNotGrantable();
      if (await this.accounts.unlock(tx, user)) {
        await this.audit.record(tx, principal, {
          action: 'user.unlock',
          entityType: 'user',
          entityId: id,
          committeeId: user.committeeId,
          details: { username: user.username, lockedUntil: user.lockedUntil?.toISOString() ?? null, failedLogins: user.failedLogins },
        });
      }
      return toUserResponse(await this.findInScope(tx, principal, id));
    });
  }

  /**
   * The home committee an account of `role` may be given by the caller: in the caller's subtree
   * (out of scope answers like a missing committee), not archived, a branch or grassroots
   * organisation for a secretary; none (the whole tree) only for an admin, given by an admin of
   * the whole tree.
   */
  private async resolveHome(tx: Tx, principal: Principal, role: Role, committeeId: number | null): Promise<Committee | null> {
    if (committeeId === null) {
      if (role !== 'admin') throw AccountErrors.committeeRequired();
      if (scopePath(principal) !== null) throw AccountErrors.wholeTreeOnly();
      return null;
    }
    const home = await this.committees.findReferenced(tx, principal, committeeId, AccountErrors.committeeNotFound);
    const problem = homeCommitteeProblem(role, home);
    if (problem) throw AccountErrors.homeCommittee(problem);
    return home;
  }

  // ---- the accounts of a committee (for the committees module's merge and delete, through the accounts hooks) ----

  /** The accounts whose home is this committee: a delete is refused while any are. */
  countInCommittee(tx: Tx, committeeId: number): Promise<number> {
    return this.accounts.countInCommittee(tx, committeeId);
  }

  /** The accounts whose home is this committee, per role (a merge checks the target can hold them). */
  countRolesInCommittee(tx: Tx, committeeId: number): Promise<{ role: Role; n: number }[]> {
    return this.accounts.countRolesInCommittee(tx, committeeId);
  }

  /** A merge: every account of the source takes the target as its home; answers how many moved. */
  moveCommitteeAccounts(tx: Tx, fromCommitteeId: number, toCommitteeId: number): Promise<number> {
    return this.accounts.moveCommitteeAccounts(tx, fromCommitteeId, toCommitteeId);
  }
}
