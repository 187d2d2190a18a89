import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committee's view of branch meetings (issue 16; docs/meetings.md "The committee's view";
 * entities in src/analytics/meeting-report.entity.ts). Counters kept exact by statement-level
 * triggers, the same approach as the install counters (migration 1795671956292-analytics):
 *
 * - `meeting_report_meetings`: one row per counted meeting (status held or minutes_locked), with its
 *   unit, month, kind, on-time flag and attendance sums. Reconciled by `meeting_report_meetings_sync`
 *   on `meetings` (insert, update: any status change, a move to another committee or month) and
 *   adjusted by `meeting_report_attendance_*` on `meeting_attendance` (a correction after the close
 *   counts); a deleted meeting takes its row with it (foreign key, cascade).
 * - `meeting_unit_months`: each committee's own month (held regular meetings, of them on time,
 *   thematic, extraordinary, attendance sums), from the deltas of `meeting_report_meetings`
 *   (`meeting_report_changed` → `meeting_report_apply`).
 * - `committee_meeting_months`: subtree totals for every committee on the unit's path; `units_held`
 *   and `units_on_time` count a unit once whatever the number of its regular meetings that month (the
 *   unit month's counter crossing zero is what moves them).
 * - `committee_unit_counts`: the units of each subtree: committees that keep a members' list
 *   (committees.rules.ts MEMBER_HOLDING_KINDS: branch, grassroots) and are not archived.
 * `meeting_report_committees_*` on `committees` keeps the last two exact when committees are added,
 * deleted, archived (a merge), change kind, or move (every committee whose path changed takes its own
 * unit months from its old ancestors to its new ones).
 * Only units count in the subtree totals: a meeting of an archived committee stays in its own row.
 */
const UNIT = (r: string) => `(${r}.kind IN ('branch', 'grassroots') AND ${r}.archived_at IS NULL)`;
const COUNTED = `('held', 'minutes_locked')`;
/** What a committee row's part in the totals depends on. */
const PLACE = (r: string) => `(${r}.path, ${UNIT(r)})`;
/** The committees whose place changed in an update: their old path with -1 (if they counted), their new one with +1 (if they count). */
const MOVED = `SELECT o.id, o.path, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${PLACE('o')} IS DISTINCT FROM ${PLACE('n')} AND ${UNIT('o')}
  UNION ALL
  SELECT n.id, n.path, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${PLACE('o')} IS DISTINCT FROM ${PLACE('n')} AND ${UNIT('n')}`;

/** The attendance sums of a statement's attendance rows, by meeting: `-` for old rows, `+` for new ones. */
const attendanceTrigger = (name: string, rowsSql: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- wait for a close of these meetings in progress, then see the counted row it wrote
  PERFORM 1 FROM meetings WHERE id IN (SELECT DISTINCT ch.meeting_id FROM (${rowsSql}) ch) ORDER BY id FOR SHARE;
  UPDATE meeting_report_meetings r SET expected = r.expected + d.e, attended = r.attended + d.a
    FROM (SELECT meeting_id, sum(e)::int AS e, sum(a)::int AS a FROM (${rowsSql}) x
           GROUP BY 1 HAVING sum(e) <> 0 OR sum(a) <> 0) d
   WHERE r.meeting_id = d.meeting_id;
  RETURN NULL;
END $fn$`;
const ATT = (r: string, sign: string) =>
  `SELECT ${r}.meeting_id, ${sign}(${r}.state <> 'exempt')::int AS e, ${sign}(${r}.state IN ('present', 'late'))::int AS a`;

/** A counted meeting row's deltas, from the row alias `r`, with `sign`. */
const REPORT_DELTA = (r: string, sign: string) =>
  `SELECT ${r}.committee_id, ${r}.month, ${sign}(${r}.kind = 'regular')::int, ${sign}(${r}.kind = 'regular' AND ${r}.on_time)::int,
          ${sign}(${r}.kind = 'thematic')::int, ${sign}(${r}.kind = 'extraordinary')::int, ${sign}${r}.expected, ${sign}${r}.attended`;
const reportTrigger = (name: string, rowsSql: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM meeting_report_apply(ARRAY(
    SELECT ROW(x.committee_id, x.month, sum(x.rh), sum(x.ro), sum(x.th), sum(x.ex), sum(x.ae), sum(x.aa))::meeting_unit_delta
      FROM (${rowsSql}) AS x (committee_id, month, rh, ro, th, ex, ae, aa)
     GROUP BY x.committee_id, x.month));
  RETURN NULL;
END $fn$`;

/** Units: -1 on the old path's committees, +1 on the new path's, for the committee rows whose place changed. */
const unitsSql = (rowsSql: string) => `INSERT INTO committee_unit_counts AS t (committee_id, units)
  SELECT a.id, sum(x.d)::int FROM (${rowsSql}) x (path, d)
    CROSS JOIN LATERAL unnest(analytics_path_ids(x.path)) AS a(id)
    JOIN committees e ON e.id = a.id
   GROUP BY 1 HAVING sum(x.d) <> 0 ORDER BY 1
  ON CONFLICT (committee_id) DO UPDATE SET units = t.units + EXCLUDED.units`;

export class MeetingReport1796442480804 implements MigrationInterface {
  name = 'MeetingReport1796442480804';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "meeting_report_meetings" ("meeting_id" uuid NOT NULL, "committee_id" integer NOT NULL, "month" date NOT NULL, "kind" character varying(16) NOT NULL, "on_time" boolean NOT NULL, "expected" integer NOT NULL, "attended" integer NOT NULL, CONSTRAINT "meeting_report_meetings_pkey" PRIMARY KEY ("meeting_id"))`,
      `CREATE TABLE "meeting_unit_months" ("committee_id" integer NOT NULL, "month" date NOT NULL, "regular_held" integer NOT NULL DEFAULT '0', "regular_on_time" integer NOT NULL DEFAULT '0', "thematic_held" integer NOT NULL DEFAULT '0', "extraordinary_held" integer NOT NULL DEFAULT '0', "attendance_expected" integer NOT NULL DEFAULT '0', "attendance_attended" integer NOT NULL DEFAULT '0', CONSTRAINT "meeting_unit_months_pkey" PRIMARY KEY ("committee_id", "month"))`,
      `CREATE TABLE "committee_meeting_months" ("committee_id" integer NOT NULL, "month" date NOT NULL, "units_held" integer NOT NULL DEFAULT '0', "units_on_time" integer NOT NULL DEFAULT '0', "regular_held" integer NOT NULL DEFAULT '0', "thematic_held" integer NOT NULL DEFAULT '0', "extraordinary_held" integer NOT NULL DEFAULT '0', "attendance_expected" integer NOT NULL DEFAULT '0', "attendance_attended" integer NOT NULL DEFAULT '0', CONSTRAINT "committee_meeting_months_pkey" PRIMARY KEY ("committee_id", "month"))`,
      `CREATE TABLE "committee_unit_counts" ("committee_id" integer NOT NULL, "units" integer NOT NULL, CONSTRAINT "committee_unit_counts_pkey" PRIMARY KEY ("committee_id"))`,
      `ALTER TABLE "meeting_report_meetings" ADD CONSTRAINT "meeting_report_meetings_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "meeting_unit_months" ADD CONSTRAINT "meeting_unit_months_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "committee_meeting_months" ADD CONSTRAINT "committee_meeting_months_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "committee_unit_counts" ADD CONSTRAINT "committee_unit_counts_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `CREATE TYPE meeting_unit_delta AS (committee_id integer, month date, regular_held integer, regular_on_time integer, thematic_held integer, extraordinary_held integer, expected integer, attended integer)`,
      // a unit month's deltas: to the unit's own row, then (for a unit) to every committee on its path;
      // units_held/units_on_time move when the unit's own counter crosses zero. Rows in key order (no deadlocks between writers).
      `CREATE FUNCTION meeting_report_apply(deltas meeting_unit_delta[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF cardinality(deltas) = 0 THEN RETURN; END IF;
  -- a subtree move rewrites the paths of these committees: wait for it, then read the paths it wrote
  PERFORM 1 FROM committees WHERE id IN (SELECT DISTINCT d.committee_id FROM unnest(deltas) d) ORDER BY id FOR SHARE;
  WITH d AS (
    SELECT x.committee_id, x.month, sum(x.regular_held)::int AS rh, sum(x.regular_on_time)::int AS ro, sum(x.thematic_held)::int AS th,
           sum(x.extraordinary_held)::int AS ex, sum(x.expected)::int AS ae, sum(x.attended)::int AS aa
      FROM unnest(deltas) x GROUP BY 1, 2
    HAVING sum(x.regular_held) <> 0 OR sum(x.regular_on_time) <> 0 OR sum(x.thematic_held) <> 0 OR sum(x.extraordinary_held) <> 0
        OR sum(x.expected) <> 0 OR sum(x.attended) <> 0),
  u AS (
    INSERT INTO meeting_unit_months AS t (committee_id, month, regular_held, regular_on_time, thematic_held, extraordinary_held, attendance_expected, attendance_attended)
    SELECT committee_id, month, rh, ro, th, ex, ae, aa FROM d ORDER BY 1, 2
    ON CONFLICT (committee_id, month) DO UPDATE SET regular_held = t.regular_held + EXCLUDED.regular_held,
      regular_on_time = t.regular_on_time + EXCLUDED.regular_on_time, thematic_held = t.thematic_held + EXCLUDED.thematic_held,
      extraordinary_held = t.extraordinary_held + EXCLUDED.extraordinary_held,
      attendance_expected = t.attendance_expected + EXCLUDED.attendance_expected,
      attendance_attended = t.attendance_attended + EXCLUDED.attendance_attended
    RETURNING t.committee_id, t.month, t.regular_held, t.regular_on_time)
  INSERT INTO committee_meeting_months AS t (committee_id, month, units_held, units_on_time, regular_held, thematic_held, extraordinary_held, attendance_expected, attendance_attended)
  SELECT a.id, d.month,
         sum((u.regular_held > 0)::int - (u.regular_held - d.rh > 0)::int)::int,
         sum((u.regular_on_time > 0)::int - (u.regular_on_time - d.ro > 0)::int)::int,
         sum(d.rh)::int, sum(d.th)::int, sum(d.ex)::int, sum(d.ae)::int, sum(d.aa)::int
    FROM d JOIN u ON u.committee_id = d.committee_id AND u.month = d.month
    JOIN committees c ON c.id = d.committee_id AND ${UNIT('c')}
    CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (committee_id, month) DO UPDATE SET units_held = t.units_held + EXCLUDED.units_held,
    units_on_time = t.units_on_time + EXCLUDED.units_on_time, regular_held = t.regular_held + EXCLUDED.regular_held,
    thematic_held = t.thematic_held + EXCLUDED.thematic_held, extraordinary_held = t.extraordinary_held + EXCLUDED.extraordinary_held,
    attendance_expected = t.attendance_expected + EXCLUDED.attendance_expected,
    attendance_attended = t.attendance_attended + EXCLUDED.attendance_attended;
END $fn$`,
      reportTrigger('meeting_report_inserted', REPORT_DELTA('n', '') + ` FROM new_rows n`),
      reportTrigger('meeting_report_deleted', REPORT_DELTA('o', '-') + ` FROM old_rows o`),
      reportTrigger(
        'meeting_report_updated',
        `${REPORT_DELTA('o', '-')} FROM old_rows o UNION ALL ${REPORT_DELTA('n', '')} FROM new_rows n`,
      ),
      `CREATE TRIGGER meeting_report_inserted AFTER INSERT ON meeting_report_meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_inserted()`,
      `CREATE TRIGGER meeting_report_updated AFTER UPDATE ON meeting_report_meetings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_updated()`,
      `CREATE TRIGGER meeting_report_deleted AFTER DELETE ON meeting_report_meetings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_deleted()`,

      // meetings: the counted row of each written meeting is made to match it (dropped, written, or left alone)
      `CREATE FUNCTION meeting_report_meetings_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM meeting_report_meetings r USING new_rows n
   WHERE r.meeting_id = n.id
     AND NOT (n.status IN ${COUNTED} AND r.committee_id = n.committee_id AND r.month = n.month AND r.kind = n.kind AND r.on_time = NOT n.late);
  INSERT INTO meeting_report_meetings (meeting_id, committee_id, month, kind, on_time, expected, attended)
  SELECT n.id, n.committee_id, n.month, n.kind, NOT n.late, a.e, a.a
    FROM new_rows n
    CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE x.state <> 'exempt')::int AS e, count(*) FILTER (WHERE x.state IN ('present', 'late'))::int AS a
                          FROM meeting_attendance x WHERE x.meeting_id = n.id) a
   WHERE n.status IN ${COUNTED} AND NOT EXISTS (SELECT 1 FROM meeting_report_meetings r WHERE r.meeting_id = n.id)
   ORDER BY n.id
  ON CONFLICT (meeting_id) DO NOTHING;
  RETURN NULL;
END $fn$`,
      `CREATE TRIGGER meeting_report_meetings_inserted AFTER INSERT ON meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_meetings_sync()`,
      `CREATE TRIGGER meeting_report_meetings_updated AFTER UPDATE ON meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_meetings_sync()`,

      attendanceTrigger('meeting_report_attendance_inserted', `${ATT('n', '')} FROM new_rows n`),
      attendanceTrigger('meeting_report_attendance_deleted', `${ATT('o', '-')} FROM old_rows o`),
      attendanceTrigger('meeting_report_attendance_updated', `${ATT('o', '-')} FROM old_rows o UNION ALL ${ATT('n', '')} FROM new_rows n`),
      `CREATE TRIGGER meeting_report_attendance_inserted AFTER INSERT ON meeting_attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_attendance_inserted()`,
      `CREATE TRIGGER meeting_report_attendance_updated AFTER UPDATE ON meeting_attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_attendance_updated()`,
      `CREATE TRIGGER meeting_report_attendance_deleted AFTER DELETE ON meeting_attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_attendance_deleted()`,

      // committees: units, and each moved / archived / re-kinded committee's own months, from its old ancestors to its new ones
      `CREATE FUNCTION meeting_report_committees_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  ${unitsSql(`SELECT n.path, 1 FROM new_rows n WHERE ${UNIT('n')}`)};
  RETURN NULL;
END $fn$`,
      `CREATE FUNCTION meeting_report_committees_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  ${unitsSql(`SELECT o.path, -1 FROM old_rows o WHERE ${UNIT('o')}`)};
  RETURN NULL;
END $fn$`,
      `CREATE FUNCTION meeting_report_committees_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT EXISTS (${MOVED}) THEN RETURN NULL; END IF;
  ${unitsSql(`SELECT path, d FROM (${MOVED}) m`)};
  INSERT INTO committee_meeting_months AS t (committee_id, month, units_held, units_on_time, regular_held, thematic_held, extraordinary_held, attendance_expected, attendance_attended)
  SELECT a.id, m.month, sum(x.d * (m.regular_held > 0)::int)::int, sum(x.d * (m.regular_on_time > 0)::int)::int, sum(x.d * m.regular_held)::int,
         sum(x.d * m.thematic_held)::int, sum(x.d * m.extraordinary_held)::int, sum(x.d * m.attendance_expected)::int, sum(x.d * m.attendance_attended)::int
    FROM (${MOVED}) x
    JOIN meeting_unit_months m ON m.committee_id = x.id
    CROSS JOIN LATERAL unnest(analytics_path_ids(x.path)) AS a(id)
   GROUP BY 1, 2
  HAVING sum(x.d * m.regular_held) <> 0 OR sum(x.d * m.thematic_held) <> 0 OR sum(x.d * m.extraordinary_held) <> 0
      OR sum(x.d * m.attendance_expected) <> 0 OR sum(x.d * m.attendance_attended) <> 0
   ORDER BY 1, 2
  ON CONFLICT (committee_id, month) DO UPDATE SET units_held = t.units_held + EXCLUDED.units_held,
    units_on_time = t.units_on_time + EXCLUDED.units_on_time, regular_held = t.regular_held + EXCLUDED.regular_held,
    thematic_held = t.thematic_held + EXCLUDED.thematic_held, extraordinary_held = t.extraordinary_held + EXCLUDED.extraordinary_held,
    attendance_expected = t.attendance_expected + EXCLUDED.attendance_expected,
    attendance_attended = t.attendance_attended + EXCLUDED.attendance_attended;
  RETURN NULL;
END $fn$`,
      `CREATE TRIGGER meeting_report_committees_inserted AFTER INSERT ON committees REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_committees_inserted()`,
      `CREATE TRIGGER meeting_report_committees_updated AFTER UPDATE ON committees REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_committees_updated()`,
      `CREATE TRIGGER meeting_report_committees_deleted AFTER DELETE ON committees REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_report_committees_deleted()`,

      // what there is now: the units, then the counted meetings (their insert trigger fills the months)
      `INSERT INTO committee_unit_counts (committee_id, units)
       SELECT a.id, count(*)::int FROM committees c CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
        WHERE ${UNIT('c')} GROUP BY 1`,
      `INSERT INTO meeting_report_meetings (meeting_id, committee_id, month, kind, on_time, expected, attended)
       SELECT m.id, m.committee_id, m.month, m.kind, NOT m.late,
              (SELECT count(*) FROM meeting_attendance x WHERE x.meeting_id = m.id AND x.state <> 'exempt')::int,
              (SELECT count(*) FROM meeting_attendance x WHERE x.meeting_id = m.id AND x.state IN ('present', 'late'))::int
         FROM meetings m WHERE m.status IN ${COUNTED}`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      ...[
        'meeting_report_committees_inserted ON committees',
        'meeting_report_committees_updated ON committees',
        'meeting_report_committees_deleted ON committees',
        'meeting_report_attendance_inserted ON meeting_attendance',
        'meeting_report_attendance_updated ON meeting_attendance',
        'meeting_report_attendance_deleted ON meeting_attendance',
        'meeting_report_meetings_inserted ON meetings',
        'meeting_report_meetings_updated ON meetings',
        'meeting_report_inserted ON meeting_report_meetings',
        'meeting_report_updated ON meeting_report_meetings',
        'meeting_report_deleted ON meeting_report_meetings',
      ].map((t) => `DROP TRIGGER IF EXISTS ${t}`),
      ...[
        'meeting_report_committees_inserted()',
        'meeting_report_committees_updated()',
        'meeting_report_committees_deleted()',
        'meeting_report_attendance_inserted()',
        'meeting_report_attendance_updated()',
        'meeting_report_attendance_deleted()',
        'meeting_report_meetings_sync()',
        'meeting_report_inserted()',
        'meeting_report_updated()',
        'meeting_report_deleted()',
        'meeting_report_apply(meeting_unit_delta[])',
      ].map((f) => `DROP FUNCTION IF EXISTS ${f}`),
      `DROP TYPE IF EXISTS meeting_unit_delta`,
      `ALTER TABLE "committee_unit_counts" DROP CONSTRAINT "committee_unit_counts_committee_id_fkey"`,
      `ALTER TABLE "committee_meeting_months" DROP CONSTRAINT "committee_meeting_months_committee_id_fkey"`,
      `ALTER TABLE "meeting_unit_months" DROP CONSTRAINT "meeting_unit_months_committee_id_fkey"`,
      `ALTER TABLE "meeting_report_meetings" DROP CONSTRAINT "meeting_report_meetings_meeting_id_fkey"`,
      `DROP TABLE "committee_unit_counts"`,
      `DROP TABLE "committee_meeting_months"`,
      `DROP TABLE "meeting_unit_months"`,
      `DROP TABLE "meeting_report_meetings"`,
    ]) {
      await q.query(sql);
    }
  }
}
