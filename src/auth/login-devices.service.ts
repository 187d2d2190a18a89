import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import type { User } from './user.entity.js';

/** The cookie that carries a browser's device token (HttpOnly, Secure, SameSite=Strict, Path=/api/auth). */
export const DEVICE_COOKIE = 'sotay_device';
export const DEVICE_COOKIE_PATH = '/api/auth';
/** Device tokens kept per account; a new one beyond this replaces the least recently used. */
const MAX_DEVICES_PER_ACCOUNT = 20;

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** The device of this token when it belongs to `username`'s account, is not expired and not locked; else null. */
  async findTrusted(username: string, token: string | undefined): Promise<TrustedDevice | null> {
    if (!token || token.length > 200) return null;
    const rows: { id: string; user_id: string }[] = await this.db.query(
      `SELECT d.id, d.user_id FROM login_devices d JOIN users u ON u.id = d.user_id
        WHERE d.token_hash = $1 AND u.username = $2 AND d.expires_at > now()
          AND (d.locked_until IS NULL OR d.locked_until <= now())`,
      [sha256(token), username],
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id, token } : null;
  }

  /** Counts one wrong password with this token, in one statement; at the threshold the token is locked (audited). */
  async recordFailure(device: TrustedDevice, user: User): Promise<void> {
    await this.db.transaction(async (m) => {
      const [rows]: [{ locked_until: Date | null }[]] = await m.query(
        `UPDATE login_devices SET
           failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
         RETURNING locked_until`,
        [device.id, this.config.LOCKOUT_THRESHOLD, this.config.LOCKOUT_MINUTES],
      );
      const row = rows[0];
      if (!row?.locked_until || new Date(row.locked_until) <= new Date()) return;
      this.logger.warn(`a device token of ${user.username} locked after ${this.config.LOCKOUT_THRESHOLD} failed logins`);
      await this.audit.record(m, null, {
        action: 'user.device_locked',
        entityType: 'user',
        entityId: user.id,
        committeeId: user.committeeId,
        details: { username: user.username, deviceId: device.id, failedLogins: this.config.LOCKOUT_THRESHOLD, lockedUntil: new Date(row.locked_until).toISOString() },
      });
    });
  }

  /**
   * After a successful login: the presented device's token lives on (its count cleared, its life
   * extended), or a new token is issued. Answers the token the client must keep.
   */
  async remember(m: EntityManager, userId: string, device: TrustedDevice | null): Promise<string> {
    const expires = `now() + make_interval(days => $2)`;
    if (device) {
      await m.query(
        `UPDATE login_devices SET last_login_at = now(), expires_at = ${expires}, failed_logins = 0, locked_until = NULL WHERE id = $1`,
        [device.id, this.config.LOGIN_DEVICE_DAYS],
      );
      return device.token;
    }
    const token = randomBytes(32).toString('base64url');
    await m.query(
      `INSERT INTO login_devices (user_id, token_hash, last_login_at, expires_at) VALUES ($1, $3, now(), ${expires})`,
      [userId, this.config.LOGIN_DEVICE_DAYS, sha256(token)],
    );
    await m.query(
      `DELETE FROM login_devices WHERE user_id = $1 AND (expires_at <= now() OR id NOT IN (
         SELECT id FROM login_devices WHERE user_id = $1 ORDER BY last_login_at DESC, id LIMIT $2))`,
      [userId, MAX_DEVICES_PER_ACCOUNT],
    );
    return token;
  }

  /** Staff unlock: every device of the account starts again at no failure; answers how many had some. */
  async clearFailures(m: EntityManager, userId: string): Promise<number> {
    const [rows]: [unknown[]] = await m.query(
      `UPDATE login_devices SET failed_logins = 0, locked_until = NULL
        WHERE user_id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL) RETURNING id`,
      [userId],
    );
    return rows.length;
  }
}
