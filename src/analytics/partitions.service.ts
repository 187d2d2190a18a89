import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import { localDate } from '../common/dates.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { addMonths, retentionCutoff } from './calendar.js';
import { partitionMonth, partitionName, PartitionsRepository } from './partitions.repository.js';

/** Partitions are kept (created ahead, dropped when expired) once a day, and at every start. */
export const MAINTENANCE_INTERVAL_MS = 24 * 3_600_000;
/** Months created ahead of the current one, so that a clock a little fast never writes into DEFAULT. */
export const MONTHS_AHEAD = 2;

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
    private readonly tx: Transactions,
    private readonly repo: PartitionsRepository,
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
    return this.tx.run(async (m) => {
      await this.repo.lockMaintenance(m);
      const created = await this.ensurePartitions(m, now);
      const purge = await this.purgeExpired(m, now);
      if (created.length) this.logger.log(`created partitions ${created.join(', ')}`);
      if (purge.droppedMonths.length || purge.deletedFromDefault) {
        this.logger.log(
          `purged events before ${purge.cutoff.toISOString()}: ${JSON.stringify(purge.droppedMonths)}, ${purge.deletedFromDefault} from DEFAULT`,
        );
      }
      return { created, purge };
    });
  }

  /** The on-demand purge (an admin's request), audited in the same transaction. */
  async purge(principal: Principal, now = new Date()): Promise<PurgeResult> {
    return this.tx.run(async (m) => {
      await this.repo.lockMaintenance(m);
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
  partitions(m: Tx = this.tx.none): Promise<string[]> {
    return this.repo.partitions(m);
  }

  private async ensurePartitions(m: Tx, now: Date): Promise<string[]> {
    const existing = new Set(await this.partitions(m));
    const first = retentionCutoff(now, this.config.EVENT_RETENTION_MONTHS).day;
    const last = addMonths(localDate(now), MONTHS_AHEAD);
    const created: string[] = [];
    for (let month = first; month <= last; month = addMonths(month, 1)) {
      if (existing.has(partitionName(month))) continue;
      created.push(await this.repo.createPartition(m, month, addMonths(month, 1)));
    }
    return created;
  }

  private async purgeExpired(m: Tx, now: Date): Promise<PurgeResult> {
    const cutoff = retentionCutoff(now, this.config.EVENT_RETENTION_MONTHS);
    const droppedMonths: { month: string; events: number }[] = [];
    for (const name of await this.partitions(m)) {
      const month = partitionMonth(name);
      // a partition holds one whole month: it expires when the month ends before the cutoff
      if (addMonths(month, 1) > cutoff.day) continue;
      const events = await this.repo.dropPartition(m, name);
      droppedMonths.push({ month: month.slice(0, 7), events });
    }
    // the dedupe ledger of event ids (an event this old is refused as too_old: its id cannot come back)
    await this.repo.deleteLedgerBefore(m, cutoff.at);
    return {
      cutoff: cutoff.at,
      droppedMonths,
      deletedFromDefault: await this.repo.deleteDefaultBefore(m, cutoff.at),
      deletedMemberDays: await this.repo.deleteMemberDaysBefore(m, cutoff.day),
      deletedMemberMonths: await this.repo.deleteMemberMonthsBefore(m, cutoff.day),
    };
  }
}
