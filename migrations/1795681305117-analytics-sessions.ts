import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visits become sessions, an event id counts once whatever else a retry changes, and a member's
 * events beyond a daily rate are stored but not counted (outside review II):
 *
 * - `access_event_ids`: every stored event id, once (not partitioned, so the key is the id alone:
 *   `access_events` can only be unique on (id, occurred_at), its partition key). The ingestion
 *   statement inserts here first; an id already present is a duplicate whatever its occurredAt.
 *   Purged with the raw events (PartitionsService). The ledger is the key of the raw events now:
 *   their primary key on (id, occurred_at), which let a re-stamped retry through, is dropped (one
 *   unique index per event is what ingestion pays, not two: measured 0.70 of the previous
 *   throughput with both, 0.90 with the ledger alone).
 * - `member_daily_activity` keeps the member's visits of the day as sessions: for each, its first
 *   and last instant, the id of its first event and the committee path that event was recorded
 *   with (arrays in start order). A new session begins with an event 30 minutes or more after the
 *   previous one of the day; `analytics_merge_sessions` merges a batch's sessions into them and
 *   answers which session starts appeared (+1) and disappeared (-1), with their paths: the delta
 *   the ingestion adds to `committee_daily_activity.visits`. `events` counts the day's events.
 * - `access_events.counted`: whether the event was within the first EVENTS_MAX_COUNTED_PER_MEMBER_DAY
 *   of its member and day (views are counted only then); `committee_daily_activity.over_rate_members`
 *   the members of the subtree who sent more that day.
 * Existing data: the ledger, the day's event counts and sessions are built from the raw events
 * still kept, and the visits of those days recounted as sessions; older days keep their counts.
 */
const TZ = `'Asia/Ho_Chi_Minh'`;
const DAY = (c: string) => `(${c} AT TIME ZONE ${TZ})::date`;

export class AnalyticsSessions1795681305117 implements MigrationInterface {
  name = 'AnalyticsSessions1795681305117';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "access_event_ids" ("id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "access_event_ids_pkey" PRIMARY KEY ("id"))`,
      `ALTER TABLE "access_events" ADD "counted" boolean NOT NULL DEFAULT true`,
      `ALTER TABLE "committee_daily_activity" ADD "over_rate_members" integer NOT NULL DEFAULT '0'`,
      `ALTER TABLE "member_daily_activity" ADD "events" integer NOT NULL DEFAULT '0'`,
      `ALTER TABLE "member_daily_activity" ADD "session_starts" TIMESTAMP WITH TIME ZONE array NOT NULL DEFAULT '{}'`,
      `ALTER TABLE "member_daily_activity" ADD "session_ends" TIMESTAMP WITH TIME ZONE array NOT NULL DEFAULT '{}'`,
      `ALTER TABLE "member_daily_activity" ADD "session_ids" uuid array NOT NULL DEFAULT '{}'`,
      `ALTER TABLE "member_daily_activity" ADD "session_paths" text array NOT NULL DEFAULT '{}'`,
      `ALTER TABLE "member_daily_activity" ADD "visit_paths" text array`,
      `ALTER TABLE "member_daily_activity" ADD "visit_changes" integer array`,
      `CREATE TYPE analytics_sessions AS (starts timestamptz[], ends timestamptz[], ids uuid[], paths text[], changed_paths text[], changes integer[])`,
      // Sessions of one member-day, old and new, as spans (first, last, first event's id, its path)
      // sorted by (first, id): a span 30 minutes or more after the latest end before it starts a
      // session. Merging spans is all that is needed (an event inside a session can only shorten
      // gaps), so the state stays small: at most one span per half hour of the day.
      `CREATE FUNCTION analytics_merge_sessions(o_starts timestamptz[], o_ends timestamptz[], o_ids uuid[], o_paths text[],
                                                n_starts timestamptz[], n_ends timestamptz[], n_ids uuid[], n_paths text[])
       RETURNS analytics_sessions LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  WITH spans AS (
    SELECT s, e, id, path FROM unnest(o_starts, o_ends, o_ids, o_paths) AS x(s, e, id, path)
    UNION ALL
    SELECT s, e, id, path FROM unnest(n_starts, n_ends, n_ids, n_paths) AS x(s, e, id, path)
  ), marked AS (
    SELECT s, e, id, path,
           CASE WHEN s - max(e) OVER w < interval '30 minutes' THEN 0 ELSE 1 END AS first
      FROM spans WINDOW w AS (ORDER BY s, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  ), grouped AS (
    SELECT *, sum(first) OVER (ORDER BY s, id) AS g FROM marked
  ), sessions AS (
    SELECT min(s) AS s, max(e) AS e, (array_agg(id ORDER BY s, id))[1] AS id, (array_agg(path ORDER BY s, id))[1] AS path
      FROM grouped GROUP BY g
  ), changes AS (
    SELECT path, 1 AS d FROM sessions WHERE NOT (id = ANY (coalesce(o_ids, '{}')))
    UNION ALL
    SELECT x.path, -1 FROM unnest(o_ids, o_paths) AS x(id, path) WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x.id)
  )
  SELECT ROW(
    coalesce((SELECT array_agg(s ORDER BY s, id) FROM sessions), '{}'),
    coalesce((SELECT array_agg(e ORDER BY s, id) FROM sessions), '{}'),
    coalesce((SELECT array_agg(id ORDER BY s, id) FROM sessions), '{}'),
    coalesce((SELECT array_agg(path ORDER BY s, id) FROM sessions), '{}'),
    coalesce((SELECT array_agg(path ORDER BY path, d) FROM changes), '{}'),
    coalesce((SELECT array_agg(d ORDER BY path, d) FROM changes), '{}'))::analytics_sessions
$fn$`,

      // existing data
      `INSERT INTO access_event_ids (id, occurred_at) SELECT DISTINCT ON (id) id, occurred_at FROM access_events ORDER BY id, occurred_at`,
      `ALTER TABLE "access_events" DROP CONSTRAINT "access_events_pkey"`,
      `WITH ev AS (
         SELECT member_id, ${DAY('occurred_at')} AS day, occurred_at, id, committee_path::text AS path,
                CASE WHEN occurred_at - lag(occurred_at) OVER w < interval '30 minutes' THEN 0 ELSE 1 END AS first
           FROM access_events WINDOW w AS (PARTITION BY member_id, ${DAY('occurred_at')} ORDER BY occurred_at, id)
       ), grouped AS (
         SELECT *, sum(first) OVER (PARTITION BY member_id, day ORDER BY occurred_at, id) AS g FROM ev
       ), sessions AS (
         SELECT member_id, day, min(occurred_at) AS s, max(occurred_at) AS e, count(*) AS n,
                (array_agg(id ORDER BY occurred_at, id))[1] AS id, (array_agg(path ORDER BY occurred_at, id))[1] AS path
           FROM grouped GROUP BY member_id, day, g
       ), per AS (
         SELECT member_id, day, sum(n)::int AS events, array_agg(s ORDER BY s, id) AS starts, array_agg(e ORDER BY s, id) AS ends,
                array_agg(id ORDER BY s, id) AS ids, array_agg(path ORDER BY s, id) AS paths
           FROM sessions GROUP BY 1, 2
       )
       UPDATE member_daily_activity m
          SET events = per.events, session_starts = per.starts, session_ends = per.ends, session_ids = per.ids, session_paths = per.paths
         FROM per WHERE m.member_id = per.member_id AND m.day = per.day`,
      `UPDATE committee_daily_activity SET visits = 0 WHERE day IN (SELECT DISTINCT day FROM member_daily_activity WHERE events > 0)`,
      `WITH v AS (
         SELECT a.id AS committee_id, m.day, count(*)::int AS visits
           FROM member_daily_activity m CROSS JOIN LATERAL unnest(m.session_paths) AS p(path)
           CROSS JOIN LATERAL unnest(analytics_path_ids(p.path::ltree)) AS a(id)
          GROUP BY 1, 2
       )
       UPDATE committee_daily_activity t SET visits = v.visits FROM v WHERE t.committee_id = v.committee_id AND t.day = v.day`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP FUNCTION IF EXISTS analytics_merge_sessions(timestamptz[], timestamptz[], uuid[], text[], timestamptz[], timestamptz[], uuid[], text[])`,
      `DROP TYPE IF EXISTS analytics_sessions`,
      `ALTER TABLE "member_daily_activity" DROP COLUMN "visit_changes"`,
      `ALTER TABLE "member_daily_activity" DROP COLUMN "visit_paths"`,
      `ALTER TABLE "member_daily_activity" DROP COLUMN "session_paths"`,
      `ALTER TABLE "member_daily_activity" DROP COLUMN "session_ids"`,
      `ALTER TABLE "member_daily_activity" DROP COLUMN "session_ends"`,
      `ALTER TABLE "member_daily_activity" DROP COLUMN "session_starts"`,
      `ALTER TABLE "member_daily_activity" DROP COLUMN "events"`,
      `ALTER TABLE "committee_daily_activity" DROP COLUMN "over_rate_members"`,
      `ALTER TABLE "access_events" DROP COLUMN "counted"`,
      `ALTER TABLE "access_events" ADD CONSTRAINT "access_events_pkey" PRIMARY KEY ("id", "occurred_at")`,
      `DROP TABLE "access_event_ids"`,
    ]) {
      await q.query(sql);
    }
  }
}
