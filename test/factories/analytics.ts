import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { DataSource } from 'typeorm';

/** Analytics factories: events as the app sends them, and the recount every rollup must equal. */

export interface SentEvent {
  id: string;
  type: 'app_open' | 'view';
  targetType?: 'document' | 'news' | 'faq' | 'survey';
  targetId?: string;
  occurredAt: string;
}

/** The instant `hh:mm` (Vietnam time) of a Vietnam date, as the app would send it. */
export const at = (day: string, time = '09:00') => `${day}T${time}:00.000+07:00`;

export const appOpen = (occurredAt: string, id = randomUUID()): SentEvent => ({ id, type: 'app_open', occurredAt });

export const view = (
  targetType: 'document' | 'news' | 'faq' | 'survey',
  targetId: string,
  occurredAt: string,
  id = randomUUID(),
): SentEvent => ({
  id,
  type: 'view',
  targetType,
  targetId,
  occurredAt,
});

/** POST /api/me/events with a member's token. */
export function sendEvents(http: () => ReturnType<typeof request>, token: string, events: unknown[]) {
  return http().post('/api/me/events').set('Authorization', `Bearer ${token}`).send({ events });
}

/** A Vietnam date `n` days before today. */
export function daysAgo(n: number): string {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  return fmt.format(new Date(Date.now() - n * 86_400_000));
}

const ANCESTORS = (path: string) => `string_to_array(${path}::text, '.')::int[]`;
const DAY = (col: string) => `(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** The default of EVENTS_MAX_COUNTED_PER_MEMBER_DAY (src/config/app-config.ts). */
export const DEFAULT_EVENTS_CAP = 300;

/**
 * The raw events with, for each, whether it begins a visit: the first of its member's Vietnam day
 * (by occurredAt, then id) or 30 minutes or more after the one before; and its member-day's total.
 */
export const SESSIONIZED = `
  SELECT e.*, ${DAY('e.occurred_at')} AS day,
         CASE WHEN e.occurred_at - lag(e.occurred_at) OVER w < interval '30 minutes' THEN 0 ELSE 1 END AS visit,
         count(*) OVER (PARTITION BY e.member_id, ${DAY('e.occurred_at')}) AS day_events
    FROM access_events e
  WINDOW w AS (PARTITION BY e.member_id, ${DAY('e.occurred_at')} ORDER BY e.occurred_at, e.id)`;

/**
 * Every difference between what the counters and rollups hold and a recount from the raw rows
 * (members against the committees' current paths; events against the path they were recorded
 * with). Empty when they agree exactly. Rows with a zero count are the same as no row. Visits are
 * sessions (each counted on the path of its first event); views count the events within the
 * member's first `cap` of the day; over-rate members are those with more, in every committee they
 * were seen in that day.
 */
export async function analyticsDiscrepancies(db: DataSource, cap = DEFAULT_EVENTS_CAP): Promise<string[]> {
  const diff = async (name: string, truth: string, stored: string, keys: string[], value: string) => {
    const rows: Record<string, unknown>[] = await db.query(
      `WITH truth AS (${truth}), stored AS (${stored})
       SELECT ${keys.map((k) => `coalesce(t.${k}, s.${k}) AS ${k}`).join(', ')}, t.${value} AS expected, s.${value} AS actual
         FROM truth t FULL JOIN stored s USING (${keys.join(', ')})
        WHERE t.${value} IS DISTINCT FROM s.${value}
        ORDER BY 1, 2`,
    );
    return rows.map((r) => `${name} ${JSON.stringify(r)}`);
  };
  return [
    ...(await diff(
      'committee_member_counts',
      `SELECT a.id AS committee_id, m.status, m.exempted, m.installed_at IS NOT NULL AS installed,
              CASE WHEN m.installed_at IS NULL THEN coalesce(m.not_installed_reason, '') ELSE '' END AS reason, count(*)::int AS n
         FROM members m JOIN committees c ON c.id = m.committee_id JOIN committees a ON a.path @> c.path
        WHERE m.end_state IS NULL GROUP BY 1, 2, 3, 4, 5`,
      `SELECT committee_id, status, exempted, installed, reason, n FROM committee_member_counts WHERE n <> 0`,
      ['committee_id', 'status', 'exempted', 'installed', 'reason'],
      'n',
    )),
    ...(await diff(
      'committee_install_days',
      `SELECT a.id AS committee_id, ${DAY('m.installed_at')} AS day, count(*)::int AS installs
         FROM members m JOIN committees c ON c.id = m.committee_id JOIN committees a ON a.path @> c.path
        WHERE m.end_state IS NULL AND m.installed_at IS NOT NULL GROUP BY 1, 2`,
      `SELECT committee_id, day, installs FROM committee_install_days WHERE installs <> 0`,
      ['committee_id', 'day'],
      'installs',
    )),
    ...(await diff(
      'committee_daily_activity',
      `SELECT a.id AS committee_id, e.day,
              json_build_array(sum(e.visit), count(*) FILTER (WHERE e.counted AND e.target_type = 'document'),
                               count(*) FILTER (WHERE e.counted AND e.target_type = 'news'),
                               count(*) FILTER (WHERE e.counted AND e.target_type IN ('faq', 'survey')),
                               count(DISTINCT e.member_id), count(DISTINCT e.member_id) FILTER (WHERE e.day_events > ${Number(cap)}))::text AS v
         FROM (${SESSIONIZED}) e CROSS JOIN LATERAL unnest(${ANCESTORS('e.committee_path')}) AS a(id)
        GROUP BY 1, 2`,
      `SELECT committee_id, day, json_build_array(visits, views_document, views_news, views_other, unique_members, over_rate_members)::text AS v
         FROM committee_daily_activity`,
      ['committee_id', 'day'],
      'v',
    )),
    ...(await diff(
      'counted events per member-day',
      `SELECT member_id, ${DAY('occurred_at')} AS day, least(count(*), ${Number(cap)})::int AS n FROM access_events GROUP BY 1, 2`,
      `SELECT member_id, ${DAY('occurred_at')} AS day, count(*)::int AS n FROM access_events WHERE counted GROUP BY 1, 2`,
      ['member_id', 'day'],
      'n',
    )),
    ...(await diff(
      'access_event_ids',
      `SELECT id, occurred_at FROM access_events`,
      `SELECT id, occurred_at FROM access_event_ids`,
      ['id'],
      'occurred_at',
    )),
    ...(await diff(
      'committee_monthly_activity',
      `SELECT a.id AS committee_id, date_trunc('month', ${DAY('e.occurred_at')})::date AS month, count(DISTINCT e.member_id)::int AS n
         FROM access_events e CROSS JOIN LATERAL unnest(${ANCESTORS('e.committee_path')}) AS a(id)
        GROUP BY 1, 2`,
      `SELECT committee_id, month, unique_members AS n FROM committee_monthly_activity`,
      ['committee_id', 'month'],
      'n',
    )),
    ...(await diff(
      'content_daily_views',
      `SELECT a.id AS committee_id, ${DAY('e.occurred_at')} AS day, e.target_type, e.target_id, count(*)::int AS views
         FROM access_events e CROSS JOIN LATERAL unnest(${ANCESTORS('e.committee_path')}) AS a(id)
        WHERE e.counted AND e.target_type IN ('document', 'news')
        GROUP BY 1, 2, 3, 4`,
      `SELECT committee_id, day, target_type, target_id, views FROM content_daily_views`,
      ['committee_id', 'day', 'target_type', 'target_id'],
      'views',
    )),
  ];
}
