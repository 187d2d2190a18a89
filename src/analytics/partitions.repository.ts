import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/** Several processes may start at once: one maintains at a time (the other keys: src/database/advisory-lock.ts). */
const MAINTENANCE_LOCK_KEY = 7_342_002;
const PARTITION = /^access_events_p(\d{4})(\d{2})$/;

export const partitionName = (month: string) => `access_events_p${month.slice(0, 4)}${month.slice(5, 7)}`;
/** The month (`YYYY-MM-01`) a monthly partition holds, from its name. */
export const partitionMonth = (name: string) => {
  const [, y, mo] = PARTITION.exec(name)!;
  return `${y}-${mo}-01`;
};
/** The bound of a partition: midnight of the first day of the month in Vietnam, as a literal. */
const bound = (month: string) => `'${month} 00:00:00+07'`;

/**
 * The monthly partitions of `access_events` and what expires with them. The table, its DEFAULT
 * partition `access_events_default` and the id ledger `access_event_ids` are created by
 * migrations/1795671956292-analytics.ts and 1795681305117-analytics-sessions.ts; no trigger is
 * involved. DDL is built from names and bounds this file makes itself (never from input).
 */
@Injectable()
export class PartitionsRepository {
  /** Waits for, then holds until the transaction ends, the lock of partition maintenance. */
  async lockMaintenance(tx: Tx): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MAINTENANCE_LOCK_KEY]);
  }

  /** Names of the monthly partitions that exist. */
  async partitions(tx: Tx): Promise<string[]> {
    const rows: { name: string }[] = await tx.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'access_events'::regclass ORDER BY 1`,
    );
    return rows.map((r) => r.name).filter((n) => PARTITION.test(n));
  }

  /** Creates the partition of a month (`YYYY-MM-01`), moving into it the rows of that month that had landed in DEFAULT. */
  async createPartition(tx: Tx, month: string, nextMonth: string): Promise<string> {
    const name = partitionName(month);
    const [from, to] = [bound(month), bound(nextMonth)];
    const [{ stray }]: { stray: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM access_events_default WHERE occurred_at >= ${from} AND occurred_at < ${to}) AS stray`,
    );
    if (!stray) {
      await tx.query(`CREATE TABLE ${name} PARTITION OF access_events FOR VALUES FROM (${from}) TO (${to})`);
    } else {
      // rows of this month already sit in DEFAULT (the month had no partition): move them into it
      await tx.query(`CREATE TABLE ${name} (LIKE access_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await tx.query(
        `WITH moved AS (DELETE FROM access_events_default WHERE occurred_at >= ${from} AND occurred_at < ${to} RETURNING *)
           INSERT INTO ${name} SELECT * FROM moved`,
      );
      await tx.query(`ALTER TABLE access_events ATTACH PARTITION ${name} FOR VALUES FROM (${from}) TO (${to})`);
    }
    return name;
  }

  /** Drops a monthly partition (a name from `partitions`); answers how many events it held. */
  async dropPartition(tx: Tx, name: string): Promise<number> {
    if (!PARTITION.test(name)) throw new Error(`not a monthly partition of access_events: ${name}`);
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM ${name}`);
    await tx.query(`DROP TABLE ${name}`);
    return n;
  }

  /** Removes the id ledger's entries older than `at` (an event this old is refused as too_old: its id cannot come back). */
  async deleteLedgerBefore(tx: Tx, at: Date): Promise<void> {
    await tx.query(`DELETE FROM access_event_ids WHERE occurred_at < $1`, [at]);
  }

  /** Deletes the events older than `at` that sit in DEFAULT; answers how many. */
  deleteDefaultBefore(tx: Tx, at: Date): Promise<number> {
    return this.deleted(tx, `DELETE FROM access_events_default WHERE occurred_at < $1`, [at]);
  }

  /** Deletes the per-member dedupe state of days before `day`; answers how many rows. */
  deleteMemberDaysBefore(tx: Tx, day: string): Promise<number> {
    return this.deleted(tx, `DELETE FROM member_daily_activity WHERE day < $1::date`, [day]);
  }

  /** Deletes the per-member dedupe state of months before `day`'s; answers how many rows. */
  deleteMemberMonthsBefore(tx: Tx, day: string): Promise<number> {
    return this.deleted(tx, `DELETE FROM member_monthly_activity WHERE month < $1::date`, [day]);
  }

  private async deleted(tx: Tx, sql: string, params: unknown[]): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params);
    return n;
  }
}
