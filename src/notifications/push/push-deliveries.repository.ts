import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { idsFilter, runListQuery, subtreeFilter, type AdminListQuery, type ListPage, type ListSpec } from '../../common/admin-list.js';
import type { Principal } from '../../common/principal.js';
import { scopeByCommittee, subtreeOf } from '../../common/scope.js';
import type { Tx } from '../../database/transactions.js';
import { Notification } from '../notification.entity.js';
import { PushDelivery, type PushDeliveryStatus } from './push-delivery.entity.js';

/** One row to write: what became of one device's push. */
export interface DeliveryRecord {
  deviceId: string;
  memberId: string;
  committeeId: number;
  status: PushDeliveryStatus;
  attempts: number;
  lastError: string | null;
}

/** Counts of one committee subtree for one notification (see PushReportService). */
export interface ReportCounts {
  committeeId: number;
  name: string;
  kind: string;
  /** 0: the committee asked about; 1: one of its direct sub-committees. */
  level: number;
  members: number;
  read: number;
  devices: number;
  sent: number;
  failed: number;
  gone: number;
  pending: number;
  muted: number;
  skipped: number;
}

export const DEAD_LETTER_LIST: ListSpec = {
  sortable: { updatedAt: 'd.updatedAt', attempts: 'd.attempts', notificationId: 'd.notificationId' },
  defaultSort: ['updatedAt', 'DESC'],
  tieBreaker: 'd.deviceId',
  filters: {
    notificationId: idsFilter('d.notification_id', 'uuid'),
    committeeId: subtreeFilter('d.committee_id'),
  },
};

const LAST_ERROR_MAX = 500;

/**
 * `push_deliveries` (the notifications module's push ledger) and the push report. The report reads
 * across owners, as reports do (docs/architecture.md): `committees` (committees module: names, the
 * tree), `members` (members module: who is in a subtree now) next to this module's own
 * `notification_reads`, `notification_read_watermarks` and `push_deliveries`.
 */
@Injectable()
export class PushDeliveriesRepository {
  constructor(
    @InjectRepository(PushDelivery) private readonly deliveries: Repository<PushDelivery>,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
  ) {}

  /** The notification as it is now, or null when it was deleted (a cancelled bulletin, the purge). */
  findNotification(id: string): Promise<Notification | null> {
    return this.notifications.findOneBy({ id });
  }

  /** The rows these devices already have for the notification, by device. */
  async states(notificationId: string, deviceIds: string[]): Promise<Map<string, { status: PushDeliveryStatus; attempts: number }>> {
    if (!deviceIds.length) return new Map();
    const rows: { device_id: string; status: PushDeliveryStatus; attempts: number }[] = await this.deliveries.manager.query(
      `SELECT device_id, status, attempts FROM push_deliveries WHERE notification_id = $1 AND device_id = ANY($2::uuid[])`,
      [notificationId, deviceIds],
    );
    return new Map(rows.map((r) => [r.device_id, { status: r.status, attempts: r.attempts }]));
  }

  /** Writes (or overwrites) the rows of a chunk in one statement. */
  async record(tx: Tx, notificationId: string, rows: DeliveryRecord[]): Promise<void> {
    if (!rows.length) return;
    await tx.query(
      `INSERT INTO push_deliveries (notification_id, device_id, member_id, committee_id, status, attempts, last_error, updated_at)
       SELECT $1::uuid, r.device_id, r.member_id, r.committee_id, r.status, r.attempts, r.last_error, now()
         FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::smallint[], $7::text[])
           AS r(device_id, member_id, committee_id, status, attempts, last_error)
       ON CONFLICT (notification_id, device_id) DO UPDATE
         SET status = excluded.status, attempts = excluded.attempts, last_error = excluded.last_error,
             committee_id = excluded.committee_id, updated_at = now()`,
      [
        notificationId,
        rows.map((r) => r.deviceId),
        rows.map((r) => r.memberId),
        rows.map((r) => r.committeeId),
        rows.map((r) => r.status),
        rows.map((r) => r.attempts),
        rows.map((r) => (r.lastError === null ? null : r.lastError.slice(0, LAST_ERROR_MAX))),
      ],
    );
  }

  /**
   * The report of one notification for the committee `rootId` (its whole subtree) and each of its
   * direct, not archived sub-committees. Exact counts by aggregate SQL: members on the register now
   * in each subtree, those who read it (a read marker, or a watermark at or after it), and the
   * deliveries by status grouped by the member's branch at send time.
   */
  report(notificationId: string, rootId: number): Promise<ReportCounts[]> {
    return this.deliveries.manager.query(
      `WITH g AS (
         SELECT c.id, c.name, c.kind, c.path, 0 AS level FROM committees c WHERE c.id = $2
         UNION ALL
         SELECT c.id, c.name, c.kind, c.path, 1 FROM committees c WHERE c.parent_id = $2 AND c.archived_at IS NULL
       ), n AS (SELECT id, publish_at FROM notifications WHERE id = $1)
       SELECT g.id AS "committeeId", g.name, g.kind, g.level,
              coalesce(m.members, 0)::int AS members, coalesce(m.read, 0)::int AS read,
              coalesce(d.devices, 0)::int AS devices, coalesce(d.sent, 0)::int AS sent, coalesce(d.failed, 0)::int AS failed,
              coalesce(d.gone, 0)::int AS gone, coalesce(d.pending, 0)::int AS pending, coalesce(d.muted, 0)::int AS muted,
              coalesce(d.skipped, 0)::int AS skipped
         FROM g
         CROSS JOIN n
         LEFT JOIN LATERAL (
           SELECT count(*) AS members,
                  count(*) FILTER (WHERE
                    EXISTS (SELECT 1 FROM notification_reads r WHERE r.member_id = mb.id AND r.notification_id = n.id)
                    OR EXISTS (SELECT 1 FROM notification_read_watermarks w
                                WHERE w.member_id = mb.id AND (n.publish_at, n.id) <= (w.read_up_to_at, w.read_up_to_id))) AS read
             FROM members mb JOIN committees mc ON mc.id = mb.committee_id
            WHERE ${subtreeOf('mc.path', 'g.path')} AND mb.end_state IS NULL
         ) m ON true
         LEFT JOIN LATERAL (
           SELECT count(*) AS devices,
                  count(*) FILTER (WHERE pd.status = 'sent') AS sent,
                  count(*) FILTER (WHERE pd.status = 'failed') AS failed,
                  count(*) FILTER (WHERE pd.status = 'gone') AS gone,
                  count(*) FILTER (WHERE pd.status = 'pending') AS pending,
                  count(*) FILTER (WHERE pd.status = 'muted') AS muted,
                  count(*) FILTER (WHERE pd.status = 'skipped') AS skipped
             FROM push_deliveries pd JOIN committees dc ON dc.id = pd.committee_id
            WHERE pd.notification_id = n.id AND ${subtreeOf('dc.path', 'g.path')}
         ) d ON true
        ORDER BY g.level, g.name, g.id`,
      [notificationId, rootId],
    );
  }

  /** The dead letters: deliveries that ended 'failed', in the caller's scope (by the member's branch at send time). */
  deadLetters(principal: Principal, query: AdminListQuery): Promise<ListPage<PushDelivery>> {
    const qb = scopeByCommittee(
      this.deliveries.createQueryBuilder('d').leftJoinAndSelect('d.notification', 'n').where(`d.status = 'failed'`),
      principal,
      'd.committee_id',
    );
    return runListQuery(qb, DEAD_LETTER_LIST, query);
  }
}
