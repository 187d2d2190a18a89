import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/** The SQL the member register's lifecycle needs on a member's app account (`users`) and its sessions (`auth_sessions`). */
@Injectable()
export class MemberAccountRepository {
  /** The member's account stops working (is_active false); it is kept, like the record. */
  async deactivate(tx: Tx, memberId: string): Promise<void> {
    await tx.query(`UPDATE users SET is_active = false, updated_at = now() WHERE member_id = $1`, [memberId]);
  }

  /** Every open session of the member's account is revoked, with the reason `member_left`. */
  async revokeSessionsOfMemberLeft(tx: Tx, memberId: string): Promise<void> {
    await tx.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'member_left'
              WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE member_id = $1)`,
      [memberId],
    );
  }

  /** The account's home committee follows the member's branch. */
  async moveHome(tx: Tx, memberId: string, committeeId: number): Promise<void> {
    await tx.query(`UPDATE users SET committee_id = $1, updated_at = now() WHERE member_id = $2`, [committeeId, memberId]);
  }

  async existsForMember(tx: Tx, memberId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM users WHERE member_id = $1 LIMIT 1`, [memberId]);
    return rows.length > 0;
  }
}
