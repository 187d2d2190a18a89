import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import { ROLLOUT_PHASES } from '../committees/committee.entity.js';
import { ActivityReportRepository } from './activity-report.repository.js';
import type { PhaseCounts, RolloutHistoryEntry, RolloutResponse } from './dto/rollout.response.js';
import { ReportScope, toReportCommittee } from './report-scope.js';

/** The rollout overview of a committee: its direct sub-committees per phase, and the phase history. */
@Injectable()
export class RolloutReportService {
  constructor(
    private readonly reports: ActivityReportRepository,
    private readonly scope: ReportScope,
  ) {}

  async overview(principal: Principal, committeeId?: number): Promise<RolloutResponse> {
    const committee = await this.scope.committee(principal, committeeId);
    const children = await this.reports.rolloutChildren(committee.id);
    const active = children.filter((c) => !c.archived);
    const byPhase = Object.fromEntries(ROLLOUT_PHASES.map((p) => [p, 0])) as unknown as PhaseCounts;
    for (const c of active) byPhase[c.phase]++;
    const history: RolloutHistoryEntry[] = await this.reports.phaseHistory([committee.id, ...children.map((c) => c.id)]);
    return {
      committee: toReportCommittee(committee),
      children: {
        total: active.length,
        byPhase,
        items: active.map((c) => ({
          committeeId: c.id,
          name: c.name,
          kind: c.kind,
          phase: c.phase,
          phaseStartedAt: c.phaseStartedAt,
          targetInstallRate: c.targetInstallRate,
        })),
      },
      history,
    };
  }
}
