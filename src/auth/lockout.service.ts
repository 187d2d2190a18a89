import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { LoginDevicesService } from './login-devices.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/**
 * Per-account lockout: LOCKOUT_THRESHOLD consecutive wrong passwords lock an existing account for
 * LOCKOUT_MINUTES, or until a staff member in scope unlocks it (POST /api/users/{id}/unlock). A
 * successful login resets the count. A locked account's password is not even checked, and the
 * login answers exactly as for a wrong password: a locked account is not told apart from an
 * unknown username or a wrong password (no account enumeration), and guessing on it learns nothing.
 */
@Injectable()
export class LockoutService {
  private readonly logger = new Logger(LockoutService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly users: UsersRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly devices: LoginDevicesService,
  ) {}

  /**
   * Staff unlock (UsersService.unlock, in its transaction): every counter that stands between the
   * account and a login is cleared — the lock and its count, the per-username login throttle, and
   * the failure counts and locks of the account's device tokens — so that the right password works
   * at once from any client. Answers whether there was a lock or a failure to clear.
   */
  async unlock(tx: Tx, user: Pick<User, 'id' | 'username' | 'lockedUntil' | 'failedLogins'>): Promise<boolean> {
    const counted = user.lockedUntil !== null || user.failedLogins > 0;
    if (counted) await this.users.clearLockout(tx, user.id);
    const devices = await this.devices.clearFailures(tx, user.id);
    await this.throttle.reset(user.username, tx);
    return counted || devices > 0;
  }

  /** Lifts a lock and clears the count: a successful login from an unknown client, a password change, or unlock. */
  clearLockout(tx: Tx, userId: string): Promise<void> {
    return this.users.clearLockout(tx, userId);
  }

  isLocked(user: Pick<User, 'lockedUntil'>, now = new Date()): boolean {
    return user.lockedUntil !== null && user.lockedUntil > now;
  }

  /**
   * Counts one wrong password, in one statement (concurrent failures all count). At the threshold
   * the account is locked and the count starts again for after the lock; the lock is audited.
   */
  async recordFailure(user: User): Promise<void> {
    await this.tx.run(async (tx) => {
      const row = await this.users.countFailedLogin(tx, user.id, this.config.LOCKOUT_THRESHOLD, this.config.LOCKOUT_MINUTES);
      if (!row?.locked_until || new Date(row.locked_until) <= new Date()) return;
      this.logger.warn(`account ${user.username} locked after ${this.config.LOCKOUT_THRESHOLD} failed logins`);
      await this.audit.record(tx, null, {
        action: 'user.locked',
        entityType: 'user',
        entityId: user.id,
        committeeId: user.committeeId,
        details: {
          username: user.username,
          failedLogins: this.config.LOCKOUT_THRESHOLD,
          lockedUntil: new Date(row.locked_until).toISOString(),
        },
      });
    });
  }
}
