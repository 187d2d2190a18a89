import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { MemberLifecycle, type MemberLifecycleHook } from '../members/member-lifecycle.js';
import { MemberAccountsService } from './member-accounts.service.js';

/**
 * A member's app account follows their record (src/members/member-lifecycle.ts), in the register's
 * transaction: leaving the register ends the account's access at once, a transfer moves its home
 * committee, and a duplicate record with an account is not deleted.
 */
@Injectable()
export class MemberAccountLifecycle implements MemberLifecycleHook, OnModuleInit {
  constructor(
    private readonly lifecycle: MemberLifecycle,
    private readonly accounts: MemberAccountsService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.register(this);
  }

  memberLeft(tx: Tx, memberId: string): Promise<void> {
    return this.accounts.endForMember(tx, memberId);
  }

  memberMoved(tx: Tx, memberId: string, committeeId: number): Promise<void> {
    return this.accounts.followMember(tx, memberId, committeeId);
  }

  hasAccount(tx: Tx, memberId: string): Promise<boolean> {
    return this.accounts.hasAccount(tx, memberId);
  }
}
