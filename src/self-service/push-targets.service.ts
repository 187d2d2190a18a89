import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';
import { MemberDeviceRepository, type PushTargetRow } from './device.repository.js';

export type { PushTargetRow } from './device.repository.js';
export type { PushTarget } from './push-subscription.rules.js';

/** Who a notification reaches: the members of a committee's subtree, one member, or one member of a subtree. */
export interface PushAudience {
  /** The ltree path of the committee whose subtree (the committee included) is addressed. */
  committeePath?: string;
  memberId?: string;
}

/** The most rows one page may ask for. */
export const MAX_PUSH_TARGETS_PAGE = 5_000;

/**
 * The push targets of the members' app installs, for the notification fan-out (the notifications
 * module pages through an audience and delivers in batches) and for the staff's view of who can
 * be reached.
 */
@Injectable()
export class PushTargetsService {
  constructor(
    private readonly tx: Transactions,
    private readonly devices: MemberDeviceRepository,
  ) {}

  /**
   * One page of the audience's push targets, ordered by device row id: pass the last row's
   * `deviceRowId` as `after` for the next page (null for the first); a page shorter than `limit`
   * is the last. Only registered installs with a target, of members still on the register, are
   * listed; a member who moves or leaves between two pages is counted where they are at the time.
   */
  async pushTargets(audience: PushAudience, after: string | null, limit: number): Promise<PushTargetRow[]> {
    if (audience.committeePath === undefined && audience.memberId === undefined) {
      throw new Error('pushTargets: an audience needs a committee path or a member');
    }
    const size = Math.max(1, Math.min(MAX_PUSH_TARGETS_PAGE, Math.floor(limit)));
    return this.devices.pushTargets(this.tx.none, audience, after, size);
  }

  /**
   * The push targets of these installs as they are now (a delayed delivery must not send to a
   * token replaced or withdrawn since it was scheduled): only installs still registered, with a
   * target, of members still on the register.
   */
  async currentTargets(deviceRowIds: readonly string[]): Promise<Map<string, PushTargetRow>> {
    if (!deviceRowIds.length) return new Map();
    const rows = await this.devices.pushTargets(this.tx.none, { deviceRowIds }, null, deviceRowIds.length);
    return new Map(rows.map((r) => [r.deviceRowId, r]));
  }

  /** Forgets the push targets of installs the provider reported gone (404/410, UNREGISTERED), in one statement; how many still had one. */
  clearPush(deviceRowIds: readonly string[]): Promise<number> {
    return this.devices.clearPush(this.tx.none, deviceRowIds, new Date());
  }

  /** Which of these members can be reached by push (an active install with a target). */
  membersWithPush(memberIds: readonly string[]): Promise<Set<string>> {
    return this.devices.withPush(this.tx.none, memberIds);
  }
}
