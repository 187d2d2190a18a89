import { Injectable } from '@nestjs/common';
import type { Role } from '../common/roles.js';
import type { Tx } from '../database/transactions.js';
import { AccountPersonalDataRepository } from './account-personal-data.repository.js';

/** What the auth tables hold about a member, for their personal-data export: never a password or token hash. */
export interface MemberAccountData {
  /** The account's id, for the audit lines about it (not part of the export itself). */
  userId: string;
  account: { username: string; role: Role; isActive: boolean; createdAt: Date; lastLoginAt: Date | null };
  /** Oldest first. */
  sessions: { createdAt: Date; expiresAt: Date; revokedAt: Date | null; revokedReason: string | null }[];
}

/**
 * The auth module's part of a member's personal-data export (the privacy module asks each module
 * for its part). Reads through `tx`, the export's snapshot.
 * (Added by the self-service refactor, in its own file so that it merges beside AuthService.)
 */
@Injectable()
export class AccountPersonalDataService {
  constructor(private readonly rows: AccountPersonalDataRepository) {}

  /** The member's account and its sessions; null when the member has no account. */
  async ofMember(tx: Tx, memberId: string): Promise<MemberAccountData | null> {
    const user = await this.rows.userOfMember(tx, memberId);
    if (!user) return null;
    const sessions = await this.rows.sessionsOf(tx, user.id);
    return {
      userId: user.id,
      account: { username: user.username, role: user.role, isActive: user.isActive, createdAt: user.createdAt, lastLoginAt: user.lastLoginAt },
      sessions: sessions.map((s) => ({ createdAt: s.createdAt, expiresAt: s.expiresAt, revokedAt: s.revokedAt, revokedReason: s.revokedReason })),
    };
  }
}
