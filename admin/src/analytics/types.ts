/**
 * Shapes of the analytics endpoints (GET /api/analytics/*), as openapi.json
 * describes them. Every figure is computed by the server: the dashboard only
 * shows them.
 */
import type { CommitteeKind, CommitteePhase } from '../types';

/** Vietnam dates (YYYY-MM-DD), both included. */
export interface DateWindow {
  from: string;
  to: string;
  days: number;
}

export interface ReportCommittee {
  id: number;
  name: string;
  kind: CommitteeKind;
  phase: CommitteePhase;
  phaseStartedAt: string | null;
  /** 0..1 */
  targetInstallRate: number | null;
}

export interface RateFigures {
  members: number;
  installed: number;
  /** installed / members, 0..1 (4 decimals); 0 without members */
  rate: number;
}

export interface CountFigures {
  members: number;
  installed: number;
}

export interface NotInstalledByReason {
  elderly: number;
  no_smartphone: number;
  special_unit_pending: number;
  exempted: number;
  other: number;
  unspecified: number;
}

export interface InstallRateFigures extends RateFigures {
  official: RateFigures;
  probationary: RateFigures;
  exempted: CountFigures;
  notInstalledByReason: NotInstalledByReason;
}

export interface InstallRateChild extends InstallRateFigures {
  committeeId: number;
  name: string;
  kind: CommitteeKind;
  phase: CommitteePhase;
  targetInstallRate: number | null;
}

export interface InstallRatesResponse {
  committee: ReportCommittee;
  total: InstallRateFigures;
  children: InstallRateChild[];
}

export interface InstallTimelinePoint {
  day: string;
  installs: number;
  installed: number;
  members: number;
  rate: number;
}

export interface InstallTimelineResponse {
  committee: ReportCommittee;
  members: number;
  series: InstallTimelinePoint[];
  window: DateWindow;
}

export interface ViewCounts {
  document: number;
  news: number;
  other: number;
}

export interface VisitDay {
  day: string;
  visits: number;
  uniqueMembers: number;
  views: ViewCounts;
  overRateMembers: number;
}

export interface VisitTotals {
  visits: number;
  memberDays: number;
  views: ViewCounts;
  overRateMemberDays: number;
}

export interface VisitAverage {
  visits: number;
  uniqueMembers: number;
  window: DateWindow;
}

export interface VisitsResponse {
  committee: ReportCommittee;
  window: DateWindow;
  series: VisitDay[];
  total: VisitTotals;
  averagePerDay: VisitAverage;
  activeMembers: {
    day: string;
    dau: number;
    month: string;
    mau: number;
    dauMauRatio: number;
  };
  children: {
    committeeId: number;
    name: string;
    kind: CommitteeKind;
    archived: boolean;
    total: VisitTotals;
    averageVisitsPerDay: number;
  }[];
}

export interface TopContentItem {
  targetType: 'document' | 'news';
  targetId: string;
  /** null when the item has been deleted since */
  title: string | null;
  views: number;
}

export interface TopContentResponse {
  committee: ReportCommittee;
  window: DateWindow;
  items: TopContentItem[];
}

export type PhaseCounts = Record<CommitteePhase, number>;

export interface RolloutHistoryEntry {
  committeeId: number;
  committeeName: string;
  fromPhase: CommitteePhase | null;
  toPhase: CommitteePhase;
  /** The date the new phase began (YYYY-MM-DD) */
  startedOn: string | null;
  /** When the change was recorded (ISO instant) */
  changedAt: string;
}

export interface RolloutResponse {
  committee: ReportCommittee;
  children: {
    total: number;
    byPhase: PhaseCounts;
    items: {
      committeeId: number;
      name: string;
      kind: CommitteeKind;
      phase: CommitteePhase;
      phaseStartedAt: string | null;
      targetInstallRate: number | null;
    }[];
  };
  history: RolloutHistoryEntry[];
}

/** The committee a report is about; none: the caller's home committee. */
export interface CommitteeQuery {
  committeeId?: number;
}

/** A window of Vietnam dates; omitted ends take the server's defaults. */
export interface WindowQuery extends CommitteeQuery {
  from?: string;
  to?: string;
}

export interface TopContentQuery extends WindowQuery {
  limit?: number;
  targetType?: 'document' | 'news';
}
