import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import { NOT_INSTALLED_REASONS } from '../members/member.entity.js';
import { ActivityReportRepository, type MemberCountRow } from './activity-report.repository.js';
import type { DateWindow } from './dto/report.response.js';
import type {
  InstallRateFigures,
  InstallRatesResponse,
  InstallTimelineResponse,
  NotInstalledByReason,
} from './dto/install-rates.response.js';
import { ratio, ReportScope, resolveWindow, toReportCommittee, windowDays } from './report-scope.js';

/** The install figures of a subtree from its count rows. */
export function installFigures(rows: MemberCountRow[]): InstallRateFigures {
  const sum = (pick: (r: MemberCountRow) => boolean) => rows.reduce((s, r) => (pick(r) ? s + r.n : s), 0);
  const rate = (pick: (r: MemberCountRow) => boolean) => {
    const members = sum(pick);
    const installed = sum((r) => pick(r) && r.installed);
    return { members, installed, rate: ratio(installed, members) };
  };
  const byReason = Object.fromEntries([...NOT_INSTALLED_REASONS, 'unspecified'].map((k) => [k, 0])) as unknown as NotInstalledByReason;
  for (const r of rows) {
    if (r.installed) continue;
    const key = (r.reason === '' ? 'unspecified' : r.reason) as keyof NotInstalledByReason;
    // a reason the register does not know (added later) is still counted, under its own name
    byReason[key] = (byReason[key] ?? 0) + r.n;
  }
  return {
    ...rate(() => true),
    official: rate((r) => r.status === 'official'),
    probationary: rate((r) => r.status === 'probationary'),
    exempted: { members: sum((r) => r.exempted), installed: sum((r) => r.exempted && r.installed) },
    notInstalledByReason: byReason,
  };
}

/** Timeline defaults: the last 90 days. */
export const TIMELINE_DEFAULT_DAYS = 90;

/**
 * Install rates read from committee_member_counts (subtree totals kept by triggers, named in
 * activity-report.repository.ts): the committee's
 * rows and its children's, a few dozen rows whatever the size of the tree.
 */
@Injectable()
export class InstallRatesService {
  constructor(
    private readonly reports: ActivityReportRepository,
    private readonly scope: ReportScope,
  ) {}

  async report(principal: Principal, committeeId?: number): Promise<InstallRatesResponse> {
    const committee = await this.scope.committee(principal, committeeId);
    const children = await this.reports.activeChildren(committee.id);
    const rows = await this.reports.memberCounts([committee.id, ...children.map((c) => c.id)]);
    const of = (id: number) => installFigures(rows.filter((r) => r.committee_id === id));
    return {
      committee: toReportCommittee(committee),
      total: of(committee.id),
      children: children.map((c) => ({
        committeeId: c.id,
        name: c.name,
        kind: c.kind,
        phase: c.phase,
        targetInstallRate: c.targetInstallRate,
        ...of(c.id),
      })),
    };
  }

  /**
   * The daily series of installs of the subtree's current members (by their first install's date),
   * cumulated from before the window, over today's member count.
   */
  async timeline(principal: Principal, query: { committeeId?: number; from?: string; to?: string }): Promise<InstallTimelineResponse> {
    const window: DateWindow = resolveWindow(query, TIMELINE_DEFAULT_DAYS);
    const committee = await this.scope.committee(principal, query.committeeId);
    const { members, before } = await this.reports.installTotals(committee.id, window.from);
    const days = await this.reports.installDays(committee.id, window.from, window.to);
    const byDay = new Map(days.map((d) => [d.day, d.installs]));
    let installed = before;
    const series = windowDays(window).map((day) => {
      const installs = byDay.get(day) ?? 0;
      installed += installs;
      return { day, installs, installed, members, rate: ratio(installed, members) };
    });
    return { committee: toReportCommittee(committee), window, members, series };
  }
}
