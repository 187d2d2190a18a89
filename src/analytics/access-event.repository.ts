import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { ACTIVITY_TIME_ZONE, RANKED_TARGET_TYPES } from './analytics.rules.js';
import type { CheckedEvent } from './events.service.js';

/*
 * The analytics counters are kept two ways, named here side by side:
 *
 * 1. Usage (visits, views, unique members): the activity rollups `committee_daily_activity`,
 *    `committee_monthly_activity`, `content_daily_views` and the per-member state
 *    `member_daily_activity`, `member_monthly_activity` are written by the ingestion statement
 *    below (INGEST_SQL), no trigger. It calls the SQL functions `analytics_path_ids`
 *    (migrations/1795671956292-analytics.ts) and `analytics_merge_sessions`
 *    (migrations/1795681305117-analytics-sessions.ts).
 * 2. The register (install rates, installs per day): `committee_member_counts` and
 *    `committee_install_days` are kept by statement-level TRIGGERS, whatever writes the rows
 *    (migrations/1795671956292-analytics.ts): `analytics_members_inserted`,
 *    `analytics_members_updated`, `analytics_members_deleted` on `members` and
 *    `analytics_committees_moved` on `committees`, through `analytics_apply_member_delta`.
 *    Nothing in src/ writes those two tables; activity-report.repository.ts reads them.
 *
 * The statement reads `members` (owned by src/members) and `committees` (src/committees) for the
 * member's committee and its path at the moment of arrival: one round trip per batch is the point
 * of the statement, so it joins them itself rather than asking their services first.
 * Its days are Vietnam dates (ACTIVITY_TIME_ZONE); bench/paths.ts mirrors it verbatim.
 */

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const DAY = (column: string) => `(${column} AT TIME ZONE '${ACTIVITY_TIME_ZONE}')::date`;

/**
 * Stores events and maintains every rollup in ONE statement (atomic without an explicit transaction,
 * one round trip per batch). A phone's batch is one member's; the demo seed sends the history of
 * a hundred members at once through the same statement (every step below is per member, and the
 * committees' counters add up the members' changes):
 * - each event id goes to the ledger `access_event_ids` first (key: the id alone): an id stored
 *   before is a duplicate whatever else the retry changed (occurredAt, type), and nothing of it is
 *   stored or counted again; the new ones go to the partitioned `access_events` (whose key the
 *   ledger is: it has no unique index of its own) with the member's committee and its path now;
 * - `member_daily_activity` (one row per member and Vietnam day) counts the day's events and keeps
 *   its visits as sessions: `analytics_merge_sessions` (migrations/1795681305117-analytics-sessions.ts)
 *   merges the batch's events into them and answers which session starts appeared or disappeared,
 *   with the committee path each was recorded with; that is what the committees' visits change by.
 *   A visit is activity after 30 minutes or more without any, so late (queued offline) events give
 *   the same figures as events sent in order. The row is locked by the upsert, so concurrent
 *   batches of one member are applied one after the other;
 * - of a member's events of a day, the first $7 (EVENTS_MAX_COUNTED_PER_MEMBER_DAY, in arrival order,
 *   then by occurredAt within a batch) are `counted`: only they add views; a member who sent more
 *   counts once in `over_rate_members` of every committee they were seen in that day;
 * - `member_daily_activity` / `member_monthly_activity` also remember which committees the member
 *   was already counted in per day / month: the upsert answers the committees newly reached, whose
 *   unique-member counts go up by one. A member moved during the day counts once in every committee
 *   they were seen in, and once only in the ones both places share.
 * Every upsert writes its rows in key order, so concurrent batches never deadlock.
 */
export const INGEST_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::uuid[], $6::uuid[])
    AS t(id, occurred_at, type, target_type, target_id, member_id)
), me AS (
  SELECT m.id AS member_id, m.committee_id, c.path, analytics_path_ids(c.path) AS ancestors
    FROM members m JOIN committees c ON c.id = m.committee_id
   WHERE m.id = ANY (ARRAY(SELECT DISTINCT member_id FROM input))
), fresh AS (
  INSERT INTO access_event_ids (id, occurred_at)
  SELECT i.id, i.occurred_at FROM input i WHERE i.member_id IN (SELECT member_id FROM me) ORDER BY 1
  ON CONFLICT DO NOTHING
  RETURNING id
), events AS (
  -- the batch's new events by member and day, in (occurredAt, id) order: their rank (for the daily cap) and
  -- whether each begins a session of the batch (30 minutes or more after the one before)
  SELECT x.*, row_number() OVER w AS rank,
         CASE WHEN x.occurred_at - lag(x.occurred_at) OVER w < interval '30 minutes' THEN 0 ELSE 1 END AS first
    FROM (SELECT i.*, ${DAY('i.occurred_at')} AS day FROM input i JOIN fresh f ON f.id = i.id) x
  WINDOW w AS (PARTITION BY x.member_id, x.day ORDER BY x.occurred_at, x.id)
), batch_sessions AS (
  SELECT member_id, day, min(occurred_at) AS s, max(occurred_at) AS e, (array_agg(id ORDER BY occurred_at, id))[1] AS id, count(*)::int AS n
    FROM (SELECT e.*, sum(e.first) OVER (PARTITION BY e.member_id, e.day ORDER BY e.occurred_at, e.id) AS g FROM events e) x
   GROUP BY member_id, day, g
), per_day AS (
  SELECT member_id, day, sum(n)::int AS n, array_agg(s ORDER BY s, id) AS starts, array_agg(e ORDER BY s, id) AS ends, array_agg(id ORDER BY s, id) AS ids,
         count(*)::int AS sessions
    FROM batch_sessions GROUP BY 1, 2
), member_days AS (
  -- a new member-day takes the batch's sessions as they are (each a new visit); an existing one
  -- merges them into its own (analytics_merge_sessions answers the visits gained and lost)
  INSERT INTO member_daily_activity AS a (day, member_id, committee_ids, events, session_starts, session_ends, session_ids, session_paths, visit_paths, visit_changes)
  SELECT p.day, me.member_id, me.ancestors, p.n, p.starts, p.ends, p.ids,
         array_fill(me.path::text, ARRAY[p.sessions]), array_fill(me.path::text, ARRAY[p.sessions]), array_fill(1, ARRAY[p.sessions])
    FROM per_day p JOIN me ON me.member_id = p.member_id
   ORDER BY 1, 2
  ON CONFLICT (day, member_id) DO UPDATE
     SET committee_ids = ARRAY(SELECT DISTINCT x FROM unnest(a.committee_ids || EXCLUDED.committee_ids) x ORDER BY 1),
         credited = ARRAY(SELECT unnest(EXCLUDED.committee_ids) EXCEPT SELECT unnest(a.committee_ids)),
         events = a.events + EXCLUDED.events,
         (session_starts, session_ends, session_ids, session_paths, visit_paths, visit_changes) = (
           SELECT s.starts, s.ends, s.ids, s.paths, s.changed_paths, s.changes
             FROM analytics_merge_sessions(a.session_starts, a.session_ends, a.session_ids, a.session_paths,
                                           EXCLUDED.session_starts, EXCLUDED.session_ends, EXCLUDED.session_ids, EXCLUDED.session_paths) s)
  RETURNING day, member_id, events, CASE WHEN xmax = 0 THEN committee_ids ELSE credited END AS credited, committee_ids, visit_paths, visit_changes
), budget AS (
  SELECT md.member_id, md.day, md.events - p.n AS before, md.events AS after, md.credited, md.committee_ids,
         greatest($7::int - (md.events - p.n), 0) AS counted
    FROM member_days md JOIN per_day p ON p.member_id = md.member_id AND p.day = md.day
), inserted AS (
  INSERT INTO access_events (id, occurred_at, member_id, committee_id, committee_path, type, target_type, target_id, counted)
  SELECT e.id, e.occurred_at, me.member_id, me.committee_id, me.path, e.type, e.target_type, e.target_id, e.rank <= b.counted
    FROM events e JOIN budget b ON b.member_id = e.member_id AND b.day = e.day JOIN me ON me.member_id = e.member_id
  RETURNING member_id, occurred_at, type, target_type, target_id, counted
), views AS (
  SELECT member_id, ${DAY('occurred_at')} AS day,
         count(*) FILTER (WHERE target_type = 'document')::int AS views_document,
         count(*) FILTER (WHERE target_type = 'news')::int AS views_news,
         count(*) FILTER (WHERE type = 'view' AND target_type NOT IN ('document', 'news'))::int AS views_other
    FROM inserted WHERE counted GROUP BY 1, 2
), changes AS (
  -- views and unique members: the member's committees now
  SELECT a.id AS committee_id, b.day, 0 AS visits, coalesce(v.views_document, 0) AS views_document, coalesce(v.views_news, 0) AS views_news,
         coalesce(v.views_other, 0) AS views_other, CASE WHEN a.id = ANY (b.credited) THEN 1 ELSE 0 END AS unique_members, 0 AS over_rate_members
    FROM budget b JOIN me ON me.member_id = b.member_id CROSS JOIN LATERAL unnest(me.ancestors) AS a(id)
    LEFT JOIN views v ON v.member_id = b.member_id AND v.day = b.day
  UNION ALL
  -- visits: the committees of the path each session start was recorded with
  SELECT a.id, md.day, c.d, 0, 0, 0, 0, 0
    FROM member_days md CROSS JOIN LATERAL unnest(md.visit_paths, md.visit_changes) AS c(path, d)
    CROSS JOIN LATERAL unnest(analytics_path_ids(c.path::ltree)) AS a(id)
  UNION ALL
  -- over the rate: every committee the member was seen in that day, once
  SELECT a.id, b.day, 0, 0, 0, 0, 0, 1
    FROM budget b CROSS JOIN LATERAL unnest(CASE WHEN b.before > $7::int THEN b.credited WHEN b.after > $7::int THEN b.committee_ids END) AS a(id)
), member_months AS (
  INSERT INTO member_monthly_activity AS a (month, member_id, committee_ids)
  SELECT DISTINCT date_trunc('month', p.day)::date, me.member_id, me.ancestors FROM per_day p JOIN me ON me.member_id = p.member_id ORDER BY 1, 2
  ON CONFLICT (month, member_id) DO UPDATE
     SET committee_ids = ARRAY(SELECT DISTINCT x FROM unnest(a.committee_ids || EXCLUDED.committee_ids) x ORDER BY 1),
         credited = ARRAY(SELECT unnest(EXCLUDED.committee_ids) EXCEPT SELECT unnest(a.committee_ids))
   WHERE NOT a.committee_ids @> EXCLUDED.committee_ids
  RETURNING month, CASE WHEN xmax = 0 THEN committee_ids ELSE credited END AS credited
), daily AS (
  INSERT INTO committee_daily_activity AS t (committee_id, day, visits, views_document, views_news, views_other, unique_members, over_rate_members)
  SELECT committee_id, day, sum(visits)::int, sum(views_document)::int, sum(views_news)::int, sum(views_other)::int,
         sum(unique_members)::int, sum(over_rate_members)::int
    FROM changes GROUP BY 1, 2
   ORDER BY 1, 2
  ON CONFLICT (committee_id, day) DO UPDATE
     SET visits = t.visits + EXCLUDED.visits,
         views_document = t.views_document + EXCLUDED.views_document,
         views_news = t.views_news + EXCLUDED.views_news,
         views_other = t.views_other + EXCLUDED.views_other,
         unique_members = t.unique_members + EXCLUDED.unique_members,
         over_rate_members = t.over_rate_members + EXCLUDED.over_rate_members
  RETURNING 1
), monthly AS (
  INSERT INTO committee_monthly_activity AS t (committee_id, month, unique_members)
  SELECT a.id, mm.month, count(*)::int FROM member_months mm CROSS JOIN LATERAL unnest(mm.credited) AS a(id)
   GROUP BY 1, 2
   ORDER BY 1, 2
  ON CONFLICT (committee_id, month) DO UPDATE SET unique_members = t.unique_members + EXCLUDED.unique_members
  RETURNING 1
), content AS (
  -- every committee above the member, down to their own (docs/scaling.md, "Views per content item")
  INSERT INTO content_daily_views AS t (committee_id, day, target_type, target_id, views)
  SELECT a.id, ${DAY('i.occurred_at')}, i.target_type, i.target_id, count(*)::int
    FROM inserted i JOIN me ON me.member_id = i.member_id CROSS JOIN LATERAL unnest(me.ancestors) AS a(id)
   WHERE i.counted AND i.target_type IN (${sqlList(RANKED_TARGET_TYPES)})
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (committee_id, day, target_type, target_id) DO UPDATE SET views = t.views + EXCLUDED.views
  RETURNING 1
)
SELECT me.member_id, count(i.member_id)::int AS accepted FROM me LEFT JOIN inserted i ON i.member_id = me.member_id GROUP BY 1`;

/** An event to store, with the member who sent it. */
export interface MemberEvent extends CheckedEvent {
  memberId: string;
}

/** A day of a member's activity as kept for the dedupe of unique members (member_daily_activity). */
export interface MemberDayRow {
  day: string;
  committee_ids: number[];
}

/** The raw events, their id ledger and the per-member activity state (see the comment at the top). */
@Injectable()
export class AccessEventRepository {
  /**
   * Stores events (of one member or of several) with every rollup, in one statement (INGEST_SQL).
   * Answers, for each member that exists, how many of their events were new; a member without a
   * record is missing from the answer and nothing of theirs is stored. Event ids must be unique
   * within the call (the ledger's key is the id alone).
   */
  async ingest(tx: Tx, events: MemberEvent[], maxCountedPerMemberDay: number): Promise<Map<string, number>> {
    const rows: { member_id: string; accepted: number }[] = await tx.query(INGEST_SQL, [
      events.map((e) => e.id),
      events.map((e) => e.occurredAt.toISOString()),
      events.map((e) => e.type),
      events.map((e) => e.targetType),
      events.map((e) => e.targetId),
      events.map((e) => e.memberId),
      maxCountedPerMemberDay,
    ]);
    return new Map(rows.map((r) => [r.member_id, r.accepted]));
  }

  /**
   * The days from `from` to `to` (dates, both included) on which the member was active, with the
   * committees each was counted in. The day is the leading key of member_daily_activity, so the
   * lookup probes one key per day of the window rather than reading the table.
   */
  memberDays(tx: Tx, memberId: string, from: string, to: string): Promise<MemberDayRow[]> {
    return tx.query(
      `SELECT day::text AS day, committee_ids FROM member_daily_activity
        WHERE member_id = $1 AND day = ANY (ARRAY(SELECT generate_series($2::date, $3::date, interval '1 day')::date))
        ORDER BY day`,
      [memberId, from, to],
    );
  }
}
