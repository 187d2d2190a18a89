import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import { AuthSession, RefreshToken } from './session.entity.js';

/** Why a session ended (auth_sessions.revoked_reason). */
export type SessionEndReason =
  'logout' | 'refresh_reuse' | 'password_changed' | 'deactivated' | 'role_changed' | 'committee_changed' | 'password_reset' | 'member_left';

/** A refresh token and its session, as a rotation reads them (locked). */
export interface RefreshTokenRow {
  id: string;
  used_at: Date | null;
  session_id: string;
  user_id: string;
  revoked_at: Date | null;
  expires_at: Date;
}

/** The SQL of the login sessions and their refresh tokens (tables auth_sessions, refresh_tokens). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new session (bench/paths.ts mirrors the INSERT TypeORM generates for it). */
  create(tx: Tx, userId: string, expiresAt: Date): Promise<AuthSession> {
    return tx.save(tx.create(AuthSession, { userId, expiresAt }));
  }

  async addRefreshToken(tx: Tx, sessionId: string, tokenHash: string): Promise<void> {
    await tx.insert(RefreshToken, { sessionId, tokenHash });
  }

  /** The refresh token with this hash and its session, both locked until the transaction ends. */
  async findRefreshTokenForUpdate(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const rows: RefreshTokenRow[] = await tx.query(
      `SELECT rt.id, rt.used_at, s.id AS session_id, s.user_id, s.revoked_at, s.expires_at
         FROM refresh_tokens rt JOIN auth_sessions s ON s.id = rt.session_id
        WHERE rt.token_hash = $1
          FOR UPDATE OF rt, s`,
      [tokenHash],
    );
    return rows[0];
  }

  async markRefreshTokenUsed(tx: Tx, id: string): Promise<void> {
    await tx.update(RefreshToken, { id }, { usedAt: new Date() });
  }

  /** The session of a refresh token, if it is one of this account's sessions. */
  async sessionOfRefreshToken(tokenHash: string, userId: string): Promise<string | undefined> {
    const rows: { session_id: string }[] = await this.db.query(
      `SELECT rt.session_id FROM refresh_tokens rt JOIN auth_sessions s ON s.id = rt.session_id
        WHERE rt.token_hash = $1 AND s.user_id = $2`,
      [tokenHash, userId],
    );
    return rows[0]?.session_id;
  }

  /** Ends one session now (a spent refresh token presented again). */
  async revoke(tx: Tx, id: string, reason: SessionEndReason): Promise<void> {
    await tx.update(AuthSession, { id }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Logout: ends the session if it is the account's own and still live. */
  async revokeOwn(id: string, userId: string, reason: SessionEndReason): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :id AND user_id = :userId AND revoked_at IS NULL', { id, userId })
      .execute();
  }

  /** Ends every live session of the account but `keepSessionId`. */
  async revokeOthers(tx: Tx, userId: string, keepSessionId: string, reason: SessionEndReason): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :u AND id <> :s AND revoked_at IS NULL', { u: userId, s: keepSessionId })
      .execute();
  }

  /** Ends every live session of an account at once (its access tokens stop working on the next request). */
  async revokeAll(tx: Tx, userId: string, reason: SessionEndReason): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  /** A member left the register: every live session of their account ends ('member_left'). */
  async revokeAllOfMember(tx: Tx, memberId: string): Promise<void> {
    await tx.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'member_left'
        WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE member_id = $1)`,
      [memberId],
    );
  }

  /** Every session of an account, oldest first (the personal-data export). */
  listForUser(tx: Tx, userId: string): Promise<AuthSession[]> {
    return tx.find(AuthSession, { where: { userId }, order: { createdAt: 'ASC' } });
  }
}
