/**
 * `npm run bench:data -- --members 5600000`: builds the benchmark's national dataset on a real
 * PostgreSQL, into the database `sotay_bench_<members>` (dropped and created again), through the
 * application's own migrations, so that every table, trigger and index is the application's.
 *
 *   --members N        members (default 100000; 1× = 56,000, a 1/100 national shape; 100× = 5,600,000)
 *   --activity A       app opens per member per day (default 0.047, Thái Nguyên 2022: ~4,700 a day for ~100,000 members)
 *   --event-days D     days of access events before today (default 365)
 *
 * Everything is set-based SQL (INSERT … SELECT over generate_series), so the size grows the
 * database's work, not round trips. What is done about the analytics counters:
 * - members are inserted one statement per province WITH the counting triggers on: they are
 *   statement-level (one aggregate per statement over its transition table), so a bulk insert
 *   costs one GROUP BY, not a trigger per row. The counters are then checked against a recount.
 * - access events are generated per member-day in a staging table, inserted into the monthly
 *   partitions (created by the application's PartitionsService) with the primary key dropped and
 *   built again afterwards (one sort instead of millions of random index inserts), and the rollups
 *   (daily, monthly, per member, per content item) are computed from the same member-days and
 *   events, with the definitions of test/factories/analytics.ts (the recount the e2e suite checks).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '../ormconfig.js';
import type { AuditService } from '../src/audit/audit.service.js';
import { hashPassword } from '../src/auth/passwords.js';
import { AppConfig } from '../src/config/app-config.js';
import { localDate } from '../src/common/dates.js';
import { PartitionsRepository } from '../src/analytics/partitions.repository.js';
import { PartitionsService } from '../src/analytics/partitions.service.js';
import { Transactions } from '../src/database/transactions.js';
import { ACTIVITY_TIME_ZONE } from '../src/analytics/analytics.rules.js';
import {
  DOCUMENT_TYPES,
  FAMILY_NAMES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  MIDDLE_FEMALE,
  MIDDLE_MALE,
  NEWS_CATEGORIES,
  NEWS_SOURCES,
  NEWS_TEMPLATES,
  SURVEY_TEXT_ANSWERS,
  TOPIC_TAGS,
  TOPICS,
} from './content-text.js';
import { BASE_MEMBERS, benchDatabaseName, freshDatabase, REPO_ROOT, withClient, type DatasetInfo } from './db.js';
import { buildNationalShape } from './national-shape.js';

/** The password of every account of the benchmark dataset (bench accounts and members alike). */
export const BENCH_PASSWORD = 'Bench@2026-sotay';
/** Staff accounts the benchmark logs in with. */
export const BENCH_ACCOUNTS = {
  admin: 'bench.admin',
  provinceAdmin: 'bench.tinhuy',
  editor: 'bench.editor',
  secretary: 'bench.secretary',
} as const;

export interface DataOptions {
  members: number;
  activity: number;
  eventDays: number;
  log?: (line: string) => void;
}

/** Content per publishing committee (a member's chain reads the central, provincial and subordinate ones). */
const CONTENT = {
  central: { documents: 800, news: 500 },
  province: { documents: 300, news: 700 },
  subordinate: { documents: 20, news: 30 },
} as const;
/** Share of current members answering the national quiz, and their province's survey. */
const QUIZ_SHARE = 0.4;
const SURVEY_SHARE = 0.15;
/** App opens on a day a member uses the app, on average (1 + 0.3). */
const OPENS_PER_ACTIVE_DAY = 1.3;
const TZ = `'${ACTIVITY_TIME_ZONE}'`;

export async function buildDataset(options: DataOptions): Promise<DatasetInfo> {
  const log = options.log ?? ((line: string) => console.log(line));
  const name = benchDatabaseName(options.members);
  const started = Date.now();
  const steps: Record<string, number> = {};
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const out = await work();
    steps[label] = (Date.now() - t0) / 1000;
    log(`  ${label.padEnd(34)} ${steps[label].toFixed(1).padStart(7)} s`);
    return out;
  };
  const asOf = localDate();
  log(`building ${name}: ${options.members.toLocaleString('en')} members (${(options.members / BASE_MEMBERS).toFixed(2)}×), as of ${asOf}`);

  const url = await step('database + migrations', () => freshDatabase(name));
  const shape = buildNationalShape(options.members);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  // a second session: the largest steps run as two statements at once, one per core
  const second = new pg.Client({ connectionString: url });
  await second.connect();
  const q2 = (sql: string, params: unknown[] = []) => second.query(sql, params);
  try {
    await bulkLoadSession(q, 0.20250701);
    await bulkLoadSession(q2, 0.20250702);

    await step('committees', () => insertCommittees(q, shape));
    await step('members (counting triggers on)', () => insertMembers(q, shape, asOf, log));
    await step('accounts', () => insertAccounts(q, shape));
    await step('documents, news, FAQ', () => insertContent(q, shape, asOf));
    await step('surveys and responses', () => insertSurveys(q, shape, asOf));
    await step('partitions (PartitionsService)', () => createPartitions(url));
    await step('access events + rollups', () => insertEvents(q, q2, options, asOf, log));
    await step('a year of branch meetings (triggers on)', () => insertMeetings(q, asOf));
    await step('notifications of the last 90 days', () => insertNotifications(q));
    await step('vacuum analyze', () => q(`VACUUM (ANALYZE)`));
    await step('check counters = recount', () => checkCounters(q));
    await step('check meeting counters = recount', () => checkMeetingCounters(q));

    const rows: Record<string, number> = {};
    for (const table of [
      'committees',
      'members',
      'users',
      'documents',
      'news_items',
      'faqs',
      'surveys',
      'survey_responses',
      'survey_answers',
      'access_events',
      'committee_daily_activity',
      'committee_monthly_activity',
      'member_daily_activity',
      'member_monthly_activity',
      'content_daily_views',
      'committee_member_counts',
      'committee_install_days',
      'meetings',
      'meeting_attendance',
      'committee_meeting_months',
      'notifications',
      'notification_reads',
      'notification_read_watermarks',
    ]) {
      rows[table] = Number((await q(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    }
    const kinds = await q(`SELECT kind, count(*)::int AS n FROM committees GROUP BY kind`);
    for (const r of kinds.rows) rows[`committees.${r.kind}`] = r.n;
    const databaseBytes = Number((await q(`SELECT pg_database_size(current_database()) AS b`)).rows[0].b);
    const info: DatasetInfo = {
      members: options.members,
      scale: options.members / BASE_MEMBERS,
      builtAt: new Date().toISOString(),
      asOf,
      buildSeconds: (Date.now() - started) / 1000,
      steps,
      rows,
      databaseBytes,
      activity: options.activity,
      eventDays: options.eventDays,
    };
    await withClient(url, (c) => c.query(`COMMENT ON DATABASE "${name}" IS ${pg.Client.prototype.escapeLiteral(JSON.stringify(info))}`));
    log(`built ${name} in ${info.buildSeconds.toFixed(0)} s: ${(databaseBytes / 2 ** 30).toFixed(2)} GiB`);
    log(
      `  ${Object.entries(rows)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}`,
    );
    return info;
  } finally {
    await client.end();
    await second.end();
  }
}

/** A bulk load: no waiting for the WAL flush per statement, big sorts in memory, a repeatable draw. */
async function bulkLoadSession(q: Q, seed: number): Promise<void> {
  await q(`SET synchronous_commit = off`);
  // the generator statements are big expressions over millions of rows: LLVM would spend longer compiling them than running them
  await q(`SET jit = off`);
  await q(`SET maintenance_work_mem = '1GB'`);
  await q(`SET work_mem = '256MB'`);
  await q(`SELECT setseed($1)`, [seed]);
}

type Q = (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;

async function chunked<T>(rows: T[], size: number, work: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await work(rows.slice(i, i + size));
}

async function insertCommittees(q: Q, shape: ReturnType<typeof buildNationalShape>): Promise<void> {
  await chunked(shape.committees, 20_000, (c) =>
    q(
      `INSERT INTO committees (id, code, name, kind, parent_id, path, phase, phase_started_at, target_install_rate)
       SELECT t.id, t.code, t.name, t.kind, t.parent_id, t.path::ltree, t.phase, t.started, t.target
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::date[], $9::numeric[])
              AS t(id, code, name, kind, parent_id, path, phase, started, target)`,
      [
        c.map((x) => x.id),
        c.map((x) => x.code),
        c.map((x) => x.name),
        c.map((x) => x.kind),
        c.map((x) => x.parentId),
        c.map((x) => x.path),
        c.map((x) => x.phase),
        c.map((x) => x.phaseStartedAt),
        c.map((x) => x.targetInstallRate),
      ],
    ),
  );
  await q(`SELECT setval(pg_get_serial_sequence('committees', 'id'), (SELECT max(id) FROM committees))`);
  // the rollout history of the levels the dashboard's timeline shows
  await q(
    `INSERT INTO committee_phase_changes (committee_id, from_phase, to_phase, started_on, actor_username, changed_at)
     SELECT id, 'not_started', phase, phase_started_at, 'bench', phase_started_at::timestamp AT TIME ZONE ${TZ} + interval '8 hours'
       FROM committees WHERE kind IN ('central', 'province', 'subordinate') AND phase_started_at IS NOT NULL`,
  );
  await q(
    `CREATE UNLOGGED TABLE bench_holders (committee_id int PRIMARY KEY, province_id int NOT NULL, n int NOT NULL, special boolean NOT NULL, rollout date NOT NULL)`,
  );
  await chunked(shape.holders, 50_000, (h) =>
    q(`INSERT INTO bench_holders SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::boolean[], $5::date[])`, [
      h.map((x) => x.committeeId),
      h.map((x) => x.provinceId),
      h.map((x) => x.members),
      h.map((x) => x.special),
      h.map((x) => x.rollout),
    ]),
  );
}

/**
 * Members with a realistic mix: ages of a Party of 5.6 million (15% under 31, 25% over 60), 5% on
 * probation (admitted within the year), exemptions for older members, 2.5% who left the register
 * (history), and installs after their committee's rollout with the reasons of those who have not:
 * military and police units awaiting approval, the exempted, the elderly, no smartphone.
 * The rules of memberStateProblems hold for every row (admission from 18 to 60, official a year
 * after admission, cards for full members only, no reason when installed).
 */
async function insertMembers(q: Q, shape: ReturnType<typeof buildNationalShape>, asOf: string, log: (l: string) => void): Promise<void> {
  await q(`CREATE TEMP SEQUENCE bench_card_seq`);
  for (const province of shape.provinces) {
    await q(
      `INSERT INTO members (full_name, gender, birth_date, party_card_number, status, admitted_at, official_at, exempted, exempted_at,
                            exempted_reason, phone, email, committee_id, end_state, ended_at, end_reason, not_installed_reason, installed_at)
       WITH x AS MATERIALIZED (
         SELECT h.committee_id, h.special, h.rollout,
                random() AS ra, random() AS rs, random() AS rst, random() AS rx, random() AS rx2, random() AS re, random() AS ri,
                random() AS rd, random() AS rt, random() AS rn1, random() AS rn2, random() AS rn3, random() AS rb, random() AS radm,
                random() AS rp, random() AS rr
           FROM bench_holders h CROSS JOIN LATERAL generate_series(1, h.n)
          WHERE h.province_id = $1
       ), a AS (
         SELECT x.*,
                (CASE WHEN ra < 0.15 THEN 19 + floor(ra / 0.15 * 12) WHEN ra < 0.5 THEN 31 + floor((ra - 0.15) / 0.35 * 15)
                      WHEN ra < 0.75 THEN 46 + floor((ra - 0.5) / 0.25 * 15) WHEN ra < 0.9 THEN 61 + floor((ra - 0.75) / 0.15 * 15)
                      ELSE 76 + floor((ra - 0.9) / 0.1 * 20) END)::int AS age,
                rs < 0.62 AS male
           FROM x
       ), b AS (
         SELECT a.*, ($2::date - make_interval(years => age) - make_interval(days => floor(rb * 360)::int))::date AS birth,
                (age < 20 OR (age <= 60 AND rst < 0.06)) AS probationary
           FROM a
       ), c AS (
         SELECT b.*,
                CASE WHEN probationary THEN $2::date - floor(radm * 350)::int
                     ELSE (birth + interval '18 years')::date
                          + floor(radm * least(($2::date - interval '1 year')::date - (birth + interval '18 years')::date, 42 * 365))::int
                END AS admitted,
                ((male AND age > 60) OR (NOT male AND age > 55)) AND rx < 0.3 OR rx > 0.995 AS exempt,
                CASE WHEN re < 0.025 THEN CASE WHEN age > 70 THEN 'deceased' WHEN re < 0.015 THEN 'transferred_out' ELSE 'resigned' END END AS ended
           FROM b
       ), d AS (
         SELECT c.*,
                ri < CASE WHEN special THEN 0.25 WHEN exempt THEN 0.12 WHEN probationary THEN 0.55
                          WHEN age >= 75 THEN 0.7 WHEN age >= 61 THEN 0.9 ELSE 0.985 END AS installed
           FROM c
       )
       SELECT ($3::text[])[1 + floor(rn1 * 100)::int] || ' '
              || CASE WHEN male THEN ($4::text[])[1 + floor(rn2 * cardinality($4::text[]))::int] ELSE ($5::text[])[1 + floor(rn2 * cardinality($5::text[]))::int] END || ' '
              || CASE WHEN male THEN ($6::text[])[1 + floor(rn3 * cardinality($6::text[]))::int] ELSE ($7::text[])[1 + floor(rn3 * cardinality($7::text[]))::int] END,
              CASE WHEN male THEN 'male' ELSE 'female' END,
              birth,
              CASE WHEN NOT probationary THEN 'DV' || lpad(nextval('bench_card_seq')::text, 9, '0') END,
              CASE WHEN probationary THEN 'probationary' ELSE 'official' END,
              admitted,
              CASE WHEN NOT probationary THEN (admitted + interval '1 year')::date END,
              exempt,
              CASE WHEN exempt THEN greatest(admitted, $2::date - floor(rx2 * 1500)::int) END,
              CASE WHEN exempt THEN CASE WHEN age > 55 THEN 'Tuổi cao, sức khỏe yếu' ELSE 'Ốm đau dài ngày' END END,
              CASE WHEN rp < 0.75 THEN '09' || lpad((floor(rp * 1e9)::bigint % 100000000)::text, 8, '0') END,
              CASE WHEN rp > 0.85 THEN 'dangvien' || floor(rp * 1e9)::bigint || '@thudientu.vn' END,
              committee_id,
              ended,
              CASE WHEN ended IS NOT NULL THEN greatest(admitted, $2::date - floor(re * 40000)::int) END,
              CASE ended WHEN 'deceased' THEN 'Từ trần' WHEN 'transferred_out' THEN 'Chuyển sinh hoạt đảng chính thức' WHEN 'resigned' THEN 'Xin ra khỏi Đảng' END,
              CASE WHEN NOT installed THEN
                CASE WHEN special THEN 'special_unit_pending' WHEN exempt THEN 'exempted' WHEN age >= 70 AND rr < 0.8 THEN 'elderly'
                     WHEN rr < 0.45 THEN 'no_smartphone' WHEN rr < 0.6 THEN 'other' END
              END,
              CASE WHEN installed THEN
                (least($2::date - 1, greatest(rollout, admitted) + floor(-ln(1 - rd) * 40)::int)::timestamp
                   + interval '7 hours' + rt * interval '14 hours') AT TIME ZONE ${TZ}
              END
         FROM d`,
      [province.id, asOf, FAMILY_NAMES, MIDDLE_MALE, MIDDLE_FEMALE, GIVEN_MALE, GIVEN_FEMALE],
    );
    log(`    ${province.name}: ${province.members.toLocaleString('en')} members`);
  }
}

async function insertAccounts(q: Q, shape: ReturnType<typeof buildNationalShape>): Promise<void> {
  // one argon2id hash at the default cost (a password the person chose), shared: hashing millions would take days
  const hash = await hashPassword(BENCH_PASSWORD);
  // every member who installed the app has an account (the member app's login)
  await q(`CREATE TEMP SEQUENCE bench_user_seq`);
  await q(
    `INSERT INTO users (username, password_hash, full_name, role, committee_id, member_id, last_login_at)
     SELECT 'dv' || lpad(nextval('bench_user_seq')::text, 8, '0'), $1, m.full_name, 'member', m.committee_id, m.id, m.installed_at
       FROM members m WHERE m.installed_at IS NOT NULL AND m.end_state IS NULL`,
    [hash],
  );
  const hanoi = shape.provinces.find((p) => p.code === 'HN')!;
  // the secretary of a typical branch of Hà Nội (18-30 current members)
  const branch = await q(
    `SELECT m.committee_id AS id FROM members m JOIN committees c ON c.id = m.committee_id
      WHERE c.kind = 'branch' AND c.path <@ (SELECT path FROM committees WHERE id = $1) AND m.end_state IS NULL
      GROUP BY 1 HAVING count(*) BETWEEN 18 AND 30 ORDER BY 1 LIMIT 1`,
    [hanoi.id],
  );
  const branchId = branch.rows[0]?.id ?? shape.holders.find((h) => h.provinceId === hanoi.id)!.committeeId;
  await q(
    `INSERT INTO users (username, password_hash, full_name, role, committee_id) VALUES
       ($1, $5, 'Quản trị hệ thống (benchmark)', 'admin', NULL),
       ($2, $5, 'Văn phòng Thành ủy Hà Nội (benchmark)', 'committee_admin', $6),
       ($3, $5, 'Ban biên tập (benchmark)', 'editor', $7),
       ($4, $5, 'Bí thư chi bộ (benchmark)', 'secretary', $8)`,
    [
      BENCH_ACCOUNTS.admin,
      BENCH_ACCOUNTS.provinceAdmin,
      BENCH_ACCOUNTS.editor,
      BENCH_ACCOUNTS.secretary,
      hash,
      hanoi.id,
      shape.rootId,
      branchId,
    ],
  );
}

/** Documents and news of the central, provincial and subordinate committees; the national FAQ. */
async function insertContent(q: Q, shape: ReturnType<typeof buildNationalShape>, asOf: string): Promise<void> {
  const editor = (await q(`SELECT id FROM users WHERE username = $1`, [BENCH_ACCOUNTS.editor])).rows[0].id;
  const publishers = `SELECT id, name, kind, CASE kind ${Object.entries(CONTENT)
    .map(([k, v]) => `WHEN '${k}' THEN ${v.documents}`)
    .join(' ')} END AS documents, CASE kind ${Object.entries(CONTENT)
    .map(([k, v]) => `WHEN '${k}' THEN ${v.news}`)
    .join(' ')} END AS news FROM committees WHERE kind IN ('central', 'province', 'subordinate')`;
  await q(
    `INSERT INTO documents (committee_id, title, number, type, issuing_body, issued_on, summary, tags, status, published_at, created_by)
     WITH p AS (${publishers}),
     x AS MATERIALIZED (
       SELECT p.id, p.name, p.kind, i, random() AS rt, random() AS rk, random() AS rs, random() AS rd
         FROM p CROSS JOIN LATERAL generate_series(1, p.documents) AS i
     ), y AS (
       SELECT x.*, 1 + floor(rt * cardinality($1::text[]))::int AS topic, 1 + floor(rk * rk * 7)::int AS type,
              date_trunc('milliseconds', ($2::date - floor(rd * 1100)::int)::timestamp + interval '8 hours' + rs * interval '9 hours')
                AT TIME ZONE ${TZ} AS published
         FROM x
     )
     SELECT id, ($3::text[])[type] || ' số ' || i || '-' || ($4::text[])[type] || CASE kind WHEN 'central' THEN '/TW' WHEN 'province' THEN '/TU' ELSE '/ĐU' END
              || ' về ' || ($1::text[])[topic],
            i || '-' || ($4::text[])[type] || CASE kind WHEN 'central' THEN '/TW' WHEN 'province' THEN '/TU' ELSE '/ĐU' END,
            ($5::text[])[type], name, (published AT TIME ZONE ${TZ})::date,
            'Văn bản của ' || name || ' về ' || ($1::text[])[topic] || '. Nêu rõ quan điểm, mục tiêu, nhiệm vụ và giải pháp; trách nhiệm tổ chức thực hiện của các cấp ủy, tổ chức đảng và đảng viên.',
            ARRAY[($6::text[])[topic]],
            CASE WHEN rs < 0.95 THEN 'published' ELSE 'draft' END,
            CASE WHEN rs < 0.95 THEN published END,
            $7::uuid
       FROM y`,
    [TOPICS, asOf, DOCUMENT_TYPES.map((t) => t[1]), DOCUMENT_TYPES.map((t) => t[2]), DOCUMENT_TYPES.map((t) => t[0]), TOPIC_TAGS, editor],
  );
  await q(
    `INSERT INTO news_items (committee_id, title, summary, body, category, sourced, source_name, source_url, status, published_at, created_by)
     WITH p AS (${publishers}),
     x AS MATERIALIZED (
       SELECT p.id, p.name, i, random() AS rt, random() AS rh, random() AS rc, random() AS rs, random() AS rd, random() AS rsrc
         FROM p CROSS JOIN LATERAL generate_series(1, p.news) AS i
     ), y AS (
       SELECT x.*, ($1::text[])[1 + floor(rt * cardinality($1::text[]))::int] AS topic,
              replace(($2::text[])[1 + floor(rh * cardinality($2::text[]))::int], '%s', name) AS template,
              1 + floor(rsrc * cardinality($4::text[]))::int AS source
         FROM x
     )
     SELECT id, replace(template, '%t', topic),
            'Tin về ' || topic || ' tại ' || name || '.',
            '<p>' || replace(template, '%t', topic) || '.</p><p>Các đại biểu đã thảo luận, thống nhất các giải pháp thực hiện ' || topic || ' trong thời gian tới.</p>',
            ($3::text[])[1 + floor(rc * rc * cardinality($3::text[]))::int],
            rs < 0.6,
            CASE WHEN rs < 0.6 THEN ($4::text[])[source] END,
            CASE WHEN rs < 0.6 THEN ($5::text[])[source] || 'bai-viet-' || i END,
            CASE WHEN rs < 0.97 THEN 'published' ELSE 'draft' END,
            CASE WHEN rs < 0.97 THEN ($6::date - floor(rd * 900)::int)::timestamp AT TIME ZONE ${TZ} + rs * interval '10 hours' END,
            $7::uuid
       FROM y`,
    [TOPICS, NEWS_TEMPLATES, NEWS_CATEGORIES, NEWS_SOURCES.map((s) => s[0]), NEWS_SOURCES.map((s) => s[1]), asOf, editor],
  );
  // the national FAQ: the knowledge base the answer ranking was calibrated on (src/demo/faq-entries.json; questions in test/faq)
  const entries: { question: string; answer: string; category: string; keywords: string[] }[] = JSON.parse(
    readFileSync(join(REPO_ROOT, 'src/demo/faq-entries.json'), 'utf8'),
  );
  await q(
    `INSERT INTO faqs (committee_id, question, answer, category, keywords, published, created_by)
     SELECT $1, t.question, t.answer, t.category, ARRAY(SELECT json_array_elements_text(t.keywords::json)), true, $6
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(question, answer, category, keywords)`,
    [
      shape.rootId,
      entries.map((e) => e.question),
      entries.map((e) => e.answer),
      entries.map((e) => e.category.slice(0, 64)),
      entries.map((e) => JSON.stringify(e.keywords)),
      editor,
    ],
  );
}

/**
 * A national quiz on the XIV Congress resolution (closed, answered by 40% of current members who
 * installed the app) and one open survey per province (anonymous, answered by 15%).
 */
async function insertSurveys(q: Q, shape: ReturnType<typeof buildNationalShape>, asOf: string): Promise<void> {
  const editor = (await q(`SELECT id FROM users WHERE username = $1`, [BENCH_ACCOUNTS.editor])).rows[0].id;
  const quiz = randomUUID();
  await q(
    `INSERT INTO surveys (id, committee_id, title, description, kind, status, opens_at, closes_at, anonymous, results_visibility, pass_mark,
                          published_at, opened_at, closed_at, created_by)
     VALUES ($1, $2, 'Cuộc thi trắc nghiệm tìm hiểu Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng',
             'Năm câu hỏi, mỗi câu một điểm; đạt từ bốn điểm.', 'quiz', 'closed',
             ($3::date - 120)::timestamp AT TIME ZONE ${TZ}, ($3::date - 60)::timestamp AT TIME ZONE ${TZ}, false, 'after_close', 4,
             ($3::date - 121)::timestamp AT TIME ZONE ${TZ}, ($3::date - 120)::timestamp AT TIME ZONE ${TZ}, ($3::date - 60)::timestamp AT TIME ZONE ${TZ}, $4)`,
    [quiz, shape.rootId, asOf, editor],
  );
  await q(
    `INSERT INTO survey_questions (survey_id, position, type, text, required, points)
     SELECT $1, i, 'single', 'Câu ' || i || ': nội dung nào sau đây đúng với Nghị quyết Đại hội XIV?', true, 1 FROM generate_series(1, 5) i`,
    [quiz],
  );
  await q(
    `INSERT INTO survey_options (question_id, position, text, correct)
     SELECT qn.id, k, 'Phương án ' || chr(64 + k), k = 1 + (qn.position % 4) FROM survey_questions qn CROSS JOIN generate_series(1, 4) k WHERE qn.survey_id = $1`,
    [quiz],
  );
  // who answered: a staging table of response ids, so that answers can be linked set-based
  await q(
    `CREATE UNLOGGED TABLE bench_responses AS
     SELECT gen_random_uuid() AS id, m.id AS member_id, m.committee_id, ($2::date - 120 + floor(random() * 60)::int) AS day, random() AS skill
       FROM members m WHERE m.end_state IS NULL AND m.installed_at IS NOT NULL AND random() < $1`,
    [QUIZ_SHARE, asOf],
  );
  await q(
    `CREATE UNLOGGED TABLE bench_quiz_answers AS
     SELECT r.id AS response_id, qn.id AS question_id,
            (SELECT o.id FROM survey_options o WHERE o.question_id = qn.id
              ORDER BY (o.correct AND random() < 0.55 + 0.4 * r.skill) DESC, random() LIMIT 1) AS option_id
       FROM bench_responses r CROSS JOIN survey_questions qn WHERE qn.survey_id = $1`,
    [quiz],
  );
  await q(
    `INSERT INTO survey_participations (survey_id, member_id, committee_id, responded_on) SELECT $1, member_id, committee_id, day FROM bench_responses`,
    [quiz],
  );
  await q(
    `INSERT INTO survey_responses (id, survey_id, member_id, committee_id, submitted_on, score, passed)
     SELECT r.id, $1, r.member_id, r.committee_id, r.day, s.score, s.score >= 4
       FROM bench_responses r
       JOIN (SELECT a.response_id, count(*) FILTER (WHERE o.correct)::int AS score
               FROM bench_quiz_answers a JOIN survey_options o ON o.id = a.option_id GROUP BY 1) s ON s.response_id = r.id`,
    [quiz],
  );
  await q(
    `INSERT INTO survey_answers (response_id, question_id, option_id) SELECT response_id, question_id, option_id FROM bench_quiz_answers`,
  );
  await q(`DROP TABLE bench_quiz_answers`);
  await q(`DROP TABLE bench_responses`);

  // one open survey per province on the quality of branch meetings
  await q(
    `CREATE UNLOGGED TABLE bench_surveys AS
     SELECT gen_random_uuid() AS id, c.id AS committee_id FROM committees c WHERE c.kind = 'province'`,
  );
  await q(
    `INSERT INTO surveys (id, committee_id, title, description, kind, status, opens_at, closes_at, anonymous, results_visibility,
                          published_at, opened_at, created_by)
     SELECT s.id, s.committee_id, 'Khảo sát ý kiến đảng viên về chất lượng sinh hoạt chi bộ năm 2026',
            'Phiếu khảo sát không ghi tên.', 'survey', 'open',
            ($1::date - 30)::timestamp AT TIME ZONE ${TZ}, ($1::date + 30)::timestamp AT TIME ZONE ${TZ}, true, 'after_close',
            ($1::date - 31)::timestamp AT TIME ZONE ${TZ}, ($1::date - 30)::timestamp AT TIME ZONE ${TZ}, $2
       FROM bench_surveys s`,
    [asOf, editor],
  );
  await q(
    `INSERT INTO survey_questions (survey_id, position, type, text, required, min_selections, max_selections)
     SELECT s.id, v.position, v.type, v.text, v.required, v.min_sel, v.max_sel
       FROM bench_surveys s CROSS JOIN (VALUES
         (1, 'single', 'Đồng chí đánh giá chất lượng sinh hoạt chi bộ năm nay thế nào?', true, NULL::int, NULL::int),
         (2, 'multiple', 'Nội dung nào cần tăng cường trong sinh hoạt chi bộ? (tối đa 3)', true, 1, 3),
         (3, 'rating', 'Mức độ hài lòng với Sổ tay đảng viên điện tử (1-5)', true, NULL, NULL),
         (4, 'long_text', 'Ý kiến khác', false, NULL, NULL)) AS v(position, type, text, required, min_sel, max_sel)`,
  );
  await q(
    `INSERT INTO survey_options (question_id, position, text)
     SELECT qn.id, k, (ARRAY['Tốt', 'Khá', 'Trung bình', 'Chưa đạt', 'Sinh hoạt chuyên đề', 'Tự phê bình và phê bình', 'Học tập nghị quyết',
                              'Nắm tình hình đảng viên', 'Kiểm tra, giám sát'])[CASE WHEN qn.position = 1 THEN k ELSE 4 + k END]
       FROM survey_questions qn JOIN bench_surveys s ON s.id = qn.survey_id
       CROSS JOIN LATERAL generate_series(1, CASE WHEN qn.position = 1 THEN 4 ELSE 5 END) k
      WHERE qn.position IN (1, 2)`,
  );
  await q(
    `CREATE UNLOGGED TABLE bench_responses AS
     SELECT gen_random_uuid() AS id, s.id AS survey_id, m.id AS member_id, m.committee_id, ($1::date - floor(random() * 30)::int) AS day,
            random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
       FROM members m JOIN committees c ON c.id = m.committee_id
       JOIN bench_surveys s ON s.committee_id = (string_to_array(c.path::text, '.'))[2]::int
      WHERE m.end_state IS NULL AND m.installed_at IS NOT NULL AND random() < $2`,
    [asOf, SURVEY_SHARE],
  );
  await q(
    `INSERT INTO survey_participations (survey_id, member_id, committee_id, responded_on) SELECT survey_id, member_id, committee_id, day FROM bench_responses`,
  );
  // anonymous: the response names neither the member nor the committee
  await q(
    `INSERT INTO survey_responses (id, survey_id, member_id, committee_id, submitted_on) SELECT id, survey_id, NULL, NULL, day FROM bench_responses`,
  );
  const answers = (position: number, select: string, where = 'true') =>
    q(
      `INSERT INTO survey_answers (response_id, question_id, option_id, text, value)
       SELECT r.id, qn.id, ${select}
         FROM bench_responses r JOIN survey_questions qn ON qn.survey_id = r.survey_id AND qn.position = ${position}
        WHERE ${where}`,
      position === 4 ? [SURVEY_TEXT_ANSWERS] : [],
    );
  const option = (pos: string) => `(SELECT o.id FROM survey_options o WHERE o.question_id = qn.id AND o.position = ${pos})`;
  await answers(1, `${option('1 + floor(r.r1 * r.r1 * 4)::int')}, NULL, NULL`);
  // one to three distinct options of five
  await q(
    `INSERT INTO survey_answers (response_id, question_id, option_id)
     SELECT r.id, qn.id, (SELECT o.id FROM survey_options o WHERE o.question_id = qn.id AND o.position = pick.p)
       FROM bench_responses r JOIN survey_questions qn ON qn.survey_id = r.survey_id AND qn.position = 2
       CROSS JOIN LATERAL (SELECT DISTINCT v.p FROM (VALUES (1 + floor(r.r2 * 5)::int),
                                                           (CASE WHEN r.r5 < 0.6 THEN 1 + floor(r.r5 / 0.6 * 5)::int END),
                                                           (CASE WHEN r.r5 < 0.25 THEN 1 + (floor(r.r2 * 5)::int + 2) % 5 END)) AS v(p)
                            WHERE v.p IS NOT NULL) pick`,
  );
  await answers(3, `NULL, NULL, 5 - floor(r.r3 * r.r3 * 4)::int`);
  // one member in five writes something
  await answers(4, `NULL, ($1::text[])[1 + floor(r.r4 / 0.2 * cardinality($1::text[]))::int], NULL`, 'r.r4 < 0.2');
  await q(`DROP TABLE bench_responses`);
  await q(`DROP TABLE bench_surveys`);
}

/** The monthly partitions of access_events, made by the application's own maintenance. */
async function createPartitions(url: string): Promise<void> {
  const ds = await new DataSource(createDataSourceOptions(url, 2)).initialize();
  try {
    const config = Object.assign(new AppConfig(), { EVENT_RETENTION_MONTHS: 13 });
    // maintain() creates and purges partitions; the audit log is only written by an admin's purge
    await new PartitionsService(new Transactions(ds), new PartitionsRepository(), config, undefined as unknown as AuditService).maintain();
  } finally {
    await ds.destroy();
  }
}

/**
 * A year of usage. Each installed current member uses the app on some days (60% light users,
 * 30% regular, 10% heavy), so that app opens average `activity` per member per day; a day of use
 * holds 1-2 app opens and some views of documents, news, FAQ entries and surveys of their chain
 * (popular items more often). The staging table of member-days is the source of the events and
 * of every rollup, so that both agree exactly.
 */
async function insertEvents(raw: Q, raw2: Q, options: DataOptions, asOf: string, log: (l: string) => void): Promise<void> {
  // each statement's time, to see where a larger size spends it
  const timed =
    (session: Q, tag: string): Q =>
    async (sql, params) => {
      const t0 = Date.now();
      const r = await session(sql, params);
      const what = sql.trim().split('\n')[0].slice(0, 60);
      if (Date.now() - t0 > 1000) log(`      ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${tag} ${what}`);
      return r;
    };
  const q = timed(raw, '[1]');
  const q2 = timed(raw2, '[2]');
  const [{ installed, current }] = (
    await q(
      `SELECT count(*) FILTER (WHERE installed_at IS NOT NULL)::int AS installed, count(*)::int AS current FROM members WHERE end_state IS NULL`,
    )
  ).rows;
  // active-day probability of an installed member, so that opens per (current) member per day = activity
  const perDay = (options.activity / OPENS_PER_ACTIVE_DAY) * (current / Math.max(1, installed));
  const first = addDays(asOf, -options.eventDays);
  const last = addDays(asOf, -1);
  await q(
    `CREATE UNLOGGED TABLE bench_pools AS
     SELECT p.id AS province_id,
            ARRAY(SELECT d.id FROM documents d WHERE d.status = 'published' AND d.committee_id IN (p.parent_id, p.id) ORDER BY d.published_at DESC) AS docs,
            ARRAY(SELECT n.id FROM news_items n WHERE n.status = 'published' AND n.committee_id IN (p.parent_id, p.id) ORDER BY n.published_at DESC) AS news,
            ARRAY(SELECT f.id FROM faqs f WHERE f.published) AS faqs,
            ARRAY(SELECT s.id FROM surveys s WHERE s.committee_id IN (p.parent_id, p.id)) AS surveys
       FROM committees p WHERE p.kind = 'province'`,
  );
  await q(
    `CREATE UNLOGGED TABLE bench_member_days AS
     WITH m0 AS MATERIALIZED (
       SELECT m.id, m.committee_id, (string_to_array(c.path::text, '.'))[2]::int AS province_id,
              greatest($1::date, (m.installed_at AT TIME ZONE ${TZ})::date + 1) AS start, random() AS r, random() AS r2
         FROM members m JOIN committees c ON c.id = m.committee_id
        WHERE m.installed_at IS NOT NULL AND m.end_state IS NULL
     ), m AS (
       SELECT m0.*, CASE WHEN r < 0.6 THEN 0.35 WHEN r < 0.9 THEN 1.5 ELSE 3.9 END * (0.7 + 0.6 * r2) AS weight FROM m0
     ), k AS (
       SELECT m.*, $2::date - start + 1 AS span, round(($2::date - start + 1) * $3::float8 * weight)::int AS days FROM m WHERE start <= $2::date
     )
     SELECT k.id AS member_id, k.committee_id, k.province_id, d.day,
            (1 + (random() < 0.3)::int)::smallint AS opens,
            ((random() < 0.4)::int + (random() < 0.15)::int)::smallint AS v_doc,
            ((random() < 0.5)::int + (random() < 0.2)::int)::smallint AS v_news,
            (random() < 0.2)::int::smallint AS v_other
       FROM k CROSS JOIN LATERAL (SELECT DISTINCT k.start + floor(random() * k.span)::int AS day FROM generate_series(1, k.days)) d`,
    [first, last, perDay],
  );
  const memberDays = Number((await q(`SELECT count(*) AS n FROM bench_member_days`)).rows[0].n);
  log(`    ${memberDays.toLocaleString('en')} member-days from ${first} to ${last}`);

  // the raw events (no index of their own: their key is the ledger access_event_ids, filled after the load)
  const time = (day: string) => `((${day} + time '06:00' + random() * interval '16 hours') AT TIME ZONE ${TZ})`;
  // two halves of whole days with as many member-days each, one per session (ranges of time, so
  // that each session writes, and later reads, only its own partitions)
  const middle: string = (await q(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY day)::text AS d FROM bench_member_days`)).rows[0].d;
  const events = (half: 0 | 1) =>
    `INSERT INTO access_events (id, occurred_at, received_at, member_id, committee_id, committee_path, type, target_type, target_id)
     SELECT gen_random_uuid(), e.at, e.at + random() * interval '30 seconds', md.member_id, md.committee_id, c.path, e.type, e.target_type, e.target_id
       FROM bench_member_days md
       JOIN committees c ON c.id = md.committee_id
       JOIN bench_pools p ON p.province_id = md.province_id
       CROSS JOIN LATERAL (
         SELECT ${time('md.day')} AS at, 'app_open'::varchar AS type, NULL::varchar AS target_type, NULL::uuid AS target_id FROM generate_series(1, md.opens)
         UNION ALL
         SELECT ${time('md.day')}, 'view', 'document', p.docs[1 + floor(random() ^ 3 * cardinality(p.docs))::int] FROM generate_series(1, md.v_doc)
         UNION ALL
         SELECT ${time('md.day')}, 'view', 'news', p.news[1 + floor(random() ^ 3 * cardinality(p.news))::int] FROM generate_series(1, md.v_news)
         UNION ALL
         SELECT ${time('md.day')}, 'view', t.kind, CASE t.kind WHEN 'faq' THEN p.faqs[1 + floor(random() * cardinality(p.faqs))::int]
                                                               ELSE p.surveys[1 + floor(random() * cardinality(p.surveys))::int] END
           FROM generate_series(1, md.v_other), LATERAL (SELECT CASE WHEN random() < 0.7 THEN 'faq' ELSE 'survey' END::varchar AS kind) t
       ) e
      WHERE md.day ${half === 0 ? '<' : '>='} '${middle}'::date`;
  await Promise.all([q(events(0)), q2(events(1))]);

  // the rollups, from the same member-days (a member stands in one committee, so the distinct
  // members of an ancestor are the sum of those of the committees below it), and the views per
  // content item, from the events, in the same two halves
  const contentViews = (half: 0 | 1) =>
    `INSERT INTO content_daily_views (committee_id, day, target_type, target_id, views)
     SELECT a.id, (e.occurred_at AT TIME ZONE ${TZ})::date, e.target_type, e.target_id, count(*)::int
       FROM access_events e CROSS JOIN LATERAL unnest(analytics_path_ids(e.committee_path)) AS a(id)
      WHERE e.target_type IN ('document', 'news')
        AND e.occurred_at ${half === 0 ? '<' : '>='} (timestamp '${middle}' AT TIME ZONE ${TZ})
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  const one = async () => {
    await q(contentViews(0));
    await q(
      `INSERT INTO committee_daily_activity (committee_id, day, visits, views_document, views_news, views_other, unique_members)
       SELECT a.id, l.day, sum(l.visits), sum(l.vd), sum(l.vn), sum(l.vo), sum(l.members)
         FROM (SELECT committee_id, day, sum(opens) AS visits, sum(v_doc) AS vd, sum(v_news) AS vn, sum(v_other) AS vo, count(*) AS members
                 FROM bench_member_days GROUP BY 1, 2) l
         JOIN committees c ON c.id = l.committee_id CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    // the ingestion's dedupe ledger holds every stored id (migrations/1795681305117-analytics-sessions.ts)
    await q(`INSERT INTO access_event_ids (id, occurred_at) SELECT id, occurred_at FROM access_events`);
  };
  const two = async () => {
    await q2(contentViews(1));
    await q2(
      `INSERT INTO member_daily_activity (day, member_id, committee_ids)
       SELECT md.day, md.member_id, analytics_path_ids(c.path) FROM bench_member_days md JOIN committees c ON c.id = md.committee_id ORDER BY 1, 2`,
    );
    await q2(
      `INSERT INTO member_monthly_activity (month, member_id, committee_ids)
       SELECT l.month, l.member_id, analytics_path_ids(c.path)
         FROM (SELECT DISTINCT date_trunc('month', day)::date AS month, member_id, committee_id FROM bench_member_days) l
         JOIN committees c ON c.id = l.committee_id ORDER BY 1, 2`,
    );
    await q2(
      `INSERT INTO committee_monthly_activity (committee_id, month, unique_members)
       SELECT a.id, l.month, sum(l.members)
         FROM (SELECT committee_id, date_trunc('month', day)::date AS month, count(DISTINCT member_id) AS members FROM bench_member_days GROUP BY 1, 2) l
         JOIN committees c ON c.id = l.committee_id CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
  };
  await Promise.all([one(), two()]);
  await q(`DROP TABLE bench_member_days`);
  await q(`DROP TABLE bench_pools`);
  await q(`DROP TABLE bench_holders`);
}

/** Units that meet: committees that keep a members' list (src/committees/committees.rules.ts). */
const UNITS = `SELECT id, path FROM committees WHERE kind IN ('branch', 'grassroots') AND archived_at IS NULL`;

/**
 * A year of branch meetings (issue 16), with the counters of the meeting report kept by the
 * application's triggers (migrations/1796442480804-meeting-report.ts) as they are written:
 * for each of the 12 months before this one, a regular meeting for 88% of the units (12% of them
 * scheduled after the deadline), and in the middle month of each quarter a thematic meeting for a
 * third of them. The last three months carry attendance (every current member invited: exempted
 * members exempt, 82% of the others present or late, the rest excused or not); the meetings are
 * inserted as scheduled, their attendance next, then one statement per month closes them (held), as
 * the app does, so the close trigger sums the attendance.
 */
async function insertMeetings(q: Q, asOf: string): Promise<void> {
  const [y, m] = asOf.split('-').map(Number);
  for (let back = 12; back >= 1; back--) {
    const d = new Date(Date.UTC(y, m - 1 - back, 1));
    const month = d.toISOString().slice(0, 10);
    const label = `${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
    const withAttendance = back <= 3;
    const starts = `(CAST($1 AS date) + (4 + (c.id % 20)) * interval '1 day' + interval '7 hours')`;
    await q(
      `INSERT INTO meetings (committee_id, kind, month, title, status, late, place, starts_at, ends_at, scheduled_at, started_at, held_at)
       SELECT c.id, k.kind, CAST($1 AS date), k.title, CAST($3 AS varchar), k.kind = 'regular' AND random() < 0.12, 'Hội trường ' || c.name,
              ${starts}, ${starts} + interval '2 hours', CAST($1 AS date) - interval '12 days',
              CASE WHEN CAST($3 AS varchar) = 'held' THEN ${starts} END, CASE WHEN CAST($3 AS varchar) = 'held' THEN ${starts} + interval '2 hours' END
         FROM (${UNITS}) u JOIN committees c ON c.id = u.id
         CROSS JOIN LATERAL (VALUES ('regular', 'Sinh hoạt chi bộ thường kỳ tháng ' || $2),
                                    ('thematic', 'Sinh hoạt chuyên đề tháng ' || $2)) AS k(kind, title)
        WHERE (k.kind = 'regular' AND random() < 0.88) OR (k.kind = 'thematic' AND $4 AND random() < 0.34)`,
      [month, label, withAttendance ? 'scheduled' : 'held', d.getUTCMonth() % 3 === 1],
    );
    if (!withAttendance) continue;
    await q(
      `INSERT INTO meeting_attendance (meeting_id, member_id, official, exempt, state, checked_in_at, check_in_method)
       SELECT x.meeting_id, x.member_id, x.official, x.exempted, x.state,
              CASE WHEN x.state IN ('present', 'late') THEN x.starts_at END, CASE WHEN x.state IN ('present', 'late') THEN 'code' END
         FROM (SELECT y.*, CASE WHEN y.exempted THEN 'exempt' WHEN y.r < 0.75 THEN 'present' WHEN y.r < 0.82 THEN 'late'
                                WHEN y.r < 0.94 THEN 'excused' ELSE 'unexcused' END AS state
                 FROM (SELECT mt.id AS meeting_id, mb.id AS member_id, mb.status = 'official' AS official, mb.exempted, mt.starts_at, random() AS r
                         FROM meetings mt JOIN members mb ON mb.committee_id = mt.committee_id AND mb.end_state IS NULL
                        WHERE mt.month = CAST($1 AS date)) y) x`,
      [month],
    );
    await q(
      `UPDATE meetings SET status = 'held', started_at = starts_at, held_at = ends_at WHERE month = CAST($1 AS date) AND status = 'scheduled'`,
      [month],
    );
  }
}

/**
 * The notifications members hold in their inboxes (issue 17), as the app would have published them
 * over the default 90 days they are kept: one row per published document and news item (to the
 * publisher's subtree), per scheduled meeting (to its branch), per bulletin (every provincial and
 * subordinate committee, one a week; the central committee too), and per decided excuse (to its
 * member). Four members with an account in ten have marked all read at some point of the last 60
 * days, and the notices of their branch's meetings are read one time in two.
 */
export async function insertNotifications(q: Q): Promise<void> {
  const ttl = `interval '90 days'`;
  await q(
    `INSERT INTO notifications (kind, title, body, link_type, link_id, audience_committee_id, publish_at, expires_at)
     SELECT 'document_published', left('Văn bản mới: ' || d.title, 300), coalesce(d.summary, ''), 'document', d.id::text, d.committee_id,
            d.published_at, d.published_at + ${ttl}
       FROM documents d WHERE d.status = 'published' AND d.published_at > now() - ${ttl}
     UNION ALL
     SELECT 'news_published', left('Tin mới: ' || n.title, 300), coalesce(n.summary, ''), 'news', n.id::text, n.committee_id,
            n.published_at, n.published_at + ${ttl}
       FROM news_items n WHERE n.status = 'published' AND n.published_at > now() - ${ttl}
     UNION ALL
     SELECT 'meeting_scheduled', left('Lịch sinh hoạt: ' || m.title, 300), 'Địa điểm: ' || coalesce(m.place, ''), 'meeting', m.id::text,
            m.committee_id, m.scheduled_at, m.scheduled_at + ${ttl}
       FROM meetings m WHERE m.scheduled_at > now() - ${ttl} AND m.scheduled_at <= now()
     UNION ALL
     SELECT 'bulletin', 'Thông báo của ' || c.name || ' (tuần ' || w || ')', 'Đề nghị các đồng chí đảng viên nghiên cứu, thực hiện.', NULL, NULL,
            c.id, now() - w * interval '7 days', now() - w * interval '7 days' + ${ttl}
       FROM committees c CROSS JOIN generate_series(0, 12) w WHERE c.kind IN ('central', 'province', 'subordinate')`,
  );
  await q(
    `INSERT INTO notifications (kind, title, body, link_type, link_id, member_id, publish_at, expires_at)
     SELECT 'excuse_decided', left('Đơn xin vắng đã được chấp thuận: ' || m.title, 300), '', 'meeting', m.id::text, a.member_id,
            m.starts_at - interval '1 day', m.starts_at - interval '1 day' + ${ttl}
       FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
      WHERE a.state = 'excused' AND m.starts_at > now() - ${ttl}`,
  );
  await q(
    `INSERT INTO notification_read_watermarks (member_id, read_up_to_at, read_up_to_id)
     SELECT u.member_id, now() - random() * interval '60 days', '00000000-0000-0000-0000-000000000000'
       FROM users u WHERE u.role = 'member' AND u.member_id IS NOT NULL AND random() < 0.4
     -- a member may already have one (the year of meetings reads some notices)
     ON CONFLICT (member_id) DO NOTHING`,
  );
  await q(
    `INSERT INTO notification_reads (member_id, notification_id, read_at)
     SELECT mb.id, n.id, n.publish_at + interval '1 hour'
       FROM users u JOIN members mb ON mb.id = u.member_id AND mb.end_state IS NULL
       JOIN notifications n ON n.audience_committee_id = mb.committee_id AND n.kind = 'meeting_scheduled'
      WHERE u.role = 'member' AND random() < 0.5`,
  );
}

/** The meeting report's counters kept by the triggers equal a recount from the meetings. */
async function checkMeetingCounters(q: Q): Promise<void> {
  const own = `SELECT m.committee_id, m.month, count(*) FILTER (WHERE m.kind = 'regular') AS rh,
                      count(*) FILTER (WHERE m.kind = 'regular' AND NOT m.late) AS ro, count(*) FILTER (WHERE m.kind = 'thematic') AS th,
                      sum(a.e) AS ae, sum(a.a) AS aa
                 FROM meetings m
                 CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE x.state <> 'exempt') AS e, count(*) FILTER (WHERE x.state IN ('present', 'late')) AS a
                                       FROM meeting_attendance x WHERE x.meeting_id = m.id) a
                WHERE m.status IN ('held', 'minutes_locked') GROUP BY 1, 2`;
  const rows = (
    await q(
      `WITH truth AS (
         SELECT a.id AS committee_id, o.month, count(*) FILTER (WHERE o.rh > 0)::int AS units_held, count(*) FILTER (WHERE o.ro > 0)::int AS units_on_time,
                sum(o.rh)::int AS regular_held, sum(o.th)::int AS thematic_held, sum(o.ae)::int AS attendance_expected, sum(o.aa)::int AS attendance_attended
           FROM (${own}) o JOIN (${UNITS}) u ON u.id = o.committee_id CROSS JOIN LATERAL unnest(analytics_path_ids(u.path)) AS a(id)
          GROUP BY 1, 2)
       SELECT count(*)::int AS differ FROM truth t FULL JOIN (SELECT * FROM committee_meeting_months WHERE regular_held <> 0 OR thematic_held <> 0) s
         USING (committee_id, month)
        WHERE (t.units_held, t.units_on_time, t.regular_held, t.thematic_held, t.attendance_expected, t.attendance_attended)
              IS DISTINCT FROM (s.units_held, s.units_on_time, s.regular_held, s.thematic_held, s.attendance_expected, s.attendance_attended)`,
    )
  ).rows;
  if (rows[0].differ !== 0) throw new Error(`committee_meeting_months differs from a recount in ${rows[0].differ} rows`);
}

/** The counters the triggers kept during the bulk insert equal a recount of the register. */
async function checkCounters(q: Q): Promise<void> {
  const rows = (
    await q(
      `WITH truth AS (
         SELECT a.id AS committee_id, m.status, m.exempted, m.installed_at IS NOT NULL AS installed,
                CASE WHEN m.installed_at IS NULL THEN coalesce(m.not_installed_reason, '') ELSE '' END AS reason, count(*)::int AS n
           FROM members m JOIN committees c ON c.id = m.committee_id CROSS JOIN LATERAL unnest(analytics_path_ids(c.path)) AS a(id)
          WHERE m.end_state IS NULL GROUP BY 1, 2, 3, 4, 5)
       SELECT count(*)::int AS differ FROM truth t FULL JOIN (SELECT * FROM committee_member_counts WHERE n <> 0) s
         USING (committee_id, status, exempted, installed, reason) WHERE t.n IS DISTINCT FROM s.n`,
    )
  ).rows;
  if (rows[0].differ !== 0) throw new Error(`committee_member_counts differs from a recount in ${rows[0].differ} rows`);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    // everything after the first '=' is the value (`--app-node-options=--max-semi-space-size=16`)
    const eq = a.indexOf('=');
    const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    if (inline !== undefined) out[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

export const DEFAULT_ACTIVITY = 0.047;
export const DEFAULT_EVENT_DAYS = 365;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const members = Number(args.members ?? 100_000);
  const activity = Number(args.activity ?? DEFAULT_ACTIVITY);
  const eventDays = Number(args['event-days'] ?? DEFAULT_EVENT_DAYS);
  if (!Number.isInteger(members) || members < 1000) throw new Error('--members must be a whole number of at least 1000');
  if (!(activity > 0 && activity < 5)) throw new Error('--activity must be between 0 and 5 app opens per member per day');
  if (!Number.isInteger(eventDays) || eventDays < 1 || eventDays > 390) throw new Error('--event-days must be 1-390');
  await buildDataset({ members, activity, eventDays });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
