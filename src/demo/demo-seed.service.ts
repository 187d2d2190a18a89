import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EventsService } from '../analytics/events.service.js';
import { AccountsBootstrap } from '../auth/accounts-bootstrap.service.js';
import { hashPassword } from '../auth/passwords.js';
import { REPO_ROOT } from '../common/repo-root.js';
import { AppConfig } from '../config/app-config.js';
import { LOCK_KEYS, withAdvisoryLock } from '../database/advisory-lock.js';
import { localDate } from '../common/dates.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { DEMO_DOCUMENTS, DEMO_NEWS, DEMO_SURVEYS } from './demo-content.js';
import { buildDemoProvince, DEMO_PROVINCE_CODE, type DemoCommittee, type DemoMember } from './demo-province.js';
import { seedDemoMeetings } from './demo-meetings.repository.js';
import { seedDemoNotifications } from './demo-notifications.js';
import { demoUsage, type UsageContent, type UsageMember } from './demo-usage.js';
import { subtreeOf } from '../common/scope.js';

const BATCH = 1000;
const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);
/** A log line's breakdown of milliseconds by step: `committees 120, members 3400`. */
const stepTimes = (steps: Record<string, number>) =>
  Object.entries(steps)
    .map(([step, ms]) => `${step} ${ms}`)
    .join(', ');
/** Days of app use the demo province starts with (the dashboard's default window is 90 days). */
const DEMO_USAGE_DAYS = 90;
/** Members whose app history goes through the ingestion in one statement. */
const USAGE_BATCH_MEMBERS = 100;

/**
 * Seeds the demo province (committees, members, one account per role, and what members read: see
 * demo-content.ts). Idempotent: committees and accounts are keyed by code and username; members
 * are only generated into a province that has none, content into a province that has none.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly accounts: AccountsBootstrap,
    private readonly events: EventsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.accounts.ensureConfiguredAdmin();
    if (this.config.seedDemo) await this.seedDemo(this.config.DEMO_MEMBERS);
  }

  /** Seeding runs one at a time in this process (the advisory lock below is per session, and the
   * embedded database serves every connection of the process from one session). */
  private seeding: Promise<void> = Promise.resolve();

  /**
   * Several processes may start at once on one server (a cluster, or `npm run seed` beside a
   * running server): one seeds at a time, and the next finds everything in place and adds nothing.
   */
  seedDemo(memberCount: number): Promise<void> {
    const run = this.seeding.then(() => withAdvisoryLock(this.db, LOCK_KEYS.demoSeed, () => this.seedDemoLocked(memberCount)));
    this.seeding = run.catch(() => undefined);
    return run;
  }

  private async seedDemoLocked(memberCount: number): Promise<void> {
    const started = Date.now();
    // what each part of the seed took (ms), for the log line below
    const steps: Record<string, number> = {};
    const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const t0 = Date.now();
      const out = await work();
      steps[label] = Date.now() - t0;
      return out;
    };
    // the seed's day places the recent rollout wave (demo-province.ts recentWave) in the last weeks
    const province = await timed('generate', async () => buildDemoProvince({ members: memberCount, today: localDate(new Date()) }));
    const created = await this.db.transaction(async (m) => {
      const ids = await timed('committees', () => this.upsertCommittees(m, province.committees));
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM members WHERE committee_id IN (SELECT id FROM committees WHERE ${subtreeOf('path', '(SELECT path FROM committees WHERE code = $1)')})`,
        [DEMO_PROVINCE_CODE],
      );
      const inserted = n === 0 ? await timed('members', () => this.insertMembers(m, province.members, ids)) : 0;
      await timed('accounts', () => this.upsertAccounts(m, province.committees, ids));
      await timed('content', () => this.seedContent(m, ids));
      const provinceRow = ids.get(DEMO_PROVINCE_CODE)!;
      const { meetings, steps: meetingSteps } = await timed('meetings', () =>
        seedDemoMeetings(m, provinceRow.id, provinceRow.path, new Date()),
      );
      if (meetings) {
        this.logger.log(`demo meetings seeded: ${meetings} meetings over a year in ${steps.meetings} ms (${stepTimes(meetingSteps)})`);
      }
      const notified = await timed('notifications', () =>
        seedDemoNotifications(m, provinceRow.path, provinceRow.id, this.config.NOTIFICATION_TTL_DAYS),
      );
      if (notified) this.logger.log(`demo notifications seeded: ${notified} in the members' inboxes`);
      return inserted;
    });
    if (created) {
      this.logger.log(
        `demo province seeded: ${province.committees.length} committees, ${created} members in ${Date.now() - started} ms (${stepTimes(steps)}, commit ${Date.now() - started - Object.values(steps).reduce((a, b) => a + b, 0)})`,
      );
    }
    await this.seedUsage();
    this.printAccounts();
  }

  private async upsertCommittees(m: EntityManager, committees: DemoCommittee[]): Promise<Map<string, { id: number; path: string }>> {
    const ids = new Map<string, { id: number; path: string }>();
    const existing: { id: number; code: string; path: string }[] = await m.query(
      `SELECT id, code, path::text AS path FROM committees WHERE code = ANY($1::text[])`,
      [committees.map((c) => c.code)],
    );
    for (const e of existing) ids.set(e.code, { id: e.id, path: e.path });
    const missing = committees.filter((c) => !ids.has(c.code));
    if (!missing.length) return ids;
    // ids first (in list order), so that each path is known before the one statement that inserts them all;
    // parents come before children in the list
    const allocated: { id: number }[] = await m.query(
      `SELECT nextval(pg_get_serial_sequence('committees', 'id'))::int AS id FROM generate_series(1, $1) g ORDER BY g`,
      [missing.length],
    );
    const rows = missing.map((c, i) => {
      const id = allocated[i].id;
      const parent = c.parentCode ? ids.get(c.parentCode) : undefined;
      const path = parent ? `${parent.path}.${id}` : String(id);
      ids.set(c.code, { id, path });
      return {
        id,
        name: c.name,
        code: c.code,
        kind: c.kind,
        parent_id: parent?.id ?? null,
        path,
        phase: c.phase,
        phase_started_at: c.phaseStartedAt,
        target_install_rate: c.targetInstallRate,
      };
    });
    await m.query(
      `INSERT INTO committees (id, name, code, kind, parent_id, path, phase, phase_started_at, target_install_rate)
       SELECT r.id, r.name, r.code, r.kind, r.parent_id, r.path::ltree, r.phase, r.phase_started_at, r.target_install_rate
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id int, name text, code text, kind text, parent_id int, path text, phase text,
                                                          phase_started_at date, target_install_rate numeric))
              WITH ORDINALITY AS r(id, name, code, kind, parent_id, path, phase, phase_started_at, target_install_rate, n)
        ORDER BY r.n`,
      [JSON.stringify(rows)],
    );
    const inserted = rows.map((r) => r.id);
    const previous = missing.flatMap((c, i) => (c.previousPhase ? [{ id: rows[i].id, ...c.previousPhase }] : []));
    await this.seedPhaseHistory(m, inserted, previous);
    return ids;
  }

  /**
   * The rollout as Thái Nguyên ran it: a trial across the province in Nov-Dec 2021, then each
   * committee in its phase from its date (the pilot in Khối các cơ quan tỉnh, live from 1-1-2022); the
   * committees of the recent wave were on hold before (`previous`: their phase and its start).
   */
  private async seedPhaseHistory(
    m: EntityManager,
    committeeIds: number[],
    previous: { id: number; phase: string; startedAt: string }[],
  ): Promise<void> {
    if (!committeeIds.length) return;
    const at = (day: string) => `${day}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' + interval '8 hours'`;
    await m.query(
      `WITH previous AS (SELECT * FROM unnest($2::int[], $3::text[], $4::date[]) AS p(id, phase, started_on))
       INSERT INTO committee_phase_changes (committee_id, from_phase, to_phase, started_on, actor_username, changed_at)
       SELECT id, 'not_started', 'trial', DATE '2021-11-01', 'seed', TIMESTAMPTZ '2021-11-01 08:00+07'
         FROM committees WHERE id = ANY($1::int[]) AND kind = 'province'
       UNION ALL
       SELECT id, 'not_started', phase, started_on, 'seed', ${at('started_on')} FROM previous
       UNION ALL
       SELECT c.id, coalesce(p.phase, CASE WHEN c.kind = 'province' THEN 'trial' ELSE 'not_started' END), c.phase, c.phase_started_at, 'seed',
              ${at('c.phase_started_at')}
         FROM committees c LEFT JOIN previous p ON p.id = c.id
        WHERE c.id = ANY($1::int[]) AND c.phase <> 'not_started' AND c.phase_started_at IS NOT NULL`,
      [committeeIds, previous.map((p) => p.id), previous.map((p) => p.phase), previous.map((p) => p.startedAt)],
    );
  }

  private async insertMembers(m: EntityManager, members: DemoMember[], ids: Map<string, { id: number }>): Promise<number> {
    const cols = [
      'full_name',
      'gender',
      'birth_date',
      'party_card_number',
      'status',
      'admitted_at',
      'official_at',
      'exempted',
      'exempted_at',
      'exempted_reason',
      'phone',
      'email',
      'committee_id',
      'not_installed_reason',
      'installed_at',
    ];
    for (let i = 0; i < members.length; i += BATCH) {
      const chunk = members.slice(i, i + BATCH);
      const params: unknown[] = [];
      const rows = chunk.map((mem) => {
        const values = [
          mem.fullName,
          mem.gender,
          mem.birthDate,
          mem.partyCardNumber,
          mem.status,
          mem.admittedAt,
          mem.officialAt,
          mem.exempted,
          mem.exemptedAt,
          mem.exemptedReason,
          mem.phone,
          mem.email,
          ids.get(mem.committeeCode)!.id,
          mem.notInstalledReason,
          mem.installedAt,
        ];
        const start = params.length;
        params.push(...values);
        return `(${values.map((_, k) => `$${start + k + 1}`).join(', ')})`;
      });
      await m.query(`INSERT INTO members (${cols.join(', ')}) VALUES ${rows.join(', ')}`, params);
    }
    return members.length;
  }

  private async upsertAccounts(m: EntityManager, committees: DemoCommittee[], ids: Map<string, { id: number }>): Promise<void> {
    const firstBranch = committees.find((c) => c.kind === 'branch' && c.code.startsWith('TN-KCQ'))!;
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const a of DEMO_ACCOUNTS) {
      const code = a.committeeCode === 'FIRST_BRANCH' ? firstBranch.code : a.committeeCode;
      const committeeId = code ? ids.get(code)!.id : null;
      let memberId: string | null = null;
      let fullName = a.fullName;
      if (a.role === 'member') {
        const [member] = await m.query(
          `SELECT id, full_name FROM members WHERE committee_id = $1 AND end_state IS NULL ORDER BY created_at, id LIMIT 1`,
          [committeeId],
        );
        if (!member) continue; // a demo without members has no member account
        memberId = member.id;
        fullName = member.full_name;
      }
      await m.query(
        `INSERT INTO users (username, password_hash, full_name, role, committee_id, member_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
        [a.username, hash, fullName, a.role, committeeId, memberId],
      );
    }
  }

  /** Documents, news, the FAQ and a survey, published by the editor account; only into a province without any. */
  private async seedContent(m: EntityManager, ids: Map<string, { id: number; path: string }>): Promise<void> {
    const province = ids.get(DEMO_PROVINCE_CODE)!;
    const [{ n }] = await m.query(
      `SELECT ((SELECT count(*) FROM documents d JOIN committees c ON c.id = d.committee_id WHERE ${subtreeOf('c.path', '$1')})
             + (SELECT count(*) FROM news_items n JOIN committees c ON c.id = n.committee_id WHERE ${subtreeOf('c.path', '$1')})
             + (SELECT count(*) FROM faqs f JOIN committees c ON c.id = f.committee_id WHERE ${subtreeOf('c.path', '$1')}))::int AS n`,
      [province.path],
    );
    if (n > 0) return;
    const [editor] = await m.query(`SELECT id FROM users WHERE username = 'bientap'`);
    const editorId: string | null = editor?.id ?? null;
    const committee = (code: string) => ids.get(code)!.id;
    // publication times: the seed's day minus N days, at 08:00 in Vietnam
    const published = `(date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - make_interval(days => r.days_ago) + interval '8 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

    // one statement per table (JSON arrays become text[] in jsonb_to_recordset)
    await m.query(
      `INSERT INTO documents (committee_id, title, number, type, issuing_body, issued_on, summary, tags, status, published_at, created_by)
       SELECT r.committee_id, r.title, r.number, r.type, r.issuing_body, r.issued_on, r.summary, r.tags, 'published', ${published}, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(committee_id int, title text, number text, type text, issuing_body text, issued_on date,
                                                 summary text, tags text[], days_ago int)`,
      [
        JSON.stringify(
          DEMO_DOCUMENTS.map((d) => ({
            committee_id: committee(d.committeeCode),
            title: d.title,
            number: d.number,
            type: d.type,
            issuing_body: d.issuingBody,
            issued_on: d.issuedOn,
            summary: d.summary,
            tags: d.tags,
            days_ago: d.publishedDaysAgo,
          })),
        ),
        editorId,
      ],
    );
    await m.query(
      `INSERT INTO news_items (committee_id, title, summary, body, category, sourced, source_name, source_url, status, published_at, created_by)
       SELECT r.committee_id, r.title, r.summary, r.body, r.category, r.source_name IS NOT NULL, r.source_name, r.source_url, 'published', ${published}, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(committee_id int, title text, summary text, body text, category text,
                                                 source_name text, source_url text, days_ago int)`,
      [
        JSON.stringify(
          DEMO_NEWS.map((n) => ({
            committee_id: committee(n.committeeCode),
            title: n.title,
            summary: n.summary,
            body: n.body,
            category: n.category,
            source_name: n.source?.name ?? null,
            source_url: n.source?.url ?? null,
            days_ago: n.publishedDaysAgo,
          })),
        ),
        editorId,
      ],
    );
    const entries: { question: string; answer: string; category: string; keywords: string[] }[] = JSON.parse(
      readFileSync(join(REPO_ROOT, 'src/demo/faq-entries.json'), 'utf8'),
    );
    // one statement for all of them (JSON arrays become text[] in jsonb_to_recordset), in file order
    await m.query(
      `INSERT INTO faqs (committee_id, question, answer, category, keywords, published, created_by)
       SELECT $1, e.question, e.answer, left(e.category, 64), e.keywords, true, $3
         FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (question text, answer text, category text, keywords text[])) WITH ORDINALITY AS e(question, answer, category, keywords, n)
        ORDER BY e.n`,
      [province.id, JSON.stringify(entries), editorId],
    );
    for (const survey of DEMO_SURVEYS) await this.seedSurvey(m, survey, committee(survey.committeeCode), editorId);
    this.logger.log(
      `demo content seeded: ${DEMO_DOCUMENTS.length} documents, ${DEMO_NEWS.length} news items, ${entries.length} FAQ entries, ${DEMO_SURVEYS.length} survey`,
    );
  }

  /**
   * The last DEMO_USAGE_DAYS days of app use of the province's installed members (demo-usage.ts),
   * sent through the real ingestion, each member's history as their phone would send it, many members
   * per statement. Only into a
   * province without any recorded use, so a restart adds nothing.
   */
  private async seedUsage(now = new Date()): Promise<void> {
    const started = Date.now();
    const cpu = process.cpuUsage();
    const [province] = await this.db.query(`SELECT id, path FROM committees WHERE code = $1`, [DEMO_PROVINCE_CODE]);
    if (!province) return;
    const [{ used }] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM committee_daily_activity WHERE committee_id = $1) AS used`, [
      province.id,
    ]);
    if (used) return;
    const members: UsageMember[] = (
      await this.db.query(
        `SELECT m.id, m.installed_at, analytics_path_ids(c.path) AS ancestors
           FROM members m JOIN committees c ON c.id = m.committee_id
          WHERE ${subtreeOf('c.path', '$1')} AND m.installed_at IS NOT NULL AND m.end_state IS NULL
          ORDER BY m.party_card_number, m.id`,
        [province.path],
      )
    ).map((r: { id: string; installed_at: Date; ancestors: number[] }) => ({
      id: r.id,
      installedAt: r.installed_at,
      ancestors: r.ancestors,
    }));
    // what the province's members can open: published in the province's tree (or above it)
    const published = (table: string, condition: string, order: string) =>
      this.db.query(
        `SELECT t.id, t.committee_id AS "committeeId" FROM ${table} t JOIN committees c ON c.id = t.committee_id
          WHERE ${condition} AND (${subtreeOf('c.path', '$1')} OR c.path @> $1::ltree) ORDER BY ${order}`,
        [province.path],
      ) as Promise<{ id: string; committeeId: number }[]>;
    const content: UsageContent = {
      documents: await published('documents', `t.status = 'published'`, 't.published_at DESC, t.id'),
      news: await published('news_items', `t.status = 'published'`, 't.published_at DESC, t.id'),
      faqs: await published('faqs', 't.published', 't.id'),
      surveys: await published('surveys', `t.status <> 'draft'`, 't.id'),
    };
    const usage = demoUsage(members, content, now, DEMO_USAGE_DAYS);
    // each member's history is the batch their phone would send; USAGE_BATCH_MEMBERS of them go
    // through the ingestion statement at once (a round trip and a plan per member cost more than the rows)
    const batches = [...usage].map(([memberId, events]) => ({ memberId, events }));
    let events = 0;
    for (let i = 0; i < batches.length; i += USAGE_BATCH_MEMBERS) {
      for (const result of await this.events.ingestBatches(batches.slice(i, i + USAGE_BATCH_MEMBERS), now)) events += result.accepted;
    }
    this.logger.log(
      `demo app use seeded: ${events} events of ${usage.size} members over ${DEMO_USAGE_DAYS} days in ${Date.now() - started} ms ` +
        `(${cpuMs(process.cpuUsage(cpu))} ms of this process's CPU, the embedded database's included)`,
    );
  }

  /** An open survey, its questions and their options, in order. */
  private async seedSurvey(
    m: EntityManager,
    survey: (typeof DEMO_SURVEYS)[number],
    committeeId: number,
    editorId: string | null,
  ): Promise<void> {
    const day = (offset: string) =>
      `(date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') ${offset} + interval '8 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'`;
    const [{ id }] = await m.query(
      `INSERT INTO surveys (committee_id, title, description, kind, status, opens_at, closes_at, anonymous, results_visibility, published_at, opened_at, created_by)
       VALUES ($1, $2, $3, 'survey', 'open', ${day('- make_interval(days => $5::int)')}, ${day('+ make_interval(days => $6::int)')}, $4, 'live',
               ${day('- make_interval(days => $5::int)')}, ${day('- make_interval(days => $5::int)')}, $7)
       RETURNING id`,
      [committeeId, survey.title, survey.description, survey.anonymous, survey.openedDaysAgo, survey.closesInDays, editorId],
    );
    for (const [i, q] of survey.questions.entries()) {
      const [{ id: questionId }] = await m.query(
        `INSERT INTO survey_questions (survey_id, position, type, text, required, min_selections, max_selections)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [id, i + 1, q.type, q.text, q.required, q.minSelections ?? null, q.maxSelections ?? null],
      );
      await m.query(
        `INSERT INTO survey_options (question_id, position, text) SELECT $1, o.position, o.text FROM unnest($2::text[]) WITH ORDINALITY AS o(text, position)`,
        [questionId, q.options ?? []],
      );
    }
  }

  private printAccounts(): void {
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(12)} ${a.role.padEnd(16)} ${a.description}`);
    this.logger.log(`demo accounts (password "${DEMO_PASSWORD}"):\n${lines.join('\n')}`);
  }
}
