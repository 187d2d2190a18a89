import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Views per content item (`content_daily_views`) for every committee, down to the branch: until now
 * the ingestion kept them for central, province and subordinate committees only, and the top-content
 * report answered 400 below them (issue 19 item 12; the measurement that chose this design is in
 * docs/scaling.md, "Views per content item"). No schema change: the rows of grassroots
 * organisations and branches are counted again from the raw events still kept (13 months), with
 * the ingestion's rule (counted document and news views, Vietnam days, the committees of the path
 * recorded with each event). `down` deletes them again.
 */
export class ContentViewsEveryLevel1796540889646 implements MigrationInterface {
  name = 'ContentViewsEveryLevel1796540889646';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO content_daily_views AS t (committee_id, day, target_type, target_id, views)
       SELECT a.id, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, e.target_type, e.target_id, count(*)::int
         FROM access_events e CROSS JOIN LATERAL unnest(analytics_path_ids(e.committee_path)) AS a(id)
         JOIN committees k ON k.id = a.id AND k.kind IN ('grassroots', 'branch')
        WHERE e.counted AND e.target_type IN ('document', 'news')
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4
       ON CONFLICT (committee_id, day, target_type, target_id) DO UPDATE SET views = EXCLUDED.views`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM content_daily_views v USING committees k WHERE k.id = v.committee_id AND k.kind IN ('grassroots', 'branch')`,
    );
  }
}
