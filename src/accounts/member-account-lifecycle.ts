import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { MemberLifecycle, type MemberLifecycleHook } from '../members/member-lifecycle.js';
import { MemberAccountRepository } from './member-account.repository.js';

/**
 * A member's app account follows their record (src/members/member-lifecycle.ts), in the register's
 * transaction: leaving the register ends the account's access at once, a transfer moves its home
 * committee, and a duplicate record with an account is not deleted.
 */
@Injectable()
export class MemberAccountLifecycle implements MemberLifecycleHook, OnModuleInit {
  constructor(
    private readonly lifecycle: MemberLifecycle,
    private readonly accounts: MemberAccountRepository,
  ) {}

  onModuleInit(): void {
    this.lifecycle.register(this);
  }

  async memberLeft(tx: Tx, memberId: string): Promise<void> {
    await this.accounts.deactivate(tx, memberId);
    await this.accounts.revokeSessionsOfMemberLeft(tx, memberId);
  }

  async memberMoved(tx: Tx, memberId: string, committeeId: number): Promise<void> {
    await this.accounts.moveHome(tx, memberId, committeeId);
  }

  hasAccount(tx: Tx, memberId: string): Promise<boolean> {
    return this.accounts.existsForMember(tx, memberId);
  }
}
