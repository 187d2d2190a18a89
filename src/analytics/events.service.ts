import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { localDate } from '../common/dates.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { AccessEventRepository, type MemberEvent } from './access-event.repository.js';
import { ActivityReportRepository } from './activity-report.repository.js';
import { AnalyticsErrors } from './analytics.errors.js';
import { retentionCutoff } from './calendar.js';
import type { MemberActivityCommittee, MemberActivityRecord } from './dto/member-activity.response.js';
import { FUTURE_TOLERANCE_MS, type EventBatchResult, type RejectedEvent, type RejectReason } from './dto/events.dto.js';
import { EVENT_TYPES, TARGET_TYPES, type EventType, type TargetType } from './analytics.rules.js';

/** ISO 8601 with a time zone; seconds and up to microseconds optional. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const EVENT_FIELDS = new Set(['id', 'type', 'targetType', 'targetId', 'occurredAt']);

export interface CheckedEvent {
  id: string;
  type: EventType;
  targetType: TargetType | null;
  targetId: string | null;
  occurredAt: Date;
}

/**
 * One event of a batch, checked on its own: the event, or why it is refused. `cutoff` is the
 * oldest instant still within the retention window.
 */
export function checkEvent(raw: unknown, now: Date, cutoff: Date): { event: CheckedEvent } | { reject: RejectedEvent } {
  const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
  const refuse = (reason: RejectReason) => ({ reject: { id, reason } });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || id === null || !isUuid(id)) return refuse('invalid');
  const e = raw as Record<string, unknown>;
  if (Object.keys(e).some((k) => !EVENT_FIELDS.has(k))) return refuse('invalid');
  if (!EVENT_TYPES.includes(e.type as EventType)) return refuse('invalid');
  const targetType = e.targetType ?? null;
  const targetId = e.targetId ?? null;
  if (e.type === 'view') {
    if (!TARGET_TYPES.includes(targetType as TargetType) || !isUuid(targetId)) return refuse('invalid');
  } else if (targetType !== null || targetId !== null) {
    return refuse('invalid');
  }
  if (typeof e.occurredAt !== 'string' || !ISO_INSTANT.test(e.occurredAt)) return refuse('invalid');
  const occurredAt = new Date(e.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) return refuse('invalid');
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return refuse('future');
  if (occurredAt < cutoff) return refuse('too_old');
  return {
    event: {
      id: id.toLowerCase(),
      type: e.type as EventType,
      targetType: targetType as TargetType | null,
      targetId: typeof targetId === 'string' ? targetId.toLowerCase() : null,
      occurredAt,
    },
  };
}

/**
 * Usage events from the mobile app and the content routes. Each accepted batch is stored with every
 * rollup by one statement (access-event.repository.ts, where the counters kept by triggers are
 * named beside it).
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger('AnalyticsEvents');

  constructor(
    private readonly tx: Transactions,
    private readonly accessEvents: AccessEventRepository,
    private readonly reports: ActivityReportRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * A batch from the mobile app. Each event is checked on its own; the valid ones (the first of
   * each id) are stored with the rollups in one statement. Retrying a batch stores nothing twice.
   */
  ingest(principal: Principal, raw: unknown[], now = new Date()): Promise<EventBatchResult> {
    if (!principal.memberId) throw AnalyticsErrors.noMemberRecord();
    return this.ingestFor(principal.memberId, raw, now);
  }

  /** The same for a member named by id. */
  async ingestFor(memberId: string, raw: unknown[], now = new Date()): Promise<EventBatchResult> {
    const [result] = await this.ingestBatches([{ memberId, events: raw }], now);
    return result;
  }

  /**
   * Batches of several members, stored with their rollups by one statement, as if each had been sent
   * on its own (the demo seed replays its phones' history through here, 100 members at a
   * time). Answers one result per batch, in order. An event id already seen in an earlier batch of
   * the call is a duplicate, as it would be on a retry. A member without a record fails the call
   * (the other members' events are stored).
   */
  async ingestBatches(batches: { memberId: string; events: unknown[] }[], now = new Date()): Promise<EventBatchResult[]> {
    const cutoff = retentionCutoff(now, this.config.EVENT_RETENTION_MONTHS).at;
    const seen = new Set<string>();
    const toStore: MemberEvent[] = [];
    const results = batches.map(({ memberId, events: raw }) => {
      const rejected: RejectedEvent[] = [];
      let fresh = 0;
      let repeated = 0;
      for (const item of raw) {
        const checked = checkEvent(item, now, cutoff);
        if ('reject' in checked) rejected.push(checked.reject);
        else if (seen.has(checked.event.id)) repeated++;
        else {
          seen.add(checked.event.id);
          toStore.push({ ...checked.event, memberId });
          fresh++;
        }
      }
      return { memberId, fresh, repeated, rejected };
    });
    const accepted = toStore.length ? await this.store(this.tx.none, toStore) : new Map<string, number>();
    return results.map(({ memberId, fresh, repeated, rejected }) => {
      const stored = fresh ? accepted.get(memberId) : 0;
      if (stored === undefined) throw AnalyticsErrors.noMemberRecord();
      return { accepted: stored, duplicates: fresh - stored + repeated, rejected };
    });
  }

  /**
   * Records that the calling member opened a piece of content through a server route (a document
   * or news detail): one `view` event now, with its rollups. Staff and other callers without a
   * member record are not members' activity and are not recorded. It never fails the caller's
   * request: a failure is logged. Call it outside any transaction (it runs its own statement).
   */
  async recordServerView(principal: Principal, targetType: TargetType, targetId: string): Promise<void> {
    if (principal.role !== 'member' || !principal.memberId) return;
    try {
      const stored = await this.store(this.tx.none, [
        { id: randomUUID(), type: 'view', targetType, targetId, occurredAt: new Date(), memberId: principal.memberId },
      ]);
      if (!stored.has(principal.memberId)) throw AnalyticsErrors.noMemberRecord();
    } catch (e) {
      this.logger.warn(`view of ${targetType} ${targetId} not recorded: ${(e as Error).message}`);
    }
  }

  /**
   * What the usage statistics hold about a member, for their personal-data export: the days the
   * app recorded activity and the committees each day was counted in, over the retention window,
   * read in the caller's transaction (the export's snapshot).
   */
  async personalData(tx: Tx, memberId: string, now = new Date()): Promise<MemberActivityRecord> {
    const keptFrom = retentionCutoff(now, this.config.EVENT_RETENTION_MONTHS).day;
    const days = await this.accessEvents.memberDays(tx, memberId, keptFrom, localDate(now));
    const ids = [...new Set(days.flatMap((d) => d.committee_ids))];
    const committees: MemberActivityCommittee[] = ids.length ? await this.reports.committeeSummaries(tx, ids) : [];
    return { keptFrom, days: days.map((d) => ({ day: d.day, committeeIds: d.committee_ids })), committees };
  }

  /** Stores events with their rollups; answers how many were new per member (members without a record are missing). */
  private store(tx: Tx, events: MemberEvent[]): Promise<Map<string, number>> {
    return this.accessEvents.ingest(tx, events, this.config.EVENTS_MAX_COUNTED_PER_MEMBER_DAY);
  }
}
