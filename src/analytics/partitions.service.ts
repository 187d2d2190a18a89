import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import { localDate } from '../common/dates.js';
import { AppConfig } from '../config/app-config.js';
import { addMonths, retentionCutoff } from './calendar.js';

/** Partitions are kept (created ahead, dropped when expired) once a day, and at every start. */
export const MAINTENANCE_INTERVAL_MS = 24 * 3_600_000;
/** Months created ahead of the current one, so that a clock a little fast never writes into DEFAULT. */
export const MONTHS_AHEAD = 2;
/** Several processes may start at once: one maintains at a time (the other keys: src/database/advisory-lock.ts). */
const MAINTENANCE_LOCK_KEY = 7_342_002;
const PARTITION = /^access_events_p(\d{4})(\d{2})$/;

export const partitionName = (month: string) => `access_events_p${month.slice(0, 4)}${month.slice(5, 7)}`;
/** The bound of a partition: midnight of the first day of the month in Vietnam, as a literal. */
const bound = (month: string) => `'${month} 00:00:00+07'`;

export interface PurgeResult {
  /** Events older than this instant were removed (the start of the oldest month kept). */
  cutoff: Date;
  /** Months whose partitions were dropped, with the events they held. */
  droppedMonths: { month: string; events: number }[];
  /** Older events found in the DEFAULT partition and deleted. */
  deletedFromDefault: number;
  /** Rows of the per-member dedupe state (days and months) that can no longer be needed. */
  deletedMemberDays: number;
  deletedMemberMonths: number;
}

/**
 * Keeps the monthly partitions of `access_events`: creates the months from the retention cutoff to
 * MONTHS_AHEAD months ahead (moving rows that had landed in DEFAULT into their month), and drops the
 * months that have fallen out of EVENT_RETENTION_MONTHS. Rollups are never touched.
 */
@Injectable()
export class PartitionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AnalyticsPartitions');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintain();
    this.timer = setInterval(() => {
      this.maintain().catch((e) => this.logger.error(`partition maintenance failed: ${(e as Error).message}`));
    }, MAINTENANCE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Creates what is missing and drops what expired. */
  async maintain(now = new Date()): Promise<{ created: string[]; purge: PurgeResult }> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [MAINTENANCE_LOCK_KEY]);
      const created = await this.ensurePartitions(m, now);
      const purge = await this.purgeExpired(m, now);
      if (created.length) this.logger.log(`created partitions ${created.join(', ')}`);
      if (purge.droppedMonths.length || purge.deletedFromDefault) {
        this.logger.log(`purged events before ${purge.cutoff.toISOString()}: ${JSON.stringify(purge.droppedMonths)}, ${purge.deletedFromDefault} from DEFAULT`);
      }
      return { created, purge };
    });
  }

  /** The on-demand purge (an admin's request), audited in the same transaction. */
  async purge(principal: Principal, now = new Date()): Promise<PurgeResult> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [MAINTENANCE_LOCK_KEY]);
      const result = await this.purgeExpired(m, now);
      await this.audit.record(m, principal, {
        action: 'analytics.purge',
        entityType: 'analytics',
        committeeId: principal.committeeId,
        details: {
          cutoff: result.cutoff.toISOString(),
          retentionMonths: this.config.EVENT_RETENTION_MONTHS,
          droppedMonths: result.droppedMonths,
          deletedFromDefault: result.deletedFromDefault,
        },
      });
      return result;
    });
  }

  /** Names of the monthly partitions that exist. */
  async partitions(m: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { name: string }[] = await m.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'access_events'::regclass ORDER BY 1`,
    );
    return rows.map((r) => r.name).filter((n) => PARTITION.test(n));
  }

  private async ensurePartitions(m: EntityManager, now: Date): Promise<string[]> {
    const existing = new Set(await this.partitions(m));
    const first = retentionCutoff(now, this.config.EVENT_RETENTION_MONTHS).day;
    const last = addMonths(localDate(now), MONTHS_AHEAD);
    const created: string[] = [];
    for (let month = first; month <= last; month = addMonths(month, 1)) {
      const name = partitionName(month);
      if (existing.has(name)) continue;
      const [from, to] = [bound(month), bound(addMonths(month, 1))];
      const [{ stray }] = await m.query(
        `SELECT EXISTS (SELECT 1 FROM access_events_default WHERE occurred_at >= ${from} AND occurred_at < ${to}) AS stray`,
      );
      if (!stray) {
        await m.query(`CREATE TABLE ${name} PARTITION OF access_events FOR VALUES FROM (${from}) TO (${to})`);
      } else {
        // rows of this month already sit in DEFAULT (the month had no partition): move them into it
        await m.query(`CREATE TABLE ${name} (LIKE access_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
        await m.query(
          `WITH moved AS (DELETE FROM access_events_default WHERE occurred_at >= ${from} AND occurred_at < ${to} RETURNING *)
           INSERT INTO ${name} SELECT * FROM moved`,
        );
        await m.query(`ALTER TABLE access_events ATTACH PARTITION ${name} FOR VALUES FROM (${from}) TO (${to})`);
      }
      created.push(name);
    }
    return created;
  }

  private async purgeExpired(m: EntityManager, now: Date): Promise<PurgeResult> {
    const cutoff = retentionCutoff(now, this.config.EVENT_RETENTION_MONTHS);
    const droppedMonths: { month: string; events: number }[] = [];
    for (const name of await this.partitions(m)) {
      const [, y, mo] = PARTITION.exec(name)!;
      const month = `${y}-${mo}-01`;
      // a partition holds one whole month: it expires when the month ends before the cutoff
      if (addMonths(month, 1) > cutoff.day) continue;
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM ${name}`);
      await m.query(`DROP TABLE ${name}`);
      droppedMonths.push({ month: month.slice(0, 7), events: n });
    }
    const deleted = async (sql: string, params: unknown[]) => {
      const [{ n }] = await m.query(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params);
      return n as number;
    };
    // the dedupe ledger of event ids (an event this old is refused as too_old: its id cannot come back)
    await m.query(`DELETE FROM access_event_ids WHERE occurred_at < $1`, [cutoff.at]);
    return {
      cutoff: cutoff.at,
      droppedMonths,
      deletedFromDefault: await deleted(`DELETE FROM access_events_default WHERE occurred_at < $1`, [cutoff.at]),
      deletedMemberDays: await deleted(`DELETE FROM member_daily_activity WHERE day < $1::date`, [cutoff.day]),
      deletedMemberMonths: await deleted(`DELETE FROM member_monthly_activity WHERE month < $1::date`, [cutoff.day]),
    };
  }
}
