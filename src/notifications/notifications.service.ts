import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { cursorPage, DEFAULT_CURSOR_LIMIT } from '../common/cursor.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { audienceCommitteeIds } from '../common/scope.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { MyNotificationsQuery, UpdateNotificationPreferencesDto } from './dto/notification.dto.js';
import {
  toNotificationItem,
  toPreferencesResponse,
  type NotificationItem,
  type NotificationPage,
  type NotificationPreferencesResponse,
  type UnreadCountResponse,
} from './dto/notification.response.js';
import { NotificationDispatcher, type PublishedNotification } from './notification-dispatcher.js';
import { isPersonalKind, NOTIFICATION_KINDS, type LinkType, type NotificationKind } from './notification-kinds.js';
import type { Notification } from './notification.entity.js';
import { NotificationsRepository, UNREAD_COUNT_CAP, type InboxReader } from './notifications.repository.js';
import { NotificationErrors } from './notifications.errors.js';
import { parseClock, pushNotBefore, type QuietHours } from './quiet-hours.js';

const DAY_MS = 86_400_000;
const TITLE_MAX = 300;
const BODY_MAX = 4000;

/** What another module publishes: a subtree's notification or one member's. */
export interface PublishInput {
  kind: NotificationKind;
  /** Vietnamese; cut at 300 characters. */
  title: string;
  /** A short text (a summary, a reason); cut at 4000 characters. */
  body?: string;
  link?: { type: LinkType; id: string } | null;
  audience: { committeeId: number } | { memberId: string };
  /** When members see it (default now); a future time schedules it. */
  publishAt?: Date;
  /** Default publishAt + NOTIFICATION_TTL_DAYS. */
  expiresAt?: Date;
  /** The same key twice writes one notification (e.g. `document:<id>`: published, withdrawn, published again). */
  dedupeKey?: string;
  /** The staff account that caused it, if any. */
  createdBy?: string | null;
}

/** A member's push settings, for the push fan-out (defaults when the member never changed them). */
export interface PushPreferences {
  mutedKinds: ReadonlySet<string>;
  quietHours: QuietHours | null;
}

const DEFAULT_PUSH: PushPreferences = { mutedKinds: new Set(), quietHours: null };

/** Cuts text to `max` characters (an ellipsis marks the cut). */
export function shortText(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export function toPublished(n: Notification): PublishedNotification {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    linkType: n.linkType,
    linkId: n.linkId,
    audienceCommitteeId: n.audienceCommitteeId,
    memberId: n.memberId,
    publishAt: n.publishAt,
    expiresAt: n.expiresAt,
  };
}

/**
 * Notifications: other modules publish (one row whatever the audience), members read their inbox,
 * and the dispatcher (push) hears of each notification once its transaction has committed.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger('Notifications');
  /** Notifications written in a caller's transaction that is still open, by its query runner. */
  private readonly pending = new WeakMap<QueryRunner, PublishedNotification[]>();

  constructor(
    private readonly tx: Transactions,
    private readonly repo: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly config: AppConfig,
  ) {}

  /** Hears every transaction end, to hand the notifications written in it to the dispatcher after COMMIT. */
  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => this.committed(event.queryRunner),
      afterTransactionRollback: (event: TransactionRollbackEvent) => {
        // a whole transaction rolled back: nothing it wrote exists. (A savepoint rolled back inside
        // it keeps its notifications pending; a dispatcher reads the row before sending anyway.)
        if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
      },
    };
    this.repo.subscribeToTransactions(subscriber);
  }

  /**
   * Publishes a notification: one INSERT whatever the audience. In the caller's transaction `tx`
   * when given (the notification exists if and only if the caller's change commits), else in its
   * own. The dispatcher enqueues its push in that same transaction and hears of it again after the commit. Answers null when `dedupeKey` was used before
   * (nothing written, nothing dispatched).
   */
  async publish(input: PublishInput, tx?: Tx): Promise<PublishedNotification | null> {
    if (!tx) {
      const written = await this.tx.run((t) => this.write(t, input));
      if (written) await this.dispatch(written);
      return written;
    }
    const written = await this.write(tx, input);
    if (written) {
      const runner = tx.queryRunner;
      if (runner?.isTransactionActive) {
        const list = this.pending.get(runner) ?? [];
        list.push(written);
        this.pending.set(runner, list);
      } else {
        await this.dispatch(written); // a manager outside a transaction: the INSERT has committed
      }
    }
    return written;
  }

  /** Tells the dispatcher that a scheduled notification was withdrawn (call after the delete commits). */
  async cancelled(notification: PublishedNotification): Promise<void> {
    try {
      await this.dispatcher.onCancelled(notification);
    } catch (e) {
      this.logger.error(`dispatcher failed on cancelled ${notification.id}: ${(e as Error).message}`);
    }
  }

  private async write(tx: Tx, input: PublishInput): Promise<PublishedNotification | null> {
    const personal = 'memberId' in input.audience;
    if (!NOTIFICATION_KINDS.includes(input.kind)) throw new Error(`unknown notification kind ${input.kind}`);
    if (personal !== isPersonalKind(input.kind))
      throw new Error(`notification kind ${input.kind} goes to ${personal ? 'a subtree' : 'one member'}`);
    const publishAt = input.publishAt ?? new Date();
    const expiresAt = input.expiresAt ?? new Date(publishAt.getTime() + this.config.NOTIFICATION_TTL_DAYS * DAY_MS);
    const row = await this.repo.insert(tx, {
      kind: input.kind,
      title: shortText(input.title, TITLE_MAX),
      body: shortText(input.body ?? '', BODY_MAX),
      linkType: input.link?.type ?? null,
      linkId: input.link?.id ?? null,
      audienceCommitteeId: 'committeeId' in input.audience ? input.audience.committeeId : null,
      memberId: 'memberId' in input.audience ? input.audience.memberId : null,
      publishAt,
      expiresAt,
      dedupeKey: input.dedupeKey ?? null,
      createdBy: input.createdBy ?? null,
    });
    if (!row) return null;
    const published = toPublished(row);
    // in this transaction: the push job commits with the notification (a 2xx publication always has its push)
    await this.dispatcher.onPublishing(published, tx);
    return published;
  }

  private async committed(runner: QueryRunner): Promise<void> {
    if (runner.isTransactionActive) return; // a savepoint released: the transaction goes on
    const list = this.pending.get(runner);
    if (!list) return;
    this.pending.delete(runner);
    for (const n of list) await this.dispatch(n);
  }

  /** Never throws: a failing push never fails (or undoes) the publication; the log says. */
  private async dispatch(n: PublishedNotification): Promise<void> {
    try {
      await this.dispatcher.onPublished(n);
    } catch (e) {
      this.logger.error(`dispatcher failed on notification ${n.id} (${n.kind}): ${(e as Error).message}`);
    }
  }

  // ---- the member's inbox ----

  private reader(principal: Principal): InboxReader {
    if (!principal.memberId) throw ApiError.notFound('Member record');
    return { memberId: principal.memberId, chainIds: audienceCommitteeIds(principal) };
  }

  async inbox(principal: Principal, query: MyNotificationsQuery): Promise<NotificationPage> {
    const limit = query.limit ?? DEFAULT_CURSOR_LIMIT;
    const page = cursorPage(await this.repo.inbox(this.reader(principal), query.cursor, limit), limit);
    return { items: page.items.map(toNotificationItem), nextCursor: page.nextCursor };
  }

  /** At most 99 counted (`capped` beyond): bounded work, whatever the inbox holds. */
  async unreadCount(principal: Principal): Promise<UnreadCountResponse> {
    const n = await this.repo.unreadCount(this.reader(principal));
    return { count: Math.min(n, UNREAD_COUNT_CAP), capped: n > UNREAD_COUNT_CAP };
  }

  /** Idempotent; a notification not addressed to the member (or expired, or not yet out) is a 404. */
  async markRead(principal: Principal, id: string): Promise<NotificationItem> {
    const reader = this.reader(principal);
    return this.tx.run(async (tx) => {
      const row = await this.repo.findVisible(tx, reader, id);
      if (!row) throw NotificationErrors.notFound();
      if (!row.read) await this.repo.markRead(tx, reader.memberId, row.id);
      return toNotificationItem({ ...row, read: true });
    });
  }

  /** Everything the member sees now becomes read (one watermark row); newer notifications come unread. */
  async markAllRead(principal: Principal): Promise<UnreadCountResponse> {
    const reader = this.reader(principal);
    await this.tx.run(async (tx) => {
      const newest = await this.repo.newestVisible(tx, reader);
      if (newest) await this.repo.raiseWatermark(tx, reader.memberId, newest);
    });
    return this.unreadCount(principal);
  }

  // ---- preferences ----

  async preferences(principal: Principal): Promise<NotificationPreferencesResponse> {
    return toPreferencesResponse(await this.repo.findPreferences(this.reader(principal).memberId));
  }

  async updatePreferences(principal: Principal, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesResponse> {
    const { memberId } = this.reader(principal);
    const current = await this.repo.findPreferences(memberId);
    let mutedKinds = current?.mutedKinds ?? [];
    if (dto.pushKinds !== undefined) {
      const unknown = dto.pushKinds.filter((k) => !(NOTIFICATION_KINDS as readonly string[]).includes(k));
      if (unknown.length) throw NotificationErrors.unknownKind(unknown);
      mutedKinds = NOTIFICATION_KINDS.filter((k) => !dto.pushKinds!.includes(k));
    }
    let start = current?.quietStartMinute ?? null;
    let end = current?.quietEndMinute ?? null;
    if (dto.quietHoursStart !== undefined || dto.quietHoursEnd !== undefined) {
      if (dto.quietHoursStart === undefined || dto.quietHoursEnd === undefined)
        throw NotificationErrors.invalidQuietHours(
          dto.quietHoursStart === undefined ? 'quietHoursStart' : 'quietHoursEnd',
          'give quietHoursStart and quietHoursEnd together',
        );
      if ((dto.quietHoursStart === null) !== (dto.quietHoursEnd === null))
        throw NotificationErrors.invalidQuietHours('quietHoursEnd', 'quietHoursStart and quietHoursEnd are both null or both times');
      if (dto.quietHoursStart === null) {
        start = end = null;
      } else {
        start = parseClock(dto.quietHoursStart);
        end = parseClock(dto.quietHoursEnd!);
        if (start === null) throw NotificationErrors.invalidQuietHours('quietHoursStart', 'quietHoursStart must be HH:MM (00:00-23:59)');
        if (end === null) throw NotificationErrors.invalidQuietHours('quietHoursEnd', 'quietHoursEnd must be HH:MM (00:00-23:59)');
        if (start === end) throw NotificationErrors.invalidQuietHours('quietHoursEnd', 'quietHoursEnd must differ from quietHoursStart');
      }
    }
    await this.tx.run((tx) => this.repo.savePreferences(tx, { memberId, mutedKinds, quietStartMinute: start, quietEndMinute: end }));
    return this.preferences(principal);
  }

  /**
   * For the push fan-out: each member's settings (absent from the map: the defaults, all kinds push,
   * no quiet hours). With {@link pushAt}, whether and when to push a notification to them.
   */
  async pushPreferences(memberIds: string[]): Promise<Map<string, PushPreferences>> {
    const rows = await this.repo.preferencesOf(memberIds);
    return new Map(
      rows.map((p) => [
        p.memberId,
        {
          mutedKinds: new Set(p.mutedKinds),
          quietHours:
            p.quietStartMinute !== null && p.quietEndMinute !== null
              ? { startMinute: p.quietStartMinute, endMinute: p.quietEndMinute }
              : null,
        },
      ]),
    );
  }

  /** When to push `kind` due at `at` to a member with `prefs`: null when they muted the kind, else at or after `at`. */
  pushAt(prefs: PushPreferences | undefined, kind: NotificationKind, at: Date): Date | null {
    const p = prefs ?? DEFAULT_PUSH;
    if (p.mutedKinds.has(kind)) return null;
    return pushNotBefore(p.quietHours, at);
  }

  // ---- expiry ----

  /** Deletes the expired notifications; answers how many. NotificationsPurge runs it on a timer. */
  async purgeExpired(): Promise<number> {
    const n = await this.repo.purgeExpired();
    if (n) this.logger.log(`purged ${n} expired notifications`);
    return n;
  }
}
