import { Injectable } from '@nestjs/common';
import type { AdminListQuery, ListPage } from '../../common/admin-list.js';
import { ApiError } from '../../common/errors.js';
import { isUuid } from '../../common/id-param.pipe.js';
import type { Principal } from '../../common/principal.js';
import { audienceCommitteeIds, pathInSubtree } from '../../common/scope.js';
import type { Committee } from '../../committees/committee.entity.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { Transactions } from '../../database/transactions.js';
import { NotificationErrors } from '../notifications.errors.js';
import { toDeadLetterResponse, toPushReportResponse, type DeadLetterResponse, type PushReportResponse } from './dto/push-report.dto.js';
import { PushDeliveriesRepository } from './push-deliveries.repository.js';

/**
 * The staff's view of push delivery: per notification, read and delivery counts for a committee
 * subtree and each of its sub-committees (the dashboard drills down), and the dead letters.
 */
@Injectable()
export class PushReportService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: PushDeliveriesRepository,
    private readonly committees: CommitteesService,
  ) {}

  /** A committee in the caller's scope, or null (never an error: the caller decides the 404). */
  private async inScope(principal: Principal, id: number): Promise<Committee | null> {
    try {
      return await this.committees.findInScope(this.tx.none, principal, id);
    } catch (e) {
      if (e instanceof ApiError && e.getStatus() === 404) return null;
      throw e;
    }
  }

  /**
   * The report of a subtree notification. The caller sees it when its audience committee is in their
   * scope, or lies above their home committee (a province bulletin, seen by a district: reported for
   * the district). A personal notification, one outside both, or a `committeeId` outside the caller's
   * scope or the notification's audience: 404, alike.
   */
  async report(principal: Principal, id: string, committeeId?: number): Promise<PushReportResponse> {
    if (!isUuid(id)) throw NotificationErrors.notFound();
    const n = await this.repo.findNotification(id);
    if (!n || n.audienceCommitteeId === null) throw NotificationErrors.notFound();
    let audience = await this.inScope(principal, n.audienceCommitteeId);
    let root: Committee | null = audience;
    if (!audience) {
      // the audience above the caller's home committee: their members received it too
      if (principal.committeeId === null || !audienceCommitteeIds(principal).includes(n.audienceCommitteeId))
        throw NotificationErrors.notFound();
      audience = await this.committees.findById(this.tx.none, n.audienceCommitteeId);
      root = await this.inScope(principal, principal.committeeId);
      if (!audience || !root) throw NotificationErrors.notFound();
    }
    if (committeeId !== undefined) {
      const asked = await this.inScope(principal, committeeId);
      if (!asked || !pathInSubtree(asked.path, audience.path)) throw NotificationErrors.notFound();
      root = asked;
    }
    const rows = await this.repo.report(n.id, root!.id);
    return toPushReportResponse(n, rows);
  }

  async deadLetters(principal: Principal, query: AdminListQuery): Promise<ListPage<DeadLetterResponse>> {
    const page = await this.repo.deadLetters(principal, query);
    return { ...page, items: page.items.map(toDeadLetterResponse) };
  }
}
