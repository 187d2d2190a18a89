import { Injectable } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404 } from '../common/scope.js';
import { isUuid } from '../common/id-param.pipe.js';
import { Meeting } from './entities/meeting.entity.js';
import { MeetingErrors } from './meetings.errors.js';
import { MEMBER_VISIBLE_STATUSES } from './meetings.rules.js';

/**
 * The member's door as SQL on `alias` (a `meetings` row): not a draft, and of the member's current
 * branch or one they were invited to. `statuses` is bound to MEMBER_VISIBLE_STATUSES, `committeeId`
 * to the member's branch (-1 without one), `memberId` to the member. findForMember's constant
 * statement and the member's list (whereMemberMaySee) both use it.
 */
function memberDoorSql(alias: string, statuses: string, committeeId: string, memberId: string): string {
  return `${alias}.status = ANY(CAST(${statuses} AS varchar[]))
    AND (${alias}.committee_id = ${committeeId}
         OR EXISTS (SELECT 1 FROM meeting_attendance inv WHERE inv.meeting_id = ${alias}.id AND inv.member_id = ${memberId}))`;
}

/** The member's door as a condition of a query builder on `alias`. */
export function whereMemberMaySee<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  principal: Principal,
): SelectQueryBuilder<T> {
  return qb.andWhere(`(${memberDoorSql(alias, ':memberVisible', ':memberCommitteeId', ':visibleToMemberId')})`, {
    memberVisible: MEMBER_VISIBLE_STATUSES,
    memberCommitteeId: principal.committeeId ?? -1,
    visibleToMemberId: principal.memberId,
  });
}

/** The columns of a `meetings` row (alias `meeting`) named as Meeting's properties, for toMeeting. */
const MEETING_COLUMNS = `meeting.id, meeting.committee_id AS "committeeId", meeting.kind, meeting.month::text AS month, meeting.title,
  meeting.starts_at AS "startsAt", meeting.ends_at AS "endsAt", meeting.place, meeting.online_url AS "onlineUrl", meeting.status,
  meeting.status_reason AS "statusReason", meeting.scheduled_at AS "scheduledAt", meeting.late, meeting.guidance_id AS "guidanceId",
  meeting.checkin_secret AS "checkinSecret", meeting.started_at AS "startedAt", meeting.held_at AS "heldAt",
  meeting.minutes_summary AS "minutesSummary", meeting.minutes_conclusions AS "minutesConclusions",
  meeting.minutes_locked_at AS "minutesLockedAt", meeting.minutes_locked_by AS "minutesLockedBy", meeting.created_by AS "createdBy",
  meeting.created_at AS "createdAt", meeting.updated_at AS "updatedAt"`;

/**
 * findForMember's statement (bench/paths.ts runs the same): the meeting by id ($1) through the
 * member's door ($2 the visible statuses, $3 the member's branch, $4 the member). A check-in and a
 * vote read it on every request, so it is a constant and its row becomes the entity by hand.
 */
export const MEETING_FOR_MEMBER_SQL = `SELECT ${MEETING_COLUMNS} FROM meetings meeting
  WHERE meeting.id = $1 AND ${memberDoorSql('meeting', '$2', '$3', '$4')}`;
const MEETING_FOR_MEMBER_SQL_LOCKED = { share: `${MEETING_FOR_MEMBER_SQL} FOR SHARE`, update: `${MEETING_FOR_MEMBER_SQL} FOR UPDATE` };

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
    // 'share': the caller writes attendance rows, whose report trigger (migration 1796442480804) takes the
    // meeting FOR SHARE; taking it first keeps a check-in from deadlocking with a close (FOR UPDATE)
    const sql =
      lock === 'share' ? MEETING_FOR_MEMBER_SQL_LOCKED.share : lock ? MEETING_FOR_MEMBER_SQL_LOCKED.update : MEETING_FOR_MEMBER_SQL;
    const [row] = await m.query(sql, [id, MEMBER_VISIBLE_STATUSES, principal.committeeId ?? -1, principal.memberId]);
    if (!row) throw MeetingErrors.notFound();
    return Object.assign(new Meeting(), row);
  }
}
