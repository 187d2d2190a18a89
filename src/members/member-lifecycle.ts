import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/**
 * What modules above the register do when a member's record changes. The register calls the hooks
 * inside its own transaction (`tx`), at the point where the change is written, so a hook's writes
 * commit or roll back with it. The accounts module registers the member's app account
 * (src/accounts/member-account-lifecycle.ts).
 */
export interface MemberLifecycleHook {
  /** The member has just left the register (endState set): what they could do in the app ends. */
  memberLeft?(tx: Tx, memberId: string): Promise<void>;
  /** The member has just moved to another branch (`committeeId`). */
  memberMoved?(tx: Tx, memberId: string, committeeId: number): Promise<void>;
  /** Whether the member has an app account (a duplicate record with one is not deleted). */
  hasAccount?(tx: Tx, memberId: string): Promise<boolean>;
}

/** The registry of member lifecycle hooks; modules register in `onModuleInit`. */
@Injectable()
export class MemberLifecycle {
  private readonly hooks: MemberLifecycleHook[] = [];

  register(hook: MemberLifecycleHook): void {
    this.hooks.push(hook);
  }

  async left(tx: Tx, memberId: string): Promise<void> {
    for (const hook of this.hooks) await hook.memberLeft?.(tx, memberId);
  }

  async moved(tx: Tx, memberId: string, committeeId: number): Promise<void> {
    for (const hook of this.hooks) await hook.memberMoved?.(tx, memberId, committeeId);
  }

  async hasAccount(tx: Tx, memberId: string): Promise<boolean> {
    for (const hook of this.hooks) if (await hook.hasAccount?.(tx, memberId)) return true;
    return false;
  }
}
