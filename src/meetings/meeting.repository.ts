import { Injectable } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404 } from '../common/scope.js';
import { isUuid } from '../common/id-param.pipe.js';
import { Meeting } from './entities/meeting.entity.js';
import { MeetingErrors } from './meetings.errors.js';
import { MEMBER_VISIBLE_STATUSES } from './meetings.rules.js';

/**
 * The member's door as a condition on `alias` (a `meetings` row): not a draft, and of the member's
 * current branch or one they were invited to. findForMember and the member's list both use it.
 */
export function whereMemberMaySee<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  return qb
    .andWhere(`${alias}.status IN (:...memberVisible)`, { memberVisible: MEMBER_VISIBLE_STATUSES })
    .andWhere(
      `(${alias}.committee_id = :memberCommitteeId OR EXISTS (SELECT 1 FROM meeting_attendance inv WHERE inv.meeting_id = ${alias}.id AND inv.member_id = :visibleToMemberId))`,
      { memberCommitteeId: principal.committeeId ?? -1, visibleToMemberId: principal.memberId },
    );
}

/** The two doors to a meeting: staff through their committee scope, members through their branch. */
@Injectable()
export class MeetingRepository {
  /** A meeting of the caller's subtree, or the meeting's 404 (also for a malformed id or one outside the scope). */
  findForStaff(m: EntityManager, principal: Principal, id: string, lock = false): Promise<Meeting> {
    return findInScopeOr404(m, Meeting, principal, id, {
      alias: 'meeting',
      scope: { committeeIdColumn: 'meeting.committee_id' },
      notFound: MeetingErrors.notFound,
      lock,
    });
  }

  /**
   * A meeting the member may see: one they were invited to (an attendance row, kept when they move
   * on), or one of their current branch, once it is no longer a draft. Otherwise the meeting's 404:
   * a member of another branch learns nothing of it.
   */
  async findForMember(m: EntityManager, principal: Principal, id: string, lock: boolean | 'share' = false): Promise<Meeting> {
    if (!principal.memberId || !isUuid(id)) throw MeetingErrors.notFound();
    const qb = whereMemberMaySee(
      m.getRepository(Meeting).createQueryBuilder('meeting').where('meeting.id = :id', { id }),
      'meeting',
      principal,
    );
    // 'share': the caller writes attendance rows, whose report trigger (migration 1796442480804) takes the
    // meeting FOR SHARE; taking it first keeps a check-in from deadlocking with a close (FOR UPDATE)
    if (lock) qb.setLock(lock === 'share' ? 'pessimistic_read' : 'pessimistic_write');
    const meeting = await qb.getOne();
    if (!meeting) throw MeetingErrors.notFound();
    return meeting;
  }
}
