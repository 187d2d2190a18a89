import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytics, built to be read without scanning members or events:
 *
 * - `committee_member_counts` and `committee_install_days` hold, for every committee, the current
 *   members of its whole subtree by (status, exempted, installed, not-installed reason) and their
 *   installs per day. Statement-level triggers on `members` (insert, update, delete) and on
 *   `committees` (a path rewrite: a subtree move or a merge) keep them exact whatever writes the
 *   rows (API, import, merge, seed, raw SQL): each statement's changes are aggregated by committee
 *   and key, then applied to every ancestor (the ids on the committee's ltree path) in one upsert.
 * - `access_events` is partitioned by month of `occurred_at` (Vietnam months; PartitionsService
 *   creates the partitions ahead and drops the expired ones; a DEFAULT partition catches the rest).
 * - the daily and monthly activity rollups and per-content view rollups are written by the
 *   ingestion statement itself (EventsService), not by triggers.
 * Existing members are counted once here (the backfill), so the migration also fits a database
 * that already holds a register.
 */
const TZ = `'Asia/Ho_Chi_Minh'`;
/** A member row's key in the counts, from the row alias `r`. */
const KEY = (r: string) =>
  `${r}.committee_id, ${r}.status, ${r}.exempted, ${r}.installed_at IS NOT NULL, ` +
  `CASE WHEN ${r}.installed_at IS NULL THEN coalesce(${r}.not_installed_reason, '') ELSE '' END, ` +
  `(${r}.installed_at AT TIME ZONE ${TZ})::date`;
/** What, of a member row, the counts depend on (a change of anything else changes no count). */
const COUNTED = (r: string) =>
  `(${r}.committee_id, ${r}.status, ${r}.exempted, ${r}.installed_at, ${r}.not_installed_reason, ${r}.end_state)`;

/** A trigger function that turns a statement's rows into deltas and applies them. */
const memberTrigger = (name: string, rowsSql: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM analytics_apply_member_delta(ARRAY(
    SELECT ROW(x.committee_id, x.status, x.exempted, x.installed, x.reason, x.install_day, x.d)::analytics_member_delta
      FROM (SELECT committee_id, status, exempted, installed, reason, install_day, sum(d)::int AS d
              FROM (${rowsSql}) AS ch (committee_id, status, exempted, installed, reason, install_day, d)
             GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0) x));
  RETURN NULL;
END $fn$`;

export class Analytics1795671956292 implements MigrationInterface {
  name = 'Analytics1795671956292';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "committee_daily_activity" ("committee_id" integer NOT NULL, "day" date NOT NULL, "visits" integer NOT NULL DEFAULT '0', "views_document" integer NOT NULL DEFAULT '0', "views_news" integer NOT NULL DEFAULT '0', "views_other" integer NOT NULL DEFAULT '0', "unique_members" integer NOT NULL DEFAULT '0', CONSTRAINT "committee_daily_activity_pkey" PRIMARY KEY ("committee_id", "day"))`,
      `CREATE TABLE "committee_monthly_activity" ("committee_id" integer NOT NULL, "month" date NOT NULL, "unique_members" integer NOT NULL DEFAULT '0', CONSTRAINT "committee_monthly_activity_pkey" PRIMARY KEY ("committee_id", "month"))`,
      `CREATE TABLE "content_daily_views" ("committee_id" integer NOT NULL, "day" date NOT NULL, "target_type" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "views" integer NOT NULL DEFAULT '0', CONSTRAINT "content_daily_views_pkey" PRIMARY KEY ("committee_id", "day", "target_type", "target_id"))`,
      `CREATE TABLE "committee_install_days" ("committee_id" integer NOT NULL, "day" date NOT NULL, "installs" integer NOT NULL, CONSTRAINT "committee_install_days_pkey" PRIMARY KEY ("committee_id", "day"))`,
      `CREATE TABLE "committee_member_counts" ("committee_id" integer NOT NULL, "status" character varying(16) NOT NULL, "exempted" boolean NOT NULL, "installed" boolean NOT NULL, "reason" character varying(32) NOT NULL, "n" integer NOT NULL, CONSTRAINT "committee_member_counts_pkey" PRIMARY KEY ("committee_id", "status", "exempted", "installed", "reason"))`,
      `CREATE TABLE "member_daily_activity" ("day" date NOT NULL, "member_id" uuid NOT NULL, "committee_ids" integer array NOT NULL, "credited" integer array, CONSTRAINT "member_daily_activity_pkey" PRIMARY KEY ("day", "member_id"))`,
      `CREATE TABLE "member_monthly_activity" ("month" date NOT NULL, "member_id" uuid NOT NULL, "committee_ids" integer array NOT NULL, "credited" integer array, CONSTRAINT "member_monthly_activity_pkey" PRIMARY KEY ("month", "member_id"))`,
      `ALTER TABLE "committee_daily_activity" ADD CONSTRAINT "committee_daily_activity_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "committee_monthly_activity" ADD CONSTRAINT "committee_monthly_activity_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "content_daily_views" ADD CONSTRAINT "content_daily_views_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "committee_install_days" ADD CONSTRAINT "committee_install_days_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "committee_member_counts" ADD CONSTRAINT "committee_member_counts_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,

      // raw events: partitioned by month, written and dropped by the month
      `CREATE TABLE "access_events" ("id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_id" uuid NOT NULL, "committee_id" integer NOT NULL, "committee_path" ltree NOT NULL, "type" character varying(16) NOT NULL, "target_type" character varying(16), "target_id" uuid, CONSTRAINT "access_events_type_check" CHECK ((type = 'app_open' AND target_type IS NULL AND target_id IS NULL) OR (type = 'view' AND target_type IN ('document','news','faq','survey') AND target_id IS NOT NULL)), CONSTRAINT "access_events_pkey" PRIMARY KEY ("id", "occurred_at")) PARTITION BY RANGE ("occurred_at")`,
      `CREATE TABLE "access_events_default" PARTITION OF "access_events" DEFAULT`,

      // the ancestors of a committee (itself included) are the ids on its path
      `CREATE FUNCTION analytics_path_ids(ltree) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$ SELECT string_to_array($1::text, '.')::integer[] $fn$`,
      `CREATE TYPE analytics_member_delta AS (committee_id integer, status varchar(16), exempted boolean, installed boolean, reason varchar(32), install_day date, d integer)`,
      `CREATE TYPE analytics_path_change AS (id integer, old_path ltree, new_path ltree)`,

      // applies per-committee deltas to every ancestor, one upsert per table, rows in key order (no deadlocks between writers)
      `CREATE FUNCTION analytics_apply_member_delta(deltas analytics_member_delta[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF cardinality(deltas) = 0 THEN RETURN; END IF;
  -- a subtree move rewrites the paths of these committees: wait for it, then read the paths it wrote
  PERFORM 1 FROM committees WHERE id IN (SELECT DISTINCT d.committee_id FROM unnest(deltas) d) ORDER BY id FOR SHARE;
  INSERT INTO committee_member_counts AS t (committee_id, status, exempted, installed, reason, n)
  SELECT a.id, d.status, d.exempted, d.installed, d.reason, sum(d.d)::int
    FROM unnest(deltas) d
    JOIN committees c ON c.id = d.committee_id
    CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
   GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.d) <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (committee_id, status, exempted, installed, reason) DO UPDATE SET n = t.n + EXCLUDED.n;
  INSERT INTO committee_install_days AS t (committee_id, day, installs)
  SELECT a.id, d.install_day, sum(d.d)::int
    FROM unnest(deltas) d
    JOIN committees c ON c.id = d.committee_id
    CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
   WHERE d.install_day IS NOT NULL
   GROUP BY 1, 2 HAVING sum(d.d) <> 0
   ORDER BY 1, 2
  ON CONFLICT (committee_id, day) DO UPDATE SET installs = t.installs + EXCLUDED.installs;
END $fn$`,
      memberTrigger('analytics_members_inserted', `SELECT ${KEY('n')}, 1 FROM new_rows n WHERE n.end_state IS NULL`),
      memberTrigger('analytics_members_deleted', `SELECT ${KEY('o')}, -1 FROM old_rows o WHERE o.end_state IS NULL`),
      memberTrigger(
        'analytics_members_updated',
        `SELECT ${KEY('o')}, -1 FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id
          WHERE o.end_state IS NULL AND (n.id IS NULL OR ${COUNTED('o')} IS DISTINCT FROM ${COUNTED('n')})
         UNION ALL
         SELECT ${KEY('n')}, 1 FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
          WHERE n.end_state IS NULL AND (o.id IS NULL OR ${COUNTED('o')} IS DISTINCT FROM ${COUNTED('n')})`,
      ),
      `CREATE TRIGGER analytics_members_inserted AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_members_inserted()`,
      `CREATE TRIGGER analytics_members_updated AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_members_updated()`,
      `CREATE TRIGGER analytics_members_deleted AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_members_deleted()`,

      // A statement that rewrites committee paths moves counts between ancestors. When every moved
      // committee's subtree moved as a whole (a move or a merge), the subtree totals of the topmost
      // moved committees are subtracted from their old ancestors and added to their new ones (a few
      // rows, whatever the size). Otherwise (paths rewritten some other way) the members of each
      // changed committee are counted and moved from its old ancestors to its new ones.
      `CREATE FUNCTION analytics_committees_moved() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changes analytics_path_change[];
  roots analytics_path_change[];
  whole boolean;
BEGIN
  SELECT array_agg(ROW(o.id, o.path, n.path)::analytics_path_change) INTO changes
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   WHERE o.path IS DISTINCT FROM n.path;
  IF changes IS NULL THEN RETURN NULL; END IF;

  -- the topmost changed committees: their old parent did not change
  SELECT array_agg(ROW(ch.id, ch.old_path, ch.new_path)::analytics_path_change) INTO roots FROM unnest(changes) ch
   WHERE nlevel(ch.old_path) = 1
      OR subpath(ch.old_path, nlevel(ch.old_path) - 2, 1)::text::int NOT IN (SELECT c2.id FROM unnest(changes) c2);
  -- a whole-subtree move: every changed committee sits under exactly one root and keeps its place below it,
  -- and nothing is left under a root's old path
  SELECT NOT EXISTS (
           SELECT 1 FROM unnest(changes) ch
            WHERE (SELECT count(*) FROM unnest(roots) r WHERE r.id = ANY (analytics_path_ids(ch.old_path))) <> 1
               OR NOT EXISTS (
                    SELECT 1 FROM unnest(roots) r
                     WHERE r.id = ANY (analytics_path_ids(ch.old_path)) AND r.old_path @> ch.old_path
                       AND ch.new_path = CASE WHEN ch.id = r.id THEN r.new_path
                                              ELSE r.new_path || subpath(ch.old_path, nlevel(r.old_path)) END))
     AND NOT EXISTS (SELECT 1 FROM unnest(roots) r JOIN committees x ON x.path <@ r.old_path)
    INTO whole;

  IF whole THEN
    INSERT INTO committee_member_counts AS t (committee_id, status, exempted, installed, reason, n)
    SELECT a.id, s.status, s.exempted, s.installed, s.reason, sum(s.n * a.sign)::int
      FROM unnest(roots) r
      JOIN committee_member_counts s ON s.committee_id = r.id
      CROSS JOIN LATERAL (SELECT x, -1 FROM unnest(analytics_path_ids(r.old_path)) x WHERE x <> r.id
                          UNION ALL
                          SELECT x, 1 FROM unnest(analytics_path_ids(r.new_path)) x WHERE x <> r.id) AS a(id, sign)
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(s.n * a.sign) <> 0
     ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (committee_id, status, exempted, installed, reason) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO committee_install_days AS t (committee_id, day, installs)
    SELECT a.id, s.day, sum(s.installs * a.sign)::int
      FROM unnest(roots) r
      JOIN committee_install_days s ON s.committee_id = r.id
      CROSS JOIN LATERAL (SELECT x, -1 FROM unnest(analytics_path_ids(r.old_path)) x WHERE x <> r.id
                          UNION ALL
                          SELECT x, 1 FROM unnest(analytics_path_ids(r.new_path)) x WHERE x <> r.id) AS a(id, sign)
     GROUP BY 1, 2 HAVING sum(s.installs * a.sign) <> 0
     ORDER BY 1, 2
    ON CONFLICT (committee_id, day) DO UPDATE SET installs = t.installs + EXCLUDED.installs;
  ELSE
    INSERT INTO committee_member_counts AS t (committee_id, status, exempted, installed, reason, n)
    SELECT a.id, m.status, m.exempted, m.installed_at IS NOT NULL,
           CASE WHEN m.installed_at IS NULL THEN coalesce(m.not_installed_reason, '') ELSE '' END, sum(a.sign)::int
      FROM unnest(changes) ch
      JOIN members m ON m.committee_id = ch.id AND m.end_state IS NULL
      CROSS JOIN LATERAL (SELECT x, -1 FROM unnest(analytics_path_ids(ch.old_path)) x
                          UNION ALL
                          SELECT x, 1 FROM unnest(analytics_path_ids(ch.new_path)) x) AS a(id, sign)
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(a.sign) <> 0
     ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (committee_id, status, exempted, installed, reason) DO UPDATE SET n = t.n + EXCLUDED.n;
    INSERT INTO committee_install_days AS t (committee_id, day, installs)
    SELECT a.id, (m.installed_at AT TIME ZONE ${TZ})::date, sum(a.sign)::int
      FROM unnest(changes) ch
      JOIN members m ON m.committee_id = ch.id AND m.end_state IS NULL AND m.installed_at IS NOT NULL
      CROSS JOIN LATERAL (SELECT x, -1 FROM unnest(analytics_path_ids(ch.old_path)) x
                          UNION ALL
                          SELECT x, 1 FROM unnest(analytics_path_ids(ch.new_path)) x) AS a(id, sign)
     GROUP BY 1, 2 HAVING sum(a.sign) <> 0
     ORDER BY 1, 2
    ON CONFLICT (committee_id, day) DO UPDATE SET installs = t.installs + EXCLUDED.installs;
  END IF;
  RETURN NULL;
END $fn$`,
      `CREATE TRIGGER analytics_committees_moved AFTER UPDATE ON committees REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_committees_moved()`,

      // the register as it is now
      `INSERT INTO committee_member_counts (committee_id, status, exempted, installed, reason, n)
       SELECT a.id, m.status, m.exempted, m.installed_at IS NOT NULL,
              CASE WHEN m.installed_at IS NULL THEN coalesce(m.not_installed_reason, '') ELSE '' END, count(*)::int
         FROM members m JOIN committees c ON c.id = m.committee_id
         CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
        WHERE m.end_state IS NULL
        GROUP BY 1, 2, 3, 4, 5`,
      `INSERT INTO committee_install_days (committee_id, day, installs)
       SELECT a.id, (m.installed_at AT TIME ZONE ${TZ})::date, count(*)::int
         FROM members m JOIN committees c ON c.id = m.committee_id
         CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
        WHERE m.end_state IS NULL AND m.installed_at IS NOT NULL
        GROUP BY 1, 2`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TRIGGER IF EXISTS analytics_committees_moved ON committees`,
      `DROP TRIGGER IF EXISTS analytics_members_deleted ON members`,
      `DROP TRIGGER IF EXISTS analytics_members_updated ON members`,
      `DROP TRIGGER IF EXISTS analytics_members_inserted ON members`,
      `DROP FUNCTION IF EXISTS analytics_committees_moved()`,
      `DROP FUNCTION IF EXISTS analytics_members_deleted()`,
      `DROP FUNCTION IF EXISTS analytics_members_updated()`,
      `DROP FUNCTION IF EXISTS analytics_members_inserted()`,
      `DROP FUNCTION IF EXISTS analytics_apply_member_delta(analytics_member_delta[])`,
      `DROP TYPE IF EXISTS analytics_path_change`,
      `DROP TYPE IF EXISTS analytics_member_delta`,
      `DROP FUNCTION IF EXISTS analytics_path_ids(ltree)`,
      // dropping the partitioned table drops every partition with it
      `DROP TABLE "access_events"`,
      `ALTER TABLE "committee_member_counts" DROP CONSTRAINT "committee_member_counts_committee_id_fkey"`,
      `ALTER TABLE "committee_install_days" DROP CONSTRAINT "committee_install_days_committee_id_fkey"`,
      `ALTER TABLE "content_daily_views" DROP CONSTRAINT "content_daily_views_committee_id_fkey"`,
      `ALTER TABLE "committee_monthly_activity" DROP CONSTRAINT "committee_monthly_activity_committee_id_fkey"`,
      `ALTER TABLE "committee_daily_activity" DROP CONSTRAINT "committee_daily_activity_committee_id_fkey"`,
      `DROP TABLE "member_monthly_activity"`,
      `DROP TABLE "member_daily_activity"`,
      `DROP TABLE "committee_member_counts"`,
      `DROP TABLE "committee_install_days"`,
      `DROP TABLE "content_daily_views"`,
      `DROP TABLE "committee_monthly_activity"`,
      `DROP TABLE "committee_daily_activity"`,
    ]) {
      await q.query(sql);
    }
  }
}
