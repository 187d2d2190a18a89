import type { EntityManager } from 'typeorm';
import { MEMBER_HOLDING_KINDS } from '../committees/committees.rules.js';
import { subtreeOf } from '../common/scope.js';
import { dropForeignKeysUntilChecked } from './bulk-load.js';
import { DEMO_AGENDA_CLOSING, DEMO_AGENDA_OPENING, DEMO_MEETING_TEXT, demoGuidance } from './demo-meetings.js';

const TZ = `'Asia/Ho_Chi_Minh'`;
/** A draw in 0-99 from the text `key`, the same on every seed (no random(): the demo is reproducible). */
const draw = (key: string) => `(abs(hashtext(${key})) % 100)`;
/** The tables written in bulk below: their foreign keys are checked once, after the inserts (bulk-load.ts). */
const BULK_TABLES = [
  'meetings',
  'meeting_agenda_items',
  'meeting_attendance',
  'meeting_excuses',
  'meeting_motions',
  'motion_votes',
  'motion_voters',
  'meeting_tasks',
];
/** Months of held meetings before this one. */
export const DEMO_MEETING_MONTHS = 12;

/**
 * A year of branch meetings for the demo province, written in bulk (one statement per table):
 * the provincial committee's guidance for each month (and the next), and for every unit (a branch
 * or a grassroots organisation) a regular meeting a month — one unit in ten is weak and skips
 * nearly half of them, the others about one in twenty; about one in eight is scheduled after the
 * deadline — a thematic meeting in the middle month of each quarter for two units in five, and next
 * month's meeting already scheduled by half of them. Held meetings carry their attendance (every
 * current member invited; exempted members exempt), accepted excuses, an open vote and for some a
 * secret one with their results, the minutes (locked once two days old) and the tasks assigned.
 * The meeting report's counters follow by their triggers (migrations/1796442480804-meeting-report.ts).
 * Only into a province without meetings; `now` fixes which meetings lie in the past. The foreign keys
 * of these tables are checked once, after the inserts (`keys` in the steps), not row by row.
 */
export async function seedDemoMeetings(
  m: EntityManager,
  provinceId: number,
  provincePath: string,
  now: Date,
): Promise<{ meetings: number; steps: Record<string, number> }> {
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n FROM meetings WHERE committee_id IN (SELECT id FROM committees WHERE ${subtreeOf('path', '$1')})`,
    [provincePath],
  );
  if (n > 0) return { meetings: 0, steps: {} };
  const steps: Record<string, number> = {};
  const timed = async <T>(label: string, work: Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const out = await work;
    steps[label] = Date.now() - t0;
    return out;
  };
  const [{ month: current }] = await m.query(`SELECT date_trunc('month', $1::timestamptz AT TIME ZONE ${TZ})::date::text AS month`, [now]);
  const [cy, cm] = (current as string).split('-').map(Number);
  const months = Array.from({ length: DEMO_MEETING_MONTHS + 2 }, (_, i) => {
    const d = new Date(Date.UTC(cy, cm - 1 - DEMO_MEETING_MONTHS + i, 1));
    return d.toISOString().slice(0, 10);
  });
  const [secretary] = await m.query(`SELECT id FROM users WHERE username = 'tinhuy'`);

  // the guidance: published on day 10 of the month before, 08:00
  await timed(
    'guidance',
    m.query(
      `INSERT INTO meeting_guidance (committee_id, month, title, topics, published_at, created_by)
     SELECT $1, r.month, r.title, r.topics,
            least($3::timestamptz, ((r.month - interval '1 month' + interval '9 days 8 hours') AT TIME ZONE ${TZ})), $4
       FROM jsonb_to_recordset($2::jsonb) AS r(month date, title text, topics jsonb)`,
      [provinceId, JSON.stringify(demoGuidance(months)), now, secretary?.id ?? null],
    ),
  );

  const checkKeys = await dropForeignKeysUntilChecked(m, BULK_TABLES);
  const starts = `((d.month + (d.day - 1) * interval '1 day' + interval '14 hours') AT TIME ZONE ${TZ})`;
  const late = `(k.kind = 'regular' AND d.k >= 0 AND ${draw(`d.code || 'late' || d.month`)} < 12)`;
  // scheduled by day 12 of the month before (on time), or day 23 (late); never after now
  const scheduled = `least($3::timestamptz, ((d.month - interval '1 month' + (CASE WHEN ${late} THEN 22 ELSE 11 END) * interval '1 day' + interval '9 hours') AT TIME ZONE ${TZ}))`;
  const [{ count: meetings }] = await timed<{ count: number }[]>(
    'meetings',
    m.query(
      `WITH units AS (
       SELECT c.id, c.code, c.name FROM committees c
        WHERE ${subtreeOf('c.path', '$1')} AND c.kind = ANY ($5::text[]) AND c.archived_at IS NULL),
     d AS (
       SELECT u.id, u.code, u.name, mo.month, mo.k, 4 + (u.id % 18) AS day,
              ${draw(`u.code || mo.month`)} AS r, ${draw(`u.code`)} % 10 = 0 AS weak
         FROM units u
        CROSS JOIN LATERAL (SELECT (CAST($2 AS date) - make_interval(months => k))::date AS month, k FROM generate_series(-1, ${DEMO_MEETING_MONTHS}) k) mo),
     ins AS (
       INSERT INTO meetings (committee_id, kind, month, title, status, late, place, starts_at, ends_at, scheduled_at, started_at, held_at,
                             guidance_id, minutes_summary, minutes_conclusions, minutes_locked_at)
       SELECT d.id, k.kind, d.month,
              CASE WHEN k.kind = 'regular' THEN $6 || ' ' || extract(month FROM d.month) || '/' || extract(year FROM d.month)
                   ELSE $7 || ' ' || extract(quarter FROM d.month) || '/' || extract(year FROM d.month) END,
              CASE WHEN ${starts} > $3::timestamptz THEN 'scheduled'
                   WHEN ${starts} + interval '2 days 2 hours' < $3::timestamptz THEN 'minutes_locked' ELSE 'held' END,
              ${late}, 'Nhà văn hóa ' || d.name, ${starts}, ${starts} + interval '2 hours', ${scheduled},
              CASE WHEN ${starts} <= $3::timestamptz THEN ${starts} END,
              CASE WHEN ${starts} <= $3::timestamptz THEN ${starts} + interval '2 hours' END,
              (SELECT g.id FROM meeting_guidance g WHERE g.committee_id = $4 AND g.month = d.month),
              CASE WHEN ${starts} <= $3::timestamptz THEN $8 END, CASE WHEN ${starts} <= $3::timestamptz THEN $9 END,
              CASE WHEN ${starts} + interval '2 days 2 hours' < $3::timestamptz THEN ${starts} + interval '2 days' END
         FROM d CROSS JOIN (VALUES ('regular'), ('thematic')) AS k(kind)
        WHERE (k.kind = 'regular' AND CASE WHEN d.k = -1 THEN d.r < 50 WHEN d.weak THEN d.r >= 45 ELSE d.r >= 5 END)
           OR (k.kind = 'thematic' AND d.k >= 0 AND extract(month FROM d.month)::int % 3 = 2 AND ${draw(`d.code || 'tk' || d.month`)} < 40)
       RETURNING 1)
     SELECT count(*)::int AS count FROM ins`,
      [
        provincePath,
        current,
        now,
        provinceId,
        MEMBER_HOLDING_KINDS,
        DEMO_MEETING_TEXT.regularTitle,
        DEMO_MEETING_TEXT.thematicTitle,
        DEMO_MEETING_TEXT.summary,
        DEMO_MEETING_TEXT.conclusions,
      ],
    ),
  );
  const inProvince = `m.committee_id IN (SELECT id FROM committees WHERE ${subtreeOf('path', '$1')})`;

  // the agenda: the opening item, the month's guidance topics, the closing item; a thematic meeting its theme
  await timed(
    'agenda',
    m.query(
      `INSERT INTO meeting_agenda_items (meeting_id, position, title, description, presenter_name)
     SELECT m.id, 1, $2, NULL, 'Bí thư chi bộ' FROM meetings m WHERE ${inProvince} AND m.kind = 'regular'
     UNION ALL
     SELECT m.id, 1 + t.ord::int, t.value->>'title', t.value->>'description', 'Phó Bí thư chi bộ'
       FROM meetings m JOIN meeting_guidance g ON g.id = m.guidance_id CROSS JOIN LATERAL jsonb_array_elements(g.topics) WITH ORDINALITY AS t(value, ord)
      WHERE ${inProvince} AND m.kind = 'regular'
     UNION ALL
     SELECT m.id, 2 + coalesce(jsonb_array_length(g.topics), 0), $3, NULL, 'Bí thư chi bộ'
       FROM meetings m LEFT JOIN meeting_guidance g ON g.id = m.guidance_id WHERE ${inProvince} AND m.kind = 'regular'
     UNION ALL
     SELECT m.id, 1, m.title, 'Báo cáo viên của Ban Tuyên giáo trình bày chuyên đề; đảng viên liên hệ bản thân.', 'Báo cáo viên Ban Tuyên giáo'
       FROM meetings m WHERE ${inProvince} AND m.kind = 'thematic'`,
      [provincePath, DEMO_AGENDA_OPENING, DEMO_AGENDA_CLOSING],
    ),
  );

  // attendance: every current member of the unit; states drawn per member and meeting
  await timed(
    'attendance',
    m.query(
      `INSERT INTO meeting_attendance (meeting_id, member_id, official, exempt, hold, state, checked_in_at, check_in_method)
     SELECT x.meeting_id, x.member_id, x.official, x.exempted, x.hold, x.state,
            CASE WHEN x.state = 'present' THEN x.starts_at - interval '5 minutes' WHEN x.state = 'late' THEN x.starts_at + interval '25 minutes' END,
            CASE WHEN x.state IN ('present', 'late') THEN CASE WHEN x.r % 5 = 0 THEN 'secretary' ELSE 'code' END END
       FROM (SELECT h.*, CASE WHEN h.status = 'scheduled' THEN 'invited' WHEN h.exempted THEN 'exempt'
                              WHEN h.hold IS NOT NULL THEN 'excused' WHEN h.r < 78 THEN 'present'
                              WHEN h.r < 84 THEN 'late' WHEN h.r < 94 THEN 'excused' ELSE 'unexcused' END AS state
               FROM (SELECT m.id AS meeting_id, m.status, mb.id AS member_id, mb.status = 'official' AS official, mb.exempted, m.starts_at, y.r,
                            -- the member's activity hold as the invitation would have snapshotted it (meetings.rules.ts closingState)
                            CASE WHEN mb.activity_hold_since <= (m.starts_at AT TIME ZONE ${TZ})::date THEN mb.activity_hold END AS hold
                       FROM meetings m JOIN members mb ON mb.committee_id = m.committee_id AND mb.end_state IS NULL
                       CROSS JOIN LATERAL (SELECT ${draw(`m.id::text || mb.id::text`)} AS r) y
                      WHERE ${inProvince}) h) x`,
      [provincePath],
    ),
  );
  await timed(
    'excuses',
    m.query(
      `INSERT INTO meeting_excuses (meeting_id, member_id, reason, status, decided_at, decision_note, created_at)
     SELECT a.meeting_id, a.member_id, ($2::text[])[1 + ${draw(`a.member_id::text`)} % cardinality($2::text[])], 'accepted',
            m.starts_at - interval '1 day', 'Chi ủy đồng ý', m.starts_at - interval '2 days'
       FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
      WHERE ${inProvince} AND a.state = 'excused' AND a.hold IS NULL`,
      [provincePath, DEMO_MEETING_TEXT.excuse],
    ),
  );

  // votes in the regular meetings of the last three months: an open one in each, a secret one in some
  const recent = `${inProvince} AND m.kind = 'regular' AND m.status IN ('held', 'minutes_locked') AND m.month >= CAST($2 AS date) - interval '3 months'`;
  await timed(
    'motions',
    m.query(
      `INSERT INTO meeting_motions (meeting_id, position, title, secret, status, opened_at, closed_at)
     SELECT m.id, 1, $3, false, 'closed', m.starts_at + interval '90 minutes', m.starts_at + interval '95 minutes' FROM meetings m WHERE ${recent}
     UNION ALL
     SELECT m.id, 2, $4, true, 'closed', m.starts_at + interval '100 minutes', m.starts_at + interval '105 minutes'
       FROM meetings m WHERE ${recent} AND ${draw(`m.id::text || 'secret'`)} < 30`,
      [provincePath, current, DEMO_MEETING_TEXT.openMotion, DEMO_MEETING_TEXT.secretMotion],
    ),
  );
  // open: who chose what; secret: only the has-voted markers (the counts are set below, no ballot carries a member)
  await timed(
    'votes',
    m.query(
      `INSERT INTO motion_votes (motion_id, member_id, choice, other_text, voted_at)
     SELECT mo.id, a.member_id, v.choice, CASE WHEN v.choice = 'other' THEN $3 END, mo.opened_at + interval '2 minutes'
       FROM meeting_motions mo JOIN meetings m ON m.id = mo.meeting_id
       JOIN meeting_attendance a ON a.meeting_id = m.id AND a.official AND a.state IN ('present', 'late')
      CROSS JOIN LATERAL (SELECT CASE WHEN ${draw(`a.member_id::text || mo.id::text`)} < 90 THEN 'agree'
                                      WHEN ${draw(`a.member_id::text || mo.id::text`)} < 96 THEN 'disagree' ELSE 'other' END AS choice) v
      WHERE ${recent} AND NOT mo.secret`,
      [provincePath, current, DEMO_MEETING_TEXT.otherOpinion],
    ),
  );
  await timed(
    'voters',
    m.query(
      `INSERT INTO motion_voters (motion_id, member_id)
     SELECT mo.id, a.member_id FROM meeting_motions mo JOIN meetings m ON m.id = mo.meeting_id
       JOIN meeting_attendance a ON a.meeting_id = m.id AND a.official AND a.state IN ('present', 'late')
      WHERE ${recent} AND mo.secret`,
      [provincePath, current],
    ),
  );
  await timed(
    'results',
    m.query(
      `UPDATE meeting_motions mo SET agree_count = c.agree, disagree_count = c.disagree, other_count = c.other,
            denominator = c.denominator, passed = c.denominator > 0 AND c.agree * 2 > c.denominator
       FROM (SELECT mo2.id,
                    CASE WHEN mo2.secret THEN (SELECT count(*) FROM motion_voters v WHERE v.motion_id = mo2.id)
                                              - (SELECT count(*) FILTER (WHERE ${draw(`v.member_id::text`)} < 8) FROM motion_voters v WHERE v.motion_id = mo2.id)
                         ELSE (SELECT count(*) FROM motion_votes v WHERE v.motion_id = mo2.id AND v.choice = 'agree') END::int AS agree,
                    CASE WHEN mo2.secret THEN (SELECT count(*) FILTER (WHERE ${draw(`v.member_id::text`)} < 8) FROM motion_voters v WHERE v.motion_id = mo2.id)
                         ELSE (SELECT count(*) FROM motion_votes v WHERE v.motion_id = mo2.id AND v.choice = 'disagree') END::int AS disagree,
                    CASE WHEN mo2.secret THEN 0
                         ELSE (SELECT count(*) FROM motion_votes v WHERE v.motion_id = mo2.id AND v.choice = 'other') END::int AS other,
                    (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mo2.meeting_id AND a.official
                        AND (a.state IN ('present', 'late') OR NOT (a.exempt OR a.state = 'excused')))::int AS denominator
               FROM meeting_motions mo2 JOIN meetings m ON m.id = mo2.meeting_id WHERE ${recent}) c
      WHERE mo.id = c.id`,
      [provincePath, current],
    ),
  );

  // tasks: one for a member (the first full member present, by draw) and one for the branch committee;
  // those due before now are done, marked by the member's own account or else the branch secretary
  await timed(
    'tasks',
    m.query(
      `WITH secretaries AS (SELECT DISTINCT ON (committee_id) committee_id, id FROM users WHERE role = 'secretary' ORDER BY committee_id, id)
     INSERT INTO meeting_tasks (meeting_id, title, assignee_member_id, due_on, done_at, done_by, created_at)
     SELECT t.meeting_id, t.title, t.assignee, t.due_on, CASE WHEN t.done_by IS NOT NULL THEN t.due_on - interval '3 days' END, t.done_by, t.held_at
       FROM (SELECT m.id AS meeting_id, ($3::text[])[1 + ${draw(`m.id::text`)} % cardinality($3::text[])] AS title, a.member_id AS assignee,
                    (m.month + interval '1 month 14 days')::date AS due_on, m.held_at,
                    CASE WHEN (m.month + interval '1 month 11 days') < CAST($2 AS date) THEN coalesce(mu.id, s.id) END AS done_by
               FROM meetings m
               LEFT JOIN LATERAL (SELECT x.member_id FROM meeting_attendance x WHERE x.meeting_id = m.id AND x.official AND x.state = 'present'
                                   ORDER BY ${draw(`x.member_id::text`)}, x.member_id LIMIT 1) a ON true
               LEFT JOIN users mu ON mu.member_id = a.member_id
               LEFT JOIN secretaries s ON s.committee_id = m.committee_id
              WHERE ${inProvince} AND m.kind = 'regular' AND m.status IN ('held', 'minutes_locked')
             UNION ALL
             SELECT m.id, $4, NULL, (m.month + interval '1 month 20 days')::date, m.held_at,
                    CASE WHEN (m.month + interval '1 month 17 days') < CAST($2 AS date) THEN s.id END
               FROM meetings m LEFT JOIN secretaries s ON s.committee_id = m.committee_id
              WHERE ${inProvince} AND m.kind = 'regular' AND m.status = 'minutes_locked') t`,
      [provincePath, current, DEMO_MEETING_TEXT.tasks, 'Chi ủy tổng hợp kết quả, báo cáo Đảng ủy cấp trên'],
    ),
  );
  await timed('keys', checkKeys());
  return { meetings, steps };
}
