import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { toUserProfile, type LoginResult, type TokenPair } from './dto/auth.response.js';
import { clearLockout, LockoutService } from './lockout.service.js';
import { isReusedPassword, PASSWORD_HISTORY_SIZE, rememberReplacedPassword } from './password-history.js';
import { passwordProblem } from '../config/password-policy.js';
import { LoginDevicesService, type TrustedDevice } from './login-devices.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { hashPassword, setPasswordHashConcurrency, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { AuthSession, RefreshToken } from './session.entity.js';
import { User } from './user.entity.js';

export interface AccessClaims {
  sub: string;
  sid: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const AuthErrors = {
  /** Also the answer for a locked or deactivated account: the three are not told apart. */
  invalidCredentials: () =>
    ApiError.unauthorized(
      'Wrong username or password (after repeated failures an account is locked for a while; staff of your committee can unlock it)',
      'INVALID_CREDENTIALS',
    ),
  invalidRefresh: () => ApiError.unauthorized('The refresh token is not valid', 'INVALID_REFRESH_TOKEN'),
  refreshReused: () =>
    ApiError.unauthorized('The refresh token was already used; the session has been revoked', 'REFRESH_TOKEN_REUSED'),
  sessionEnded: () => ApiError.unauthorized('The session has ended; log in again', 'SESSION_ENDED'),
  passwordReused: () => {
    const message = `The new password must differ from the current one and from the last ${PASSWORD_HISTORY_SIZE} before it`;
    return new ApiError(400, 'PASSWORD_REUSED', message, { newPassword: message });
  },
};

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
    private readonly lockout: LockoutService,
    private readonly devices: LoginDevicesService,
  ) {
    setPasswordHashConcurrency(config.PASSWORD_HASH_CONCURRENCY);
  }

  /** One indexed query per request: the account, its home committee's path, and whether the session lives. */
  async loadPrincipal(userId: string, sessionId: string, m: EntityManager = this.db.manager): Promise<Principal | null> {
    const rows: any[] = await m.query(
      `SELECT u.id, u.username, u.full_name, u.role, u.committee_id, u.member_id, u.must_change_password,
              c.name AS committee_name, c.path::text AS committee_path
         FROM users u
         JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()
         LEFT JOIN committees c ON c.id = u.committee_id
        WHERE u.id = $1 AND u.is_active`,
      [userId, sessionId],
    );
    const r = rows[0];
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
    const user = await this.db.getRepository(User).findOneBy({ username });
    // a locked account's password is not checked (the same time is spent on the dummy hash)
    const usable = user !== null && user.isActive && !this.lockout.isLocked(user);
    const ok = usable ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (!ok || !user) {
      if (usable) await this.lockout.recordFailure(user);
      throw AuthErrors.invalidCredentials();
    }
    await this.throttle.reset(username);
    return this.startSession(user, null, true);
  }

  /** A known device: only the per-client throttle, no account lock; failures count on the device. */
  private async loginFromDevice(device: TrustedDevice, password: string, clientAddress: string): Promise<LoginResult> {
    await this.throttle.hitClient(clientAddress);
    const user = await this.db.getRepository(User).findOneByOrFail({ id: device.userId });
    const ok = user.isActive ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (!ok) {
      if (user.isActive) await this.devices.recordFailure(device, user);
      throw AuthErrors.invalidCredentials();
    }
    // the account's lock and count are left as they are: they hold for unknown clients
    return this.startSession(user, device, false);
  }

  private startSession(user: User, device: TrustedDevice | null, clearAccountLock: boolean): Promise<LoginResult> {
    return this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { lastLoginAt: new Date() });
      if (clearAccountLock && (user.failedLogins > 0 || user.lockedUntil !== null)) await clearLockout(m, user.id);
      const session = await m.save(
        m.create(AuthSession, { userId: user.id, expiresAt: new Date(Date.now() + this.config.JWT_REFRESH_TTL * 1000) }),
      );
      const deviceToken = await this.devices.remember(m, user.id, device);
      return { ...(await this.issue(m, user.id, session.id)), deviceToken };
    });
  }

  /**
   * Rotates a refresh token. A token presented a second time means it leaked (or a client raced
   * itself): the whole session is revoked, and every token of it stops working at once.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.db.transaction(async (m) => {
      const rows: any[] = await m.query(
        `SELECT rt.id, rt.used_at, s.id AS session_id, s.user_id, s.revoked_at, s.expires_at
           FROM refresh_tokens rt JOIN auth_sessions s ON s.id = rt.session_id
          WHERE rt.token_hash = $1
            FOR UPDATE OF rt, s`,
        [sha256(refreshToken)],
      );
      const row = rows[0];
      if (!row) return { error: AuthErrors.invalidRefresh() };
      if (row.revoked_at || new Date(row.expires_at) <= new Date()) return { error: AuthErrors.sessionEnded() };
      if (row.used_at) {
        await m.update(AuthSession, { id: row.session_id }, { revokedAt: new Date(), revokedReason: 'refresh_reuse' });
        this.logger.warn(`refresh token reused; session ${row.session_id} revoked`);
        return { error: AuthErrors.refreshReused() };
      }
      await m.update(RefreshToken, { id: row.id }, { usedAt: new Date() });
      return { pair: await this.issue(m, row.user_id, row.session_id) };
    });
    // thrown after the commit, so that a reuse revocation is kept
    if ('error' in outcome) throw outcome.error;
    return outcome.pair!;
  }

  /** Ends the session of the refresh token (when given) or of the calling access token. */
  async logout(principal: Principal, refreshToken?: string): Promise<void> {
    let sessionId = principal.sessionId;
    if (refreshToken) {
      // only a refresh token of the caller's own sessions names the session to end
      const rows: { session_id: string }[] = await this.db.query(
        `SELECT rt.session_id FROM refresh_tokens rt JOIN auth_sessions s ON s.id = rt.session_id
          WHERE rt.token_hash = $1 AND s.user_id = $2`,
        [sha256(refreshToken), principal.id],
      );
      if (rows[0]) sessionId = rows[0].session_id;
    }
    await this.db
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: 'logout' })
      .where('id = :id AND user_id = :userId AND revoked_at IS NULL', { id: sessionId, userId: principal.id })
      .execute();
  }

  /**
   * A wrong current password counts toward the account's lockout like a wrong login (a stolen
   * access token does not give unlimited guesses); once locked, the current password is not
   * checked any more (answered as wrong) until the lock runs out or staff lift it.
   */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: principal.id });
    const locked = this.lockout.isLocked(user);
    const ok = locked ? await verifyAgainstDummy(current) : await verifyPassword(user.passwordHash, current);
    if (!ok) {
      if (!locked) await this.lockout.recordFailure(user);
      throw ApiError.validation({ currentPassword: 'The current password is wrong' });
    }
    const problem = passwordProblem(next, user.username);
    if (problem) throw ApiError.validation({ newPassword: problem });
    if (await isReusedPassword(this.db.manager, user, next)) throw AuthErrors.passwordReused();
    const hash = await hashPassword(next);
    await this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash: hash, mustChangePassword: false });
      await rememberReplacedPassword(m, user.id, user.passwordHash);
      // the right current password ends a run of wrong ones, as a successful login does
      if (user.failedLogins > 0) await clearLockout(m, user.id);
      // every other session of the account ends; the current one stays
      await m
        .createQueryBuilder()
        .update(AuthSession)
        .set({ revokedAt: () => 'now()', revokedReason: 'password_changed' })
        .where('user_id = :u AND id <> :s AND revoked_at IS NULL', { u: user.id, s: principal.sessionId })
        .execute();
    });
  }

  private async issue(m: EntityManager, userId: string, sessionId: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await m.insert(RefreshToken, { sessionId, tokenHash: sha256(refreshToken) });
    const claims: AccessClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims);
    // read through the transaction's own manager (the embedded server runs one query at a time)
    const principal = await this.loadPrincipal(userId, sessionId, m);
    if (!principal) throw AuthErrors.sessionEnded();
    return { accessToken, expiresIn: this.config.JWT_ACCESS_TTL, refreshToken, user: toUserProfile(principal) };
  }
}

/** The password policy lives in password-policy.ts (config validation reads it too, without Nest); re-exported here. */
export { passwordProblem } from '../config/password-policy.js';
