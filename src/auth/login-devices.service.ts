import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { LoginDevicesRepository } from './login-devices.repository.js';
import type { User } from './user.entity.js';

/** The cookie that carries a browser's device token (HttpOnly, Secure, SameSite=Strict, Path=/api/auth). */
export const DEVICE_COOKIE = 'sotay_device';
export const DEVICE_COOKIE_PATH = '/api/auth';
/** Device tokens kept per account; a new one beyond this replaces the least recently used. */
export const MAX_DEVICES_PER_ACCOUNT = 20;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A device token presented with a login, valid for that username. */
export interface TrustedDevice {
  id: string;
  userId: string;
  token: string;
}

/**
 * OWASP "Slow Down Online Guessing Attacks with Device Cookies": a client that logged in to an
 * account successfully is given a long-lived device token (a random 256-bit value; only its
 * SHA-256 is stored, as for refresh tokens). A login that presents a valid token for its username
 * is not subject to the per-username throttle nor to the account lock, which an attacker who
 * knows only the username can trigger: it has its own failure count, and a token with
 * LOCKOUT_THRESHOLD wrong passwords in a row is locked for LOCKOUT_MINUTES, during which it counts
 * for nothing (its logins are an unknown client's). A token lives LOGIN_DEVICE_DAYS after its last
 * successful login.
 */
@Injectable()
export class LoginDevicesService {
  private readonly logger = new Logger(LoginDevicesService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly devices: LoginDevicesRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** The device of this token when it belongs to `username`'s account, is not expired and not locked; else null. */
  async findTrusted(username: string, token: string | undefined): Promise<TrustedDevice | null> {
    if (!token || token.length > 200) return null;
    const row = await this.devices.findUsable(sha256(token), username);
    return row ? { id: row.id, userId: row.user_id, token } : null;
  }

  /** Counts one wrong password with this token, in one statement; at the threshold the token is locked (audited). */
  async recordFailure(device: TrustedDevice, user: User): Promise<void> {
    await this.tx.run(async (tx) => {
      const row = await this.devices.countFailedLogin(tx, device.id, this.config.LOCKOUT_THRESHOLD, this.config.LOCKOUT_MINUTES);
      if (!row?.locked_until || new Date(row.locked_until) <= new Date()) return;
      this.logger.warn(`a device token of ${user.username} locked after ${this.config.LOCKOUT_THRESHOLD} failed logins`);
      await this.audit.record(tx, null, {
        action: 'user.device_locked',
        entityType: 'user',
        entityId: user.id,
        committeeId: user.committeeId,
        details: {
          username: user.username,
          deviceId: device.id,
          failedLogins: this.config.LOCKOUT_THRESHOLD,
          lockedUntil: new Date(row.locked_until).toISOString(),
        },
      });
    });
  }

  /**
   * After a successful login: the presented device's token lives on (its count cleared, its life
   * extended), or a new token is issued. Answers the token the client must keep.
   */
  async remember(tx: Tx, userId: string, device: TrustedDevice | null): Promise<string> {
    if (device) {
      await this.devices.renew(tx, device.id, this.config.LOGIN_DEVICE_DAYS);
      return device.token;
    }
    const token = randomBytes(32).toString('base64url');
    await this.devices.insert(tx, userId, sha256(token), this.config.LOGIN_DEVICE_DAYS);
    await this.devices.prune(tx, userId, MAX_DEVICES_PER_ACCOUNT);
    return token;
  }

  /** Staff unlock: every device of the account starts again at no failure; answers how many had some. */
  clearFailures(tx: Tx, userId: string): Promise<number> {
    return this.devices.clearFailures(tx, userId);
  }
}
