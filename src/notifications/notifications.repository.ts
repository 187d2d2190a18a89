import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntitySubscriberInterface, Repository } from 'typeorm';
import {
  idsFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { decodeCursor } from '../common/cursor.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404, scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import type { LinkType, NotificationKind } from './notification-kinds.js';
import { NotificationPreference } from './notification-member-state.entity.js';
import { Notification } from './notification.entity.js';
import { NotificationErrors } from './notifications.errors.js';

/** Who reads an inbox: the member and the ids of their committee chain (root first, from their ltree path). */
export interface InboxReader {
  memberId: string;
  chainIds: number[];
}

/** A notification as the member's inbox shows it. */
export interface InboxRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  linkType: LinkType | null;
  linkId: string | null;
  publishedAt: Date;
  expiresAt: Date;
  read: boolean;
}

export type NewNotification = Pick<
  Notification,
  | 'kind'
  | 'title'
  | 'body'
  | 'linkType'
  | 'linkId'
  | 'audienceCommitteeId'
  | 'memberId'
  | 'publishAt'
  | 'expiresAt'
  | 'dedupeKey'
  | 'createdBy'
>;

/** The most unread notifications counted: beyond, the count says `capped` ("99+"). */
export const UNREAD_COUNT_CAP = 99;

/**
 * What a member may see, in SQL: addressed to their committee chain or to them, published, not
 * expired. `$1` is the member id, `$2` the chain's committee ids. Two partial btree indexes answer
 * it (notifications_audience_idx for the chain, notifications_member_idx for personal ones), and
 * the rows they hold for one member are bounded by the TTL: what the member's own chain received
 * in the last NOTIFICATION_TTL_DAYS.
 */
const VISIBLE = `(n.audience_committee_id = ANY($2::int[]) OR n.member_id = $1::uuid)
  AND n.publish_at <= now() AND n.expires_at > now()`;

/** Read by the watermark ("mark all read" up to there) or by a marker of its own. */
const IS_READ = `((w.member_id IS NOT NULL AND (n.publish_at, n.id) <= (w.read_up_to_at, w.read_up_to_id))
  OR EXISTS (SELECT 1 FROM notification_reads r WHERE r.member_id = $1::uuid AND r.notification_id = n.id))`;

const INBOX_COLUMNS = `n.id, n.kind, n.title, n.body, n.link_type AS "linkType", n.link_id AS "linkId",
  n.publish_at AS "publishedAt", n.expires_at AS "expiresAt", ${IS_READ} AS read`;

const FROM_INBOX = `FROM notifications n LEFT JOIN notification_read_watermarks w ON w.member_id = $1::uuid`;

/**
 * The inbox's first page and the unread count: constants (the app polls them), which bench/paths.ts
 * runs too. $1 the member, $2 their committee chain, $3 the row limit; after a cursor, $4 and $5 its position.
 */
const INBOX_PAGE = (after: string) => `SELECT ${INBOX_COLUMNS} ${FROM_INBOX}
       WHERE ${VISIBLE} ${after}
       ORDER BY n.publish_at DESC, n.id DESC
       LIMIT $3`;
export const INBOX_SQL = INBOX_PAGE('');
const INBOX_AFTER_SQL = INBOX_PAGE('AND (n.publish_at, n.id) < (CAST($4 AS timestamptz), CAST($5 AS uuid))');
export const UNREAD_SQL = `SELECT count(*)::int AS n FROM (
         SELECT 1 ${FROM_INBOX}
         WHERE ${VISIBLE}
           AND (w.member_id IS NULL OR (n.publish_at, n.id) > (w.read_up_to_at, w.read_up_to_id))
           AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.member_id = $1::uuid AND r.notification_id = n.id)
         LIMIT $3
       ) unread`;

export const BULLETIN_STATUSES = ['scheduled', 'published'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

export const BULLETIN_LIST: ListSpec = {
  sortable: { id: 'b.id', title: 'b.title', publishAt: 'b.publishAt', createdAt: 'b.createdAt', expiresAt: 'b.expiresAt' },
  defaultSort: ['publishAt', 'DESC'],
  tieBreaker: 'b.id',
  filters: {
    id: idsFilter('b.id', 'uuid'),
    q: searchFilter('b.title'),
    committeeId: subtreeFilter('b.audience_committee_id'),
    status: (qb, value) => {
      if (value !== 'scheduled' && value !== 'published') invalidListQuery('filter', 'status must be one of: scheduled, published');
      qb.andWhere(value === 'scheduled' ? 'b.publish_at > now()' : 'b.publish_at <= now()');
    },
  },
};

/**
 * The notifications module's tables: `notifications` (one row per notification), the members'
 * read markers and watermarks, and their push preferences.
 */
@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(NotificationPreference) private readonly preferences: Repository<NotificationPreference>,
  ) {}

  /**
   * Registers a subscriber to every transaction's COMMIT and ROLLBACK on this connection
   * (NotificationsService hands notifications to the dispatcher after the commit).
   */
  subscribeToTransactions(subscriber: EntitySubscriberInterface): void {
    this.notifications.manager.connection.subscribers.push(subscriber);
  }

  private get m(): Tx {
    return this.notifications.manager;
  }

  /**
   * One row, whatever the audience. With a `dedupeKey` already used, nothing is written and null
   * comes back (the same publication twice notifies once).
   */
  async insert(tx: Tx, values: NewNotification): Promise<Notification | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO notifications (kind, title, body, link_type, link_id, audience_committee_id, member_id, publish_at, expires_at, dedupe_key, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        values.kind,
        values.title,
        values.body,
        values.linkType,
        values.linkId,
        values.audienceCommitteeId,
        values.memberId,
        values.publishAt,
        values.expiresAt,
        values.dedupeKey,
        values.createdBy,
      ],
    );
    if (!rows.length) return null;
    return tx.findOneByOrFail(Notification, { id: rows[0].id });
  }

  // ---- the member's inbox ----

  /** A page of the inbox, newest first, `limit + 1` rows (cursorPage trims). */
  inbox(reader: InboxReader, cursor: string | undefined, limit: number): Promise<InboxRow[]> {
    if (!cursor) return this.m.query(INBOX_SQL, [reader.memberId, reader.chainIds, limit + 1]);
    const position = decodeCursor(cursor);
    return this.m.query(INBOX_AFTER_SQL, [reader.memberId, reader.chainIds, limit + 1, position.publishedAt.toISOString(), position.id]);
  }

  /** One notification of the member's inbox, or null when it is not theirs (or not visible). */
  async findVisible(tx: Tx, reader: InboxReader, id: string): Promise<InboxRow | null> {
    if (!isUuid(id)) return null;
    const rows: InboxRow[] = await tx.query(`SELECT ${INBOX_COLUMNS} ${FROM_INBOX} WHERE ${VISIBLE} AND n.id = $3::uuid`, [
      reader.memberId,
      reader.chainIds,
      id,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Unread notifications, counting at most UNREAD_COUNT_CAP + 1 rows: the index range above the
   * watermark, so the cost is bounded whatever the inbox holds (cheap enough to poll).
   */
  async unreadCount(reader: InboxReader): Promise<number> {
    const [{ n }]: { n: number }[] = await this.m.query(UNREAD_SQL, [reader.memberId, reader.chainIds, UNREAD_COUNT_CAP + 1]);
    return n;
  }

  async markRead(tx: Tx, memberId: string, notificationId: string): Promise<void> {
    await tx.query(
      `INSERT INTO notification_reads (member_id, notification_id) VALUES ($1, $2) ON CONFLICT (member_id, notification_id) DO NOTHING`,
      [memberId, notificationId],
    );
  }

  /** The newest notification the member sees now (the position "mark all read" reads up to). */
  async newestVisible(tx: Tx, reader: InboxReader): Promise<{ publishedAt: Date; id: string } | null> {
    const rows: { publishedAt: Date; id: string }[] = await tx.query(
      `SELECT n.publish_at AS "publishedAt", n.id FROM notifications n WHERE ${VISIBLE} ORDER BY n.publish_at DESC, n.id DESC LIMIT 1`,
      [reader.memberId, reader.chainIds],
    );
    return rows[0] ?? null;
  }

  /**
   * Moves the member's watermark up to `position` (never down), and drops the read markers it now
   * covers: mark-all-read writes one row however long the inbox.
   */
  async raiseWatermark(tx: Tx, memberId: string, position: { publishedAt: Date; id: string }): Promise<void> {
    await tx.query(
      `INSERT INTO notification_read_watermarks AS w (member_id, read_up_to_at, read_up_to_id) VALUES ($1, $2, $3)
       ON CONFLICT (member_id) DO UPDATE SET read_up_to_at = excluded.read_up_to_at, read_up_to_id = excluded.read_up_to_id, updated_at = now()
       WHERE (excluded.read_up_to_at, excluded.read_up_to_id) > (w.read_up_to_at, w.read_up_to_id)`,
      [memberId, position.publishedAt, position.id],
    );
    await tx.query(
      `DELETE FROM notification_reads r USING notifications n, notification_read_watermarks w
       WHERE r.member_id = $1 AND n.id = r.notification_id AND w.member_id = $1
         AND (n.publish_at, n.id) <= (w.read_up_to_at, w.read_up_to_id)`,
      [memberId],
    );
  }

  // ---- preferences ----

  findPreferences(memberId: string): Promise<NotificationPreference | null> {
    return this.preferences.findOneBy({ memberId });
  }

  /** The preferences of these members that differ from the defaults (the push fan-out asks by batch). */
  preferencesOf(memberIds: string[]): Promise<NotificationPreference[]> {
    if (!memberIds.length) return Promise.resolve([]);
    return this.preferences.createQueryBuilder('p').where('p.member_id = ANY(:ids)', { ids: memberIds }).getMany();
  }

  async savePreferences(tx: Tx, values: Pick<NotificationPreference, 'memberId' | 'mutedKinds' | 'quietStartMinute' | 'quietEndMinute'>) {
    await tx.query(
      `INSERT INTO notification_preferences (member_id, muted_kinds, quiet_start_minute, quiet_end_minute) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id) DO UPDATE SET muted_kinds = excluded.muted_kinds, quiet_start_minute = excluded.quiet_start_minute,
         quiet_end_minute = excluded.quiet_end_minute, updated_at = now()`,
      [values.memberId, values.mutedKinds, values.quietStartMinute, values.quietEndMinute],
    );
  }

  // ---- expiry ----

  /**
   * Deletes expired notifications (their read markers with them), `batch` rows per statement so
   * that no statement holds locks for long; answers how many went.
   */
  async purgeExpired(batch = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const rows: { id: string }[] = await this.m.query(
        `DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE expires_at <= now() LIMIT $1) RETURNING id`,
        [batch],
      );
      total += rows.length;
      if (rows.length < batch) return total;
    }
  }

  // ---- bulletins (staff): notifications of kind bulletin to a committee in the caller's subtree ----

  listBulletins(principal: Principal, query: AdminListQuery): Promise<ListPage<Notification>> {
    const qb = scopeByCommittee(
      this.notifications.createQueryBuilder('b').leftJoinAndSelect('b.audienceCommittee', 'c').where(`b.kind = 'bulletin'`),
      principal,
      'b.audience_committee_id',
    );
    return runListQuery(qb, BULLETIN_LIST, query);
  }

  findBulletin(tx: Tx, principal: Principal, id: string, lock = false): Promise<Notification> {
    return findInScopeOr404(tx, Notification, principal, id, {
      alias: 'b',
      scope: { committeeIdColumn: 'b.audience_committee_id' },
      notFound: NotificationErrors.bulletinNotFound,
      build: (qb) => {
        qb.leftJoinAndSelect('b.audienceCommittee', 'c').andWhere(`b.kind = 'bulletin'`);
        if (lock) qb.setLock('pessimistic_write', undefined, ['b']);
      },
    });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Notification, { id });
  }
}
