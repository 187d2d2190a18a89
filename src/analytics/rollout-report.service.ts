import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/principal.js';
import { ROLLOUT_PHASES, type CommitteeKind, type RolloutPhase } from '../committees/committee.entity.js';
import type { PhaseCounts, RolloutHistoryEntry, RolloutResponse } from './dto/rollout.response.js';
import { ReportScope, toReportCommittee } from './report-scope.js';

/** The rollout overview of a committee: its direct sub-committees per phase, and the phase history. */
@Injectable()
export class RolloutReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ReportScope,
  ) {}

  async overview(principal: Principal, committeeId?: number): Promise<RolloutResponse> {
    const committee = await this.scope.committee(principal, committeeId);
    const children: {
      id: number;
      name: string;
      kind: CommitteeKind;
      phase: RolloutPhase;
      phaseStartedAt: string | null;
      targetInstallRate: number | null;
      archived: boolean;
    }[] = await this.db.query(
      `SELECT id, name, kind, phase, phase_started_at::text AS "phaseStartedAt", target_install_rate::float8 AS "targetInstallRate",
              archived_at IS NOT NULL AS archived
         FROM committees WHERE parent_id = $1 ORDER BY name, id`,
      [committee.id],
    );
    const active = children.filter((c) => !c.archived);
    const byPhase = Object.fromEntries(ROLLOUT_PHASES.map((p) => [p, 0])) as unknown as PhaseCounts;
    for (const c of active) byPhase[c.phase]++;
    const history: RolloutHistoryEntry[] = (
      await this.db.query(
        `SELECT p.committee_id AS "committeeId", c.name AS "committeeName", p.from_phase AS "fromPhase", p.to_phase AS "toPhase",
                p.started_on::text AS "startedOn", p.changed_at AS "changedAt"
           FROM committee_phase_changes p JOIN committees c ON c.id = p.committee_id
          WHERE p.committee_id = ANY ($1::int[])
          ORDER BY p.changed_at, p.started_on NULLS FIRST, p.id`,
        [[committee.id, ...children.map((c) => c.id)]],
      )
    ).map((h: RolloutHistoryEntry) => ({ ...h, changedAt: new Date(h.changedAt) }));
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
