import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { AuthSession } from './session.entity.js';
import { User } from './user.entity.js';

/**
 * The reads of a member's personal-data export in the auth tables: their account, their sessions.
 * (Added by the self-service refactor; fold into the auth repositories when they meet.)
 */
@Injectable()
export class AccountPersonalDataRepository {
  userOfMember(tx: Tx, memberId: string): Promise<User | null> {
    return tx.findOneBy(User, { memberId });
  }

  sessionsOf(tx: Tx, userId: string): Promise<AuthSession[]> {
    return tx.find(AuthSession, { where: { userId }, order: { createdAt: 'ASC' } });
  }
}
