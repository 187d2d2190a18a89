import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import type { Principal } from '../common/principal.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { AuthErrors } from './auth.errors.js';
import { toUserProfile, type LoginResult, type TokenPair } from './dto/auth.response.js';
import { LockoutService } from './lockout.service.js';
import { PasswordHistoryService } from './password-history.service.js';
import { passwordProblem } from '../config/password-policy.js';
import { LoginDevicesService, type TrustedDevice } from './login-devices.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import {
  CURRENT_COST,
  hashPassword,
  hashPrefix,
  INITIAL_COST,
  passwordNeedsUpgrade,
  prepareDummies,
  setLegacyHashesExist,
  setPasswordHashConcurrency,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.js';
import { SessionsRepository } from './sessions.repository.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

export interface AccessClaims {
  sub: string;
  sid: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The auth errors moved to auth.errors.ts; re-exported for the modules that import them from here. */
export { AuthErrors } from './auth.errors.js';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly history: PasswordHistoryService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
    private readonly lockout: LockoutService,
    private readonly devices: LoginDevicesService,
  ) {
    setPasswordHashConcurrency(config.PASSWORD_HASH_CONCURRENCY);
  }

  /**
   * Whether some account still holds a hash made before the current cost (passwords.ts: failed
   * logins then spend a legacy-cost check too, so that such an account is not told apart), and the
   * dummy hashes failures need. In the background: until it answers, failures assume there are.
   */
  onApplicationBootstrap(): void {
    void this.users
      .anyPasswordHashOtherThan(hashPrefix(CURRENT_COST), hashPrefix(INITIAL_COST))
      .then((exist) => {
        setLegacyHashesExist(exist);
        return prepareDummies();
      })
      .catch((e: unknown) => this.logger.warn(`password hash costs not checked: ${String(e)}`));
  }

  /** One indexed query per request: the account, its home committee's path, and whether the session lives. */
  async loadPrincipal(userId: string, sessionId: string, tx?: Tx): Promise<Principal | null> {
    const r = await this.users.loadPrincipal(userId, sessionId, tx);
    if (!r) return null;
    return {
      id: r.id,
      username: r.username,
      fullName: r.full_name,
      role: r.role,
      committeeId: r.committee_id,
      committeeName: r.committee_name,
      committeePath: r.committee_path,
      memberId: r.member_id,
      mustChangePassword: r.must_change_password,
      sessionId,
      requestId: '',
      clientAddress: null,
    };
  }

  /**
   * A login from an unknown client counts toward the per-username throttle and the account lock.
   * A login presenting a device token that client received at an earlier successful login to this
   * account (login-devices.service.ts) skips both: an attacker who knows only the username cannot
   * keep the owner out; its wrong passwords count toward the token's own lock instead.
   */
  async login(usernameRaw: string, password: string, clientAddress: string, deviceToken?: string): Promise<LoginResult> {
    const username = usernameRaw.trim().toLowerCase();
    const device = await this.devices.findTrusted(username, deviceToken);
    if (device) return this.loginFromDevice(device, password, clientAddress);
    await this.throttle.hit(username, clientAddress);
    const user = await this.users.findByUsername(username);
    // a locked account's password is not checked (the same time is spent on the dummy hash)
    const usable = user !== null && user.isActive && !this.lockout.isLocked(user);
    const ok = usable ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (!ok || !user) {
      if (usable) await this.lockout.recordFailure(user);
      throw AuthErrors.invalidCredentials();
    }
    await this.throttle.reset(username);
    return this.startSession(user, null, true, await this.upgradedHash(user, password));
  }

  /** A known device: only the per-client throttle, no account lock; failures count on the device. */
  private async loginFromDevice(device: TrustedDevice, password: string, clientAddress: string): Promise<LoginResult> {
    await this.throttle.hitClient(clientAddress);
    const user = await this.users.findByIdOrFail(device.userId);
    const ok = user.isActive ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (!ok) {
      if (user.isActive) await this.devices.recordFailure(device, user);
      throw AuthErrors.invalidCredentials();
    }
    // the account's lock and count are left as they are: they hold for unknown clients
    return this.startSession(user, device, false, await this.upgradedHash(user, password));
  }

  /** A hash at the current cost for a password that just verified against an older one (passwords.ts, LEGACY_COST), else null. */
  private async upgradedHash(user: User, password: string): Promise<string | null> {
    return passwordNeedsUpgrade(user.passwordHash) ? hashPassword(password) : null;
  }

  private startSession(
    user: User,
    device: TrustedDevice | null,
    clearAccountLock: boolean,
    upgradedHash: string | null,
  ): Promise<LoginResult> {
    return this.tx.run(async (tx) => {
      if (upgradedHash) await this.users.upgradePasswordHash(tx, user.id, user.passwordHash, upgradedHash);
      await this.users.recordLogin(tx, user.id);
      if (clearAccountLock && (user.failedLogins > 0 || user.lockedUntil !== null)) await this.lockout.clearLockout(tx, user.id);
      const session = await this.sessions.create(tx, user.id, new Date(Date.now() + this.config.JWT_REFRESH_TTL * 1000));
      const deviceToken = await this.devices.remember(tx, user.id, device);
      return { ...(await this.issue(tx, user.id, session.id)), deviceToken };
    });
  }

  /**
   * Rotates a refresh token. A token presented a second time means it leaked (or a client raced
   * itself): the whole session is revoked, and every token of it stops working at once.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.tx.run(async (tx) => {
      const row = await this.sessions.findRefreshTokenForUpdate(tx, sha256(refreshToken));
      if (!row) return { error: AuthErrors.invalidRefresh() };
      if (row.revoked_at || new Date(row.expires_at) <= new Date()) return { error: AuthErrors.sessionEnded() };
      if (row.used_at) {
        await this.sessions.revoke(tx, row.session_id, 'refresh_reuse');
        this.logger.warn(`refresh token reused; session ${row.session_id} revoked`);
        return { error: AuthErrors.refreshReused() };
      }
      await this.sessions.markRefreshTokenUsed(tx, row.id);
      return { pair: await this.issue(tx, row.user_id, row.session_id) };
    });
    // thrown after the commit, so that a reuse revocation is kept
    if ('error' in outcome) throw outcome.error;
    return outcome.pair!;
  }

  /** Ends the session of the refresh token (when given) or of the calling access token. */
  async logout(principal: Principal, refreshToken?: string, everywhere = false): Promise<void> {
    if (everywhere) {
      await this.tx.run((tx) => this.sessions.revokeAll(tx, principal.id, 'logout'));
      return;
    }
    let sessionId = principal.sessionId;
    if (refreshToken) {
      // only a refresh token of the caller's own sessions names the session to end
      sessionId = (await this.sessions.sessionOfRefreshToken(sha256(refreshToken), principal.id)) ?? sessionId;
    }
    await this.sessions.revokeOwn(sessionId, principal.id, 'logout');
  }

  /**
   * A wrong current password counts toward the account's lockout like a wrong login (a stolen
   * access token does not give unlimited guesses); once locked, the current password is not
   * checked any more (answered as wrong) until the lock runs out or staff lift it.
   */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = await this.users.findByIdOrFail(principal.id);
    const locked = this.lockout.isLocked(user);
    const ok = locked ? await verifyAgainstDummy(current) : await verifyPassword(user.passwordHash, current);
    if (!ok) {
      if (!locked) await this.lockout.recordFailure(user);
      throw AuthErrors.wrongCurrentPassword();
    }
    const problem = passwordProblem(next, user.username);
    if (problem) throw AuthErrors.weakPassword('newPassword', problem);
    if (await this.history.isReused(this.tx.none, user, next)) throw AuthErrors.passwordReused();
    const hash = await hashPassword(next);
    await this.tx.run(async (tx) => {
      await this.users.setPassword(tx, user.id, hash, false);
      await this.history.remember(tx, user.id, user.passwordHash);
      // the right current password ends a run of wrong ones, as a successful login does
      if (user.failedLogins > 0) await this.lockout.clearLockout(tx, user.id);
      // every other session of the account ends; the current one stays
      await this.sessions.revokeOthers(tx, user.id, principal.sessionId, 'password_changed');
    });
  }

  private async issue(tx: Tx, userId: string, sessionId: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.sessions.addRefreshToken(tx, sessionId, sha256(refreshToken));
    const claims: AccessClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims);
    // read through the transaction itself (the embedded server runs one query at a time)
    const principal = await this.loadPrincipal(userId, sessionId, tx);
    if (!principal) throw AuthErrors.sessionEnded();
    return { accessToken, expiresIn: this.config.JWT_ACCESS_TTL, refreshToken, user: toUserProfile(principal) };
  }
}

/** The password policy lives in password-policy.ts (config validation reads it too, without Nest); re-exported here. */
export { passwordProblem } from '../config/password-policy.js';
