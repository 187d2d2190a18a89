import { Injectable } from '@nestjs/common';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions } from '../database/transactions.js';
import { ActivityReportRepository } from './activity-report.repository.js';
import { AnalyticsErrors } from './analytics.errors.js';
import { addDays, daysBetween, isCalendarDate } from './calendar.js';
import type { DateWindow, ReportCommittee } from './dto/report.response.js';

/** The longest window a report spans (three years of days). */
export const MAX_WINDOW_DAYS = 1096;

/** A window from optional `from`/`to` dates: `to` defaults to today (Vietnam), `from` to `defaultDays` days ending on `to`. */
export function resolveWindow(query: { from?: string; to?: string }, defaultDays: number, today = localDate()): DateWindow {
  const errors: Record<string, string> = {};
  if (query.from !== undefined && !isCalendarDate(query.from)) errors.from = 'from must be a date YYYY-MM-DD';
  if (query.to !== undefined && !isCalendarDate(query.to)) errors.to = 'to must be a date YYYY-MM-DD';
  if (Object.keys(errors).length) throw AnalyticsErrors.invalidWindow(errors);
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? addDays(to, -(defaultDays - 1));
  if (from > to) throw AnalyticsErrors.invalidWindow({ from: 'from must not be after to' });
  const days = daysBetween(from, to);
  if (days > MAX_WINDOW_DAYS) throw AnalyticsErrors.invalidWindow({ from: `a window spans at most ${MAX_WINDOW_DAYS} days` });
  return { from, to, days };
}

/** Every day of a window, oldest first. */
export function windowDays(w: DateWindow): string[] {
  return Array.from({ length: w.days }, (_, i) => addDays(w.from, i));
}

export function toReportCommittee(c: Committee): ReportCommittee {
  return { id: c.id, name: c.name, kind: c.kind, phase: c.phase, phaseStartedAt: c.phaseStartedAt, targetInstallRate: c.targetInstallRate };
}

/** `n / d` rounded to `digits` decimals; 0 when `d` is 0. */
export function ratio(n: number, d: number, digits = 4): number {
  if (!d) return 0;
  const f = 10 ** digits;
  return Math.round((n / d) * f) / f;
}

/** The committee a report is about, through the caller's scope. */
@Injectable()
export class ReportScope {
  constructor(
    private readonly tx: Transactions,
    private readonly reports: ActivityReportRepository,
    private readonly committees: CommitteesService,
  ) {}

  /**
   * `committeeId` if given (404 outside the scope), else the caller's home committee, else (an admin
   * of the whole tree) the root committee when there is one.
   */
  async committee(principal: Principal, committeeId?: number): Promise<Committee> {
    const m = this.tx.none;
    if (committeeId !== undefined) return this.committees.findInScope(m, principal, committeeId);
    if (principal.committeeId !== null) return this.committees.findInScope(m, principal, principal.committeeId);
    const roots = await this.reports.activeRootIds();
    if (!roots.length) throw AnalyticsErrors.noCommittee();
    if (roots.length > 1) throw AnalyticsErrors.rootAmbiguous(roots.length);
    return this.committees.findInScope(m, principal, roots[0]);
  }
}
