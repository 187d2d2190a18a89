import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { subtreeOf } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { MemberDevice, type PushProvider } from './device.entity.js';
import type { PushTarget } from './push-subscription.rules.js';

/** One install to push to: the fan-out's page row. */
export interface PushTargetRow {
  deviceRowId: string;
  memberId: string;
  /** The member's branch now (the push report groups deliveries by it). */
  committeeId: number;
  target: PushTarget;
}

interface PushTargetRecord {
  id: string;
  member_id: string;
  committee_id: number;
  push_provider: PushProvider;
  push_token: string | null;
  push_endpoint: string | null;
  push_p256dh: string | null;
  push_auth: string | null;
}

const NO_PUSH = { pushProvider: null, pushToken: null, pushEndpoint: null, pushP256dh: null, pushAuth: null };

function columnsOf(target: PushTarget) {
  return target.provider === 'webpush'
    ? { ...NO_PUSH, pushProvider: target.provider, pushEndpoint: target.endpoint, pushP256dh: target.p256dh, pushAuth: target.auth }
    : { ...NO_PUSH, pushProvider: target.provider, pushToken: target.token };
}

/** The `member_devices` table: a member's app installs. */
/** DeviceRepository.withPush (the member list's pushEnabled; bench/paths.ts runs the same): $1 the members. */
export const MEMBERS_WITH_PUSH_SQL = `SELECT DISTINCT member_id FROM member_devices
  WHERE member_id = ANY($1::uuid[]) AND push_provider IS NOT NULL AND unregistered_at IS NULL`;

@Injectable()
export class MemberDeviceRepository {
  countActive(tx: Tx, memberId: string): Promise<number> {
    return tx.countBy(MemberDevice, { memberId, unregisteredAt: IsNull() });
  }

  /** Newest registration first (the member's list). */
  newestFirst(tx: Tx, memberId: string): Promise<MemberDevice[]> {
    return tx.getRepository(MemberDevice).find({ where: { memberId }, order: { registeredAt: 'DESC', id: 'ASC' } });
  }

  /** Oldest registration first (the personal-data export). */
  oldestFirst(tx: Tx, memberId: string): Promise<MemberDevice[]> {
    return tx.getRepository(MemberDevice).find({ where: { memberId }, order: { registeredAt: 'ASC', id: 'ASC' } });
  }

  findByDeviceId(tx: Tx, memberId: string, deviceId: string): Promise<MemberDevice | null> {
    return tx.findOneBy(MemberDevice, { memberId, deviceId });
  }

  /** A registration of a known install again: its platform and version refreshed, registered again. */
  async refresh(tx: Tx, id: string, values: Pick<MemberDevice, 'platform' | 'appVersion' | 'lastSeenAt'>): Promise<MemberDevice> {
    await tx.update(MemberDevice, { id }, { ...values, unregisteredAt: null });
    return tx.findOneByOrFail(MemberDevice, { id });
  }

  create(tx: Tx, values: Pick<MemberDevice, 'memberId' | 'deviceId' | 'platform' | 'appVersion' | 'lastSeenAt'>): Promise<MemberDevice> {
    return tx.save(tx.create(MemberDevice, values));
  }

  /** The active registration of an install by another member, if any (an install is one member's at a time). */
  activeElsewhere(tx: Tx, memberId: string, deviceId: string): Promise<MemberDevice | null> {
    return tx.findOneBy(MemberDevice, { deviceId, unregisteredAt: IsNull(), memberId: Not(memberId) });
  }

  /** Unregistered: no longer pushed to either (the app sends its subscription again after the next login). */
  async unregister(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.update(MemberDevice, { id }, { unregisteredAt: at, ...NO_PUSH, pushUpdatedAt: at });
  }

  /**
   * Sets (or, with null, removes) the install's push target. A target is one install's: a row
   * that still holds it (the app was reinstalled, or another member logs in on the phone) lets go
   * of it first (the unique index member_devices_push_target_key, migration 1796500000000-device-push).
   */
  async setPush(tx: Tx, id: string, target: PushTarget | null, at: Date): Promise<MemberDevice> {
    if (target) {
      const value = target.provider === 'webpush' ? target.endpoint : target.token;
      await tx.query(
        `UPDATE member_devices
            SET push_provider = NULL, push_token = NULL, push_endpoint = NULL, push_p256dh = NULL, push_auth = NULL, push_updated_at = $3
          WHERE push_provider IS NOT NULL AND md5(coalesce(push_token, push_endpoint)) = md5($1::text) AND id <> $2`,
        [value, id, at],
      );
    }
    await tx.update(MemberDevice, { id }, { ...(target ? columnsOf(target) : NO_PUSH), pushUpdatedAt: at });
    return tx.findOneByOrFail(MemberDevice, { id });
  }

  /** Forgets the push targets of these installs in one statement; how many still had one. */
  async clearPush(tx: Tx, ids: readonly string[], at: Date): Promise<number> {
    if (!ids.length) return 0;
    const result = await tx.update(MemberDevice, { id: In([...ids]), pushProvider: Not(IsNull()) }, { ...NO_PUSH, pushUpdatedAt: at });
    return result.affected ?? 0;
  }

  /**
   * A page of push targets: the active installs with a target of current members (no end_state)
   * of the subtree at `committeePath` and/or of one member and/or among `deviceRowIds` (a delayed
   * delivery reads its devices' targets as they are now), in device-row id order after `after`.
   * The keyset runs on member_devices_push_targets_idx (a partial index on id of exactly these
   * rows), so a page of a big audience is a range read of that index; a small subtree is reached
   * from its committees and members instead (members_committee_id_idx), as the planner sees fit.
   *
   * Reads across owners, as the reports do: `members` (the members module) for the member's
   * committee and end_state, `committees` (the committees module) for the subtree; a member's
   * push targets follow their moves and departure without any copy kept here.
   */
  async pushTargets(
    tx: Tx,
    audience: { committeePath?: string; memberId?: string; deviceRowIds?: readonly string[] },
    after: string | null,
    limit: number,
  ): Promise<PushTargetRow[]> {
    const params: unknown[] = [limit];
    const where = ['d.push_provider IS NOT NULL', 'd.unregistered_at IS NULL', 'm.end_state IS NULL'];
    if (after !== null) {
      params.push(after);
      where.push(`d.id > $${params.length}::uuid`);
    }
    if (audience.committeePath !== undefined) {
      params.push(audience.committeePath);
      where.push(`m.committee_id IN (SELECT c.id FROM committees c WHERE ${subtreeOf('c.path', `$${params.length}`)})`);
    }
    if (audience.memberId !== undefined) {
      params.push(audience.memberId);
      where.push(`d.member_id = $${params.length}::uuid`);
    }
    if (audience.deviceRowIds !== undefined) {
      params.push(audience.deviceRowIds);
      where.push(`d.id = ANY($${params.length}::uuid[])`);
    }
    const rows: PushTargetRecord[] = await tx.query(
      `SELECT d.id, d.member_id, m.committee_id, d.push_provider, d.push_token, d.push_endpoint, d.push_p256dh, d.push_auth
         FROM member_devices d JOIN members m ON m.id = d.member_id
        WHERE ${where.join(' AND ')}
        ORDER BY d.id
        LIMIT $1`,
      params,
    );
    return rows.map((r) => ({
      deviceRowId: r.id,
      memberId: r.member_id,
      committeeId: r.committee_id,
      target:
        r.push_provider === 'webpush'
          ? { provider: 'webpush', endpoint: r.push_endpoint!, p256dh: r.push_p256dh!, auth: r.push_auth! }
          : { provider: r.push_provider, token: r.push_token! },
    }));
  }

  /** Which of these members have at least one active install with a push target. */
  async withPush(tx: Tx, memberIds: readonly string[]): Promise<Set<string>> {
    if (!memberIds.length) return new Set();
    const rows: { member_id: string }[] = await tx.query(MEMBERS_WITH_PUSH_SQL, [memberIds]);
    return new Set(rows.map((r) => r.member_id));
  }
}
