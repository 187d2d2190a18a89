import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';

/** A new device token of an account ($1 the user, $2 its days, $3 the token's SHA-256); bench/paths.ts's login too. */
export const INSERT_DEVICE_SQL = `INSERT INTO login_devices (user_id, token_hash, last_login_at, expires_at) VALUES ($1, $3, now(), now() + make_interval(days => $2))`;

/** Forgets an account's ($1) expired devices and all but its $2 most recently used; bench/paths.ts's login too. */
export const PRUNE_DEVICES_SQL = `DELETE FROM login_devices WHERE user_id = $1 AND (expires_at <= now() OR id NOT IN (
         SELECT id FROM login_devices WHERE user_id = $1 ORDER BY last_login_at DESC, id LIMIT $2))`;

/** The SQL of the device tokens (table login_devices, login-device.entity.ts); tokens are stored as their SHA-256. */
@Injectable()
export class LoginDevicesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The device of this token hash when it belongs to `username`'s account, is not expired and not locked. */
  async findUsable(tokenHash: string, username: string): Promise<{ id: string; user_id: string } | undefined> {
    const rows: { id: string; user_id: string }[] = await this.db.query(
      `SELECT d.id, d.user_id FROM login_devices d JOIN users u ON u.id = d.user_id
        WHERE d.token_hash = $1 AND u.username = $2 AND d.expires_at > now()
          AND (d.locked_until IS NULL OR d.locked_until <= now())`,
      [tokenHash, username],
    );
    return rows[0];
  }

  /**
   * Counts one wrong password with this device, in one statement; at `threshold` it is locked for
   * `minutes` and the count starts again. Answers the row after the update, or undefined while locked.
   */
  async countFailedLogin(tx: Tx, id: string, threshold: number, minutes: number): Promise<{ locked_until: Date | null } | undefined> {
    const [rows]: [{ locked_until: Date | null }[]] = await tx.query(
      `UPDATE login_devices SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
       RETURNING locked_until`,
      [id, threshold, minutes],
    );
    return rows[0];
  }

  /** A successful login with this device: its count cleared, its life extended by `days`. */
  async renew(tx: Tx, id: string, days: number): Promise<void> {
    await tx.query(
      `UPDATE login_devices SET last_login_at = now(), expires_at = now() + make_interval(days => $2), failed_logins = 0, locked_until = NULL WHERE id = $1`,
      [id, days],
    );
  }

  /** A new device token of the account, living `days`. */
  async insert(tx: Tx, userId: string, tokenHash: string, days: number): Promise<void> {
    await tx.query(INSERT_DEVICE_SQL, [userId, days, tokenHash]);
  }

  /** Forgets the account's expired devices and all but its `keep` most recently used. */
  async prune(tx: Tx, userId: string, keep: number): Promise<void> {
    await tx.query(PRUNE_DEVICES_SQL, [userId, keep]);
  }

  /** Every device of the account starts again at no failure; answers how many had some. */
  async clearFailures(tx: Tx, userId: string): Promise<number> {
    const [rows]: [unknown[]] = await tx.query(
      `UPDATE login_devices SET failed_logins = 0, locked_until = NULL
        WHERE user_id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL) RETURNING id`,
      [userId],
    );
    return rows.length;
  }
}
