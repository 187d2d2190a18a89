/**
 * The hot paths of the benchmark. For each: the request the app gets (the baseline server answers
 * the same URL) and the baseline's handler, which issues THE SAME SQL as the application, copied
 * from the services (the comment above each statement names its source; the statements were read
 * off PostgreSQL's statement log of the running app, so that TypeORM's generated SQL is copied
 * verbatim too). The baseline does the same per-request work the app does apart from the framework:
 * verify the bearer token (HS256) and load the caller's session, count rate limits, run the
 * queries, shape the response. Pure domain functions (FAQ ranking, install figures, event checks,
 * cursors, ETags) are imported from the app, so that the ratio measures the framework (Nest,
 * guards, pipes, TypeORM's query builder and hydration) and nothing else.
 *
 * When a service's SQL changes, change it here too: `npm run bench` prints the app's and the
 * baseline's answers side by side for the first request of each path when they differ in shape.
 */
import argon2 from 'argon2';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import { addDays, daysBetween, retentionCutoff } from '../src/analytics/calendar.js';
import { checkEvent, type CheckedEvent } from '../src/analytics/events.service.js';
import { INGEST_SQL } from '../src/analytics/access-event.repository.js';
import type { MemberCountRow } from '../src/analytics/activity-report.repository.js';
import { installFigures } from '../src/analytics/install-rates.service.js';
import { meetingFigures, quarterMonths } from '../src/analytics/meeting-report.service.js';
import {
  CHECK_IN_ATTEMPT_WINDOW_SECONDS,
  CHECK_IN_MAX_ATTEMPTS,
  checkInCodeMatches,
  checkInState,
  inCheckInWindow,
  mayTakePart,
  MEMBER_VISIBLE_STATUSES,
} from '../src/meetings/meetings.rules.js';
import { ATTENDANCE_ROW_SQL, ATTENDANCE_ROW_SQL_FOR_UPDATE, ATTENDANCE_SET_STATE_SQL } from '../src/meetings/attendance.repository.js';
import { MEETING_FOR_MEMBER_SQL } from '../src/meetings/meeting.repository.js';
import { COUNT_VOTE_SQL, MOTION_SQL_FOR_UPDATE, NAMED_VOTE_SQL, SECRET_OTHER_SQL, VOTER_SQL } from '../src/meetings/motions.repository.js';
import { ratio, resolveWindow, windowDays } from '../src/analytics/report-scope.js';
import { searchTerm } from '../src/common/admin-list.js';
import {
  ACTIVE_CHILDREN_SQL,
  ACTIVE_ROOTS_SQL,
  CHILDREN_ACTIVITY_SQL,
  COVERAGE_AND_MONTH_SQL,
  DAILY_ACTIVITY_SQL,
  MEMBER_COUNTS_SQL,
} from '../src/analytics/activity-report.repository.js';
import { MEETING_MONTHS_SQL, UNIT_COUNTS_SQL } from '../src/analytics/meeting-report.repository.js';
import { cursorPage, DEFAULT_CURSOR_LIMIT, encodeCursor } from '../src/common/cursor.js';
import { localDate } from '../src/common/dates.js';
import { toNotificationItem } from '../src/notifications/dto/notification.response.js';
import { INBOX_SQL, UNREAD_COUNT_CAP, UNREAD_SQL } from '../src/notifications/notifications.repository.js';
import { etagOf, ifNoneMatchHits } from '../src/common/etag.js';
import { COMMITTEE_IN_SCOPE_SQL } from '../src/committees/committee.repository.js';
import { AUDIT_INSERT_SQL } from '../src/audit/audit-entry.repository.js';
import { memberListStatements } from '../src/members/member.repository.js';
import { MEMBERS_WITH_PUSH_SQL } from '../src/self-service/device.repository.js';
import { INSERT_DEVICE_SQL, PRUNE_DEVICES_SQL } from '../src/auth/login-devices.repository.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_PATH, MAX_DEVICES_PER_ACCOUNT } from '../src/auth/login-devices.service.js';
import { stringifySetCookie } from 'cookie';
import type { Principal } from '../src/common/principal.js';
import { FEED_SQL as DOCUMENT_FEED_SQL } from '../src/documents/documents.repository.js';
import { FEED_SQL as NEWS_FEED_SQL } from '../src/news/news-item.repository.js';
import type { FaqEntryText } from '../src/faq/faq-ranker.js';
import { analyseQuery } from '../src/faq/vietnamese-text.js';
import { miniAnswer, miniIndex, minisearchThreshold, type FaqMiniSearch } from './faq-minisearch.js';

// ------------------------------------------------------------------------------------------------
// What every path needs

export interface BenchSettings {
  /** The app's (and the baseline's) JWT secret. */
  jwtSecret: string;
  accessTtl: number;
  refreshTtl: number;
  rateLimitWindow: number;
  rateLimitWrites: number;
  rateLimitPublic: number;
  loginMaxPerUsername: number;
  loginMaxPerClient: number;
  loginWindow: number;
  /** LOGIN_DEVICE_DAYS: the life of a device token. */
  loginDeviceDays: number;
  retentionMonths: number;
  eventsCap: number;
}

/** The caller, as src/auth/users.repository.ts loadPrincipal reads it. */
export interface BenchPrincipal {
  id: string;
  username: string;
  fullName: string;
  role: string;
  committeeId: number | null;
  committeePath: string | null;
  memberId: string | null;
  sessionId: string;
  clientAddress: string;
  requestId: string;
}

export interface BaselineRequest {
  query: Record<string, string | undefined>;
  /** Route parameters (`:id`). */
  params: Record<string, string | undefined>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
  id: string;
}

export interface BaselineReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BaselineContext {
  pool: pg.Pool;
  settings: BenchSettings;
  /** The caller of a bearer token, or null (the app answers 401). */
  authenticate(req: BaselineRequest): Promise<BenchPrincipal | null>;
}

export interface HotPath {
  id: string;
  title: string;
  /** Reads are held to the ratio target; writes are measured against a baseline too, without a target. */
  kind: 'read' | 'write';
  method: 'GET' | 'POST';
  /** The route, as Fastify's router sees it (the baseline registers it). */
  route: string;
  /** Who calls it. */
  role: 'member' | 'secretary' | 'admin' | 'public';
  baseline(ctx: BaselineContext, req: BaselineRequest, principal: BenchPrincipal | null): Promise<BaselineReply>;
}

// ------------------------------------------------------------------------------------------------
// Shared SQL

/** src/auth/users.repository.ts loadPrincipal: one indexed query per authenticated request. */
export const LOAD_PRINCIPAL_SQL = `SELECT u.id, u.username, u.full_name, u.role, u.committee_id, u.member_id, u.must_change_password,
              c.name AS committee_name, c.path::text AS committee_path
         FROM users u
         JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()
         LEFT JOIN committees c ON c.id = u.committee_id
        WHERE u.id = $1 AND u.is_active`;

/** src/common/rate-limit.repository.ts RateLimitRepository.hit (one VALUES row per key). */
const rateLimitSql = (keys: number) => `INSERT INTO rate_limit_counters AS t (key, window_ends_at, hits)
       VALUES ${Array.from({ length: keys }, (_, i) => `($${i + 2}, now() + make_interval(secs => $1), 1)`).join(', ')}
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_ends_at <= now() THEN 1 ELSE t.hits + 1 END,
         window_ends_at = CASE WHEN t.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE t.window_ends_at END
       RETURNING key, hits, extract(epoch FROM t.window_ends_at - now()) AS retry_after`;

/** Counts one hit on each key; the first over its limit, or null (src/common/rate-limit.service.ts). */
async function rateLimitHit(db: pg.Pool | pg.PoolClient, window: number, limits: { key: string; max: number }[]): Promise<boolean> {
  const { rows } = await db.query(rateLimitSql(limits.length), [window, ...limits.map((l) => l.key)]);
  return limits.some((l) => rows.find((r: { key: string; hits: number }) => r.key === l.key && r.hits > l.max));
}

const clientKey = (secret: string, prefix: string, address: string) =>
  `${prefix}:c:` + createHmac('sha256', secret).update(address).digest('hex').slice(0, 40);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** HS256, as @nestjs/jwt signs the app's access tokens ({sub, sid, iat, exp}). */
export function signAccessToken(secret: string, sub: string, sid: string, ttl: number): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub, sid, iat: now, exp: now + ttl }));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** The claims of a valid, unexpired HS256 token, else null. */
export function verifyAccessToken(secret: string, token: string): { sub: string; sid: string } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (header.alg !== 'HS256') return null;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof claims.exp !== 'number' || claims.exp <= Date.now() / 1000) return null;
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    return claims;
  } catch {
    return null;
  }
}

export function principalOf(r: any, sessionId: string, ip: string, requestId: string): BenchPrincipal {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    role: r.role,
    committeeId: r.committee_id,
    committeePath: r.committee_path,
    memberId: r.member_id,
    sessionId,
    clientAddress: ip,
    requestId,
  };
}

/** src/common/scope.ts audienceCommitteeIds: the caller's committee and every one above it. */
const audienceIds = (p: BenchPrincipal) => (p.committeePath ? p.committeePath.split('.').map(Number) : []);
/** src/common/scope.ts audienceOf: null for an admin of the whole tree (everything), none for an account without a committee. */
const audienceOf = (p: BenchPrincipal) => (p.committeePath === null ? (p.role === 'admin' ? null : []) : audienceIds(p));
const unauthorized: BaselineReply = { status: 401, body: { statusCode: 401, code: 'UNAUTHORIZED', message: 'Unauthorized' } };
const committeeOf = (r: any) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  phase: r.phase,
  phaseStartedAt: r.phase_started_at,
  targetInstallRate: r.target_install_rate,
});
const withEtag = (req: BaselineRequest, body: unknown): BaselineReply => {
  const etag = etagOf(body);
  const headers = { etag, 'cache-control': 'private, no-cache' };
  return ifNoneMatchHits(req.headers['if-none-match'], etag) ? { status: 304, headers } : { status: 200, body, headers };
};

// ------------------------------------------------------------------------------------------------
// Login

/** src/auth/auth.service.ts login → users.repository.ts findByUsername (TypeORM findOneBy, verbatim). */
const USER_BY_USERNAME_SQL = `SELECT "User"."id" AS "User_id", "User"."username" AS "User_username", "User"."password_hash" AS "User_password_hash", "User"."full_name" AS "User_full_name", "User"."role" AS "User_role", "User"."committee_id" AS "User_committee_id", "User"."member_id" AS "User_member_id", "User"."must_change_password" AS "User_must_change_password", "User"."is_active" AS "User_is_active", "User"."failed_logins" AS "User_failed_logins", "User"."locked_until" AS "User_locked_until", "User"."last_login_at" AS "User_last_login_at", "User"."created_at" AS "User_created_at", "User"."updated_at" AS "User_updated_at" FROM "users" "User" WHERE (("User"."username" = $1)) LIMIT 1`;

const login: HotPath = {
  id: 'login',
  title: 'login (argon2id)',
  kind: 'write',
  method: 'POST',
  route: '/api/auth/login',
  role: 'public',
  async baseline({ pool, settings: s }, req) {
    // src/common/rate-limits.ts: public routes count per client address
    if (await rateLimitHit(pool, s.rateLimitWindow, [{ key: clientKey(s.jwtSecret, 'public', req.ip), max: s.rateLimitPublic }])) {
      return { status: 429 };
    }
    const { username: raw, password } = (req.body ?? {}) as { username?: string; password?: string };
    if (typeof raw !== 'string' || typeof password !== 'string') return { status: 400 };
    const username = raw.trim().toLowerCase();
    // src/auth/login-throttle.service.ts hit: per username and per client
    if (
      await rateLimitHit(pool, s.loginWindow, [
        { key: `login:u:${username}`, max: s.loginMaxPerUsername },
        { key: clientKey(s.jwtSecret, 'login', req.ip), max: s.loginMaxPerClient },
      ])
    ) {
      return { status: 429 };
    }
    const user = (await pool.query(USER_BY_USERNAME_SQL, [username])).rows[0];
    const ok = user && user.User_is_active ? await argon2.verify(user.User_password_hash, password) : false;
    if (!ok) return { status: 401 };
    // src/auth/login-throttle.service.ts reset
    await pool.query(`DELETE FROM rate_limit_counters WHERE key = $1`, [`login:u:${username}`]);
    const c = await pool.connect();
    try {
      // src/auth/auth.service.ts login + issue (users and sessions repositories), in one transaction (TypeORM's SQL verbatim)
      await c.query('START TRANSACTION');
      await c.query(`UPDATE "users" SET "last_login_at" = $1, "updated_at" = CURRENT_TIMESTAMP WHERE "id" = $2`, [
        new Date(),
        user.User_id,
      ]);
      const session = (
        await c.query(
          `INSERT INTO "auth_sessions"("id", "user_id", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES (DEFAULT, $1, DEFAULT, $2, DEFAULT, DEFAULT) RETURNING "id", "created_at"`,
          [user.User_id, new Date(Date.now() + s.refreshTtl * 1000)],
        )
      ).rows[0];
      // src/auth/login-devices.service.ts remember: a login without a device token gets a new one
      const deviceToken = randomBytes(32).toString('base64url');
      await c.query(INSERT_DEVICE_SQL, [user.User_id, s.loginDeviceDays, sha256(deviceToken)]);
      await c.query(PRUNE_DEVICES_SQL, [user.User_id, MAX_DEVICES_PER_ACCOUNT]);
      const refreshToken = randomBytes(32).toString('base64url');
      await c.query(
        `INSERT INTO "refresh_tokens"("id", "session_id", "token_hash", "created_at", "used_at") VALUES (DEFAULT, $1, $2, DEFAULT, DEFAULT) RETURNING "id", "created_at"`,
        [session.id, sha256(refreshToken)],
      );
      const accessToken = signAccessToken(s.jwtSecret, user.User_id, session.id, s.accessTtl);
      const p = principalOf((await c.query(LOAD_PRINCIPAL_SQL, [user.User_id, session.id])).rows[0], session.id, req.ip, req.id);
      await c.query('COMMIT');
      return {
        status: 200,
        body: {
          accessToken,
          expiresIn: s.accessTtl,
          refreshToken,
          user: { id: p.id, username: p.username, fullName: p.fullName, role: p.role, committeeId: p.committeeId, memberId: p.memberId },
          deviceToken,
        },
        // src/auth/auth.controller.ts login: the device token as a cookie too
        headers: {
          'set-cookie': stringifySetCookie({
            name: DEVICE_COOKIE,
            value: deviceToken,
            path: DEVICE_COOKIE_PATH,
            httpOnly: true,
            secure: true,
            sameSite: 'strict',
            maxAge: s.loginDeviceDays * 86_400,
          }),
        },
      };
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  },
};

// ------------------------------------------------------------------------------------------------
// A member's news feed, first page

const newsFeed: HotPath = {
  id: 'news-feed',
  title: "member's news feed page",
  kind: 'read',
  method: 'GET',
  route: '/api/me/news',
  role: 'member',
  async baseline({ pool }, req, p) {
    if (!p) return unauthorized;
    // src/news/news-item.repository.ts FEED_SQL (the app's statement, imported): the rows are the items
    const limit = 20;
    const rows = (await pool.query(NEWS_FEED_SQL, [audienceOf(p), null, null, null, limit + 1])).rows;
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null;
    return withEtag(req, { items, nextCursor });
  },
};

// ------------------------------------------------------------------------------------------------
// Document search

const documentSearch: HotPath = {
  id: 'document-search',
  title: 'document search',
  kind: 'read',
  method: 'GET',
  route: '/api/me/documents',
  role: 'member',
  async baseline({ pool }, req, p) {
    if (!p) return unauthorized;
    // src/documents/documents.repository.ts FEED_SQL (the app's statement, imported): the rows are the items, bookmarks included
    const limit = 20;
    const rows = (await pool.query(DOCUMENT_FEED_SQL, [audienceOf(p), null, searchTerm(req.query.q), null, null, p.id, limit + 1])).rows;
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      status: 200,
      body: { items, nextCursor: rows.length > limit && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null },
    };
  },
};

// ------------------------------------------------------------------------------------------------
// FAQ answer

/** src/faq/faq.repository.ts publishedEntries (faq-answer.service.ts load): the published entries of an audience, when they changed. */
const FAQ_LOAD_SQL = `SELECT f.id, f.question, f.answer, f.keywords FROM faqs f
       WHERE f.published AND ($1::int[] IS NULL OR f.committee_id = ANY($1::int[]))`;
/** src/faq/unanswered-question.repository.ts recordAsked. */
const FAQ_UNANSWERED_SQL = `INSERT INTO unanswered_questions (text, normalized, committee_id) VALUES ($1, $2, $3)
       ON CONFLICT (normalized) DO UPDATE SET
         times_asked = unanswered_questions.times_asked + 1,
         last_asked_at = now(),
         committee_id = EXCLUDED.committee_id,
         status = CASE WHEN unanswered_questions.status = 'converted' THEN 'open' ELSE unanswered_questions.status END`;

/**
 * The baseline's FAQ: minisearch (bench/faq-minisearch.ts) over the same published entries of the
 * member's committee chain, kept in memory per audience like the app's, forgotten when a change is
 * NOTIFYed on faq_changed (the app's trigger; the baseline LISTENs on a connection of its own, as
 * the app does), with its answer threshold calibrated on the calibration questions
 * of test/faq as the app's is. So the row compares a well-kept library doing the same job, with the
 * same SQL (none per question but the caller's, and the queue's insert when not answered), and the
 * report shows the two rankers' accuracy beside their speed.
 */
const faqIndexes = new Map<string, Promise<FaqMiniSearch>>();
const faqListening = new WeakSet<pg.Pool>();
const faqListeners = new Map<pg.Pool, pg.Client>();

async function listenForFaqChanges(pool: pg.Pool): Promise<void> {
  if (faqListening.has(pool)) return;
  faqListening.add(pool);
  // a connection of its own, outside the pool, as the app's (src/database/notifications.ts)
  const client = new pg.Client({ connectionString: (pool.options as pg.PoolConfig).connectionString, keepAlive: true });
  const gone = () => {
    // until another connection listens, a change could go unheard: forget the indexes, listen again
    faqIndexes.clear();
    if (faqListeners.get(pool) !== client) return;
    faqListeners.delete(pool);
    faqListening.delete(pool);
    void client.end().catch(() => undefined);
  };
  client.on('notification', () => faqIndexes.clear());
  client.on('error', gone);
  client.on('end', gone);
  faqListeners.set(pool, client);
  try {
    await client.connect();
    await client.query('LISTEN faq_changed');
  } catch {
    gone();
  }
}

/** Ends the baseline's LISTEN connection of a pool (the baseline server's close). */
export async function stopFaqListening(pool: pg.Pool): Promise<void> {
  const client = faqListeners.get(pool);
  faqListeners.delete(pool);
  faqListening.add(pool); // not again while closing
  await client?.end().catch(() => undefined);
}

const faqAnswer: HotPath = {
  id: 'faq-answer',
  title: 'FAQ answer',
  kind: 'read',
  method: 'GET',
  route: '/api/faqs/answer',
  role: 'member',
  async baseline({ pool }, req, p) {
    if (!p) return unauthorized;
    const text = (req.query.q ?? '').trim();
    const query = analyseQuery(text);
    if (!query.tokens.length) return { status: 400 };
    const audience = audienceOf(p);
    await listenForFaqChanges(pool);
    const key = audience === null ? '*' : [...audience].sort((x, y) => x - y).join(',');
    let index = faqIndexes.get(key);
    if (!index) {
      index = (audience?.length === 0 ? Promise.resolve([]) : pool.query<FaqEntryText>(FAQ_LOAD_SQL, [audience]).then((r) => r.rows)).then(
        miniIndex,
      );
      faqIndexes.set(key, index);
      index.catch(() => faqIndexes.delete(key));
    }
    const result = miniAnswer(await index, minisearchThreshold(), text);
    if (!result.answered) await pool.query(FAQ_UNANSWERED_SQL, [text.slice(0, 300), query.plain.slice(0, 500), p.committeeId]);
    return { status: 200, body: result };
  },
};

// ------------------------------------------------------------------------------------------------
// A secretary's member list, first page

/**
 * src/members/member.repository.ts memberListStatements (the app's, imported): the page and the total of the
 * benchmark's request (`range=[0,24]`, a secretary: the scope path is $1), composed once.
 */
const MEMBER_LIST_SQL = memberListStatements({ role: 'secretary', committeePath: '0' } as Principal, { range: '[0,24]' });

const memberList: HotPath = {
  id: 'member-list',
  title: "secretary's member list page",
  kind: 'read',
  method: 'GET',
  route: '/api/members',
  role: 'secretary',
  async baseline({ pool }, req, p) {
    if (!p) return unauthorized;
    if (!['admin', 'committee_admin', 'secretary'].includes(p.role)) return { status: 403 };
    const path = p.committeePath ?? '__none__';
    const rows = (await pool.query(MEMBER_LIST_SQL.page, [path, ...MEMBER_LIST_SQL.pageValues.slice(1)])).rows;
    const total = (await pool.query(MEMBER_LIST_SQL.count, [path])).rows[0].total as number;
    // src/audit/audit-entry.repository.ts AUDIT_INSERT_SQL (AuditService.record; recordNow: every read of a member list is audited)
    await pool.query(AUDIT_INSERT_SQL, [
      p.id,
      p.username,
      p.role,
      'member.list',
      'member',
      null,
      p.committeeId,
      JSON.stringify({ filter: req.query.filter ?? null, range: req.query.range ?? null, returned: rows.length, total }),
      p.clientAddress,
      p.requestId,
    ]);
    const withPush = rows.length
      ? new Set((await pool.query(MEMBERS_WITH_PUSH_SQL, [rows.map((m) => m.id)])).rows.map((r) => r.member_id as string))
      : new Set<string>();
    // the rows are the items (LIST_SELECT), pushEnabled aside
    for (const m of rows) m.pushEnabled = withPush.has(m.id);
    const items = rows;
    const range = items.length ? `0-${items.length - 1}` : '*';
    return { status: 200, body: items, headers: { 'content-range': `members ${range}/${total}` } };
  },
};

// ------------------------------------------------------------------------------------------------
// Reports: the committee in scope (src/analytics/report-scope.ts ReportScope.committee)

/** src/committees/committee.repository.ts findInScope: COMMITTEE_IN_SCOPE_SQL (the app's statement, imported), $2 the scope path (null: everything). */

async function reportCommittee(pool: pg.Pool, p: BenchPrincipal, committeeId: number | undefined): Promise<any | null> {
  const scope = p.role === 'admin' && p.committeePath === null ? null : (p.committeePath ?? '__none__');
  const find = async (id: number) => (await pool.query(COMMITTEE_IN_SCOPE_SQL, [id, scope])).rows[0];
  if (committeeId !== undefined) return (await find(committeeId)) ?? null;
  if (p.committeeId !== null) return (await find(p.committeeId)) ?? null;
  const roots = (await pool.query(ACTIVE_ROOTS_SQL)).rows;
  return roots.length === 1 ? ((await find(roots[0].id)) ?? null) : null;
}

async function installRates({ pool }: BaselineContext, req: BaselineRequest, p: BenchPrincipal | null): Promise<BaselineReply> {
  if (!p) return unauthorized;
  if (!['admin', 'committee_admin', 'secretary'].includes(p.role)) return { status: 403 };
  const committee = await reportCommittee(pool, p, req.query.committeeId ? Number(req.query.committeeId) : undefined);
  if (!committee) return { status: 404 };
  const children = (await pool.query(ACTIVE_CHILDREN_SQL, [committee.id])).rows;
  const rows: (MemberCountRow & { committee_id: number })[] = (
    await pool.query(MEMBER_COUNTS_SQL, [[committee.id, ...children.map((c) => c.id)]])
  ).rows;
  const of = (id: number) => installFigures(rows.filter((r) => r.committee_id === id));
  return {
    status: 200,
    body: {
      committee: committeeOf(committee),
      total: of(committee.id),
      children: children.map((c) => ({
        committeeId: c.id,
        name: c.name,
        kind: c.kind,
        phase: c.phase,
        targetInstallRate: c.targetInstallRate,
        ...of(c.id),
      })),
    },
  };
}

const installRoot: HotPath = {
  id: 'install-rates-root',
  title: 'install-rate breakdown, root',
  kind: 'read',
  method: 'GET',
  route: '/api/analytics/install-rates',
  role: 'admin',
  baseline: installRates,
};

const installBranch: HotPath = { ...installRoot, id: 'install-rates-branch', title: 'install-rate breakdown, branch', role: 'secretary' };

// ------------------------------------------------------------------------------------------------
// The meeting report (src/analytics/meeting-report.service.ts MeetingReportService.report)

async function meetingReport({ pool }: BaselineContext, req: BaselineRequest, p: BenchPrincipal | null): Promise<BaselineReply> {
  if (!p) return unauthorized;
  if (!['admin', 'committee_admin', 'secretary'].includes(p.role)) return { status: 403 };
  const month = String(req.query.month);
  const committee = await reportCommittee(pool, p, req.query.committeeId ? Number(req.query.committeeId) : undefined);
  if (!committee) return { status: 404 };
  const children = (await pool.query(ACTIVE_CHILDREN_SQL, [committee.id])).rows;
  const ids = [committee.id, ...children.map((c) => c.id)];
  const quarter = quarterMonths(month);
  const [units, rows] = await Promise.all([
    pool.query(UNIT_COUNTS_SQL, [ids]),
    pool.query(MEETING_MONTHS_SQL, [ids, quarter.map((x) => `${x}-01`)]),
  ]);
  const unitsOf = new Map<number, number>(units.rows.map((r) => [r.committee_id, r.units]));
  const row = (id: number, name: string, kind: string) => ({
    committeeId: id,
    name,
    kind,
    ...meetingFigures(
      unitsOf.get(id) ?? 0,
      month,
      rows.rows.filter((r) => r.committee_id === id),
    ),
  });
  return {
    status: 200,
    body: {
      committee: committeeOf(committee),
      month,
      quarter,
      total: row(committee.id, committee.name, committee.kind),
      children: children.map((c) => row(c.id, c.name, c.kind)),
    },
  };
}

const meetingRoot: HotPath = {
  id: 'meeting-report-root',
  title: 'meeting report, root',
  kind: 'read',
  method: 'GET',
  route: '/api/analytics/meetings',
  role: 'admin',
  baseline: meetingReport,
};

const meetingBranch: HotPath = { ...meetingRoot, id: 'meeting-report-branch', title: 'meeting report, branch', role: 'secretary' };

// ------------------------------------------------------------------------------------------------
// Visits over a year

/** src/analytics/activity-report.repository.ts DAILY_ACTIVITY_SQL, COVERAGE_AND_MONTH_SQL, CHILDREN_ACTIVITY_SQL (VisitsService.visits; the app's, imported). */
const VISITS_CHILDREN_SQL = CHILDREN_ACTIVITY_SQL;

const visits: HotPath = {
  id: 'visits-year',
  title: 'visits over a year, root',
  kind: 'read',
  method: 'GET',
  route: '/api/analytics/visits',
  role: 'admin',
  async baseline({ pool }, req, p) {
    if (!p) return unauthorized;
    if (!['admin', 'committee_admin', 'editor'].includes(p.role)) return { status: 403 };
    const window = resolveWindow({ from: req.query.from, to: req.query.to }, 30);
    const committee = await reportCommittee(pool, p, req.query.committeeId ? Number(req.query.committeeId) : undefined);
    if (!committee) return { status: 404 };
    const rows = (await pool.query(DAILY_ACTIVITY_SQL, [committee.id, window.from, window.to])).rows;
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const series = windowDays(window).map((day) => {
      const r = byDay.get(day);
      return {
        day,
        visits: r?.visits ?? 0,
        uniqueMembers: r?.unique_members ?? 0,
        views: { document: r?.views_document ?? 0, news: r?.views_news ?? 0, other: r?.views_other ?? 0 },
      };
    });
    const sum = (f: (d: (typeof series)[number]) => number) => series.reduce((s, d) => s + f(d), 0);
    const total = {
      visits: sum((d) => d.visits),
      memberDays: sum((d) => d.uniqueMembers),
      views: { document: sum((d) => d.views.document), news: sum((d) => d.views.news), other: sum((d) => d.views.other) },
    };
    const month = `${window.to.slice(0, 7)}-01`;
    const [{ firstDay, mau }] = (await pool.query(COVERAGE_AND_MONTH_SQL, [committee.id, month])).rows;
    const dau = series[series.length - 1].uniqueMembers;
    const today = localDate();
    const childRows = (await pool.query(VISITS_CHILDREN_SQL, [committee.id, window.from, window.to, window.from, today])).rows;
    const children = new Map<number, any>();
    for (const r of childRows) {
      const child = children.get(r.id) ?? {
        committeeId: r.id,
        name: r.name,
        kind: r.kind,
        archived: r.archived,
        total: { visits: 0, memberDays: 0, views: { document: 0, news: 0, other: 0 } },
        averageVisitsPerDay: 0,
      };
      children.set(r.id, child);
      if (r.period === 'now') {
        child.total = {
          visits: r.visits,
          memberDays: r.unique_members,
          views: { document: r.views_document, news: r.views_news, other: r.views_other },
        };
        // each child's own days with data, today left out (VisitsService countedDays)
        const from = r.first_day && r.first_day > window.from ? r.first_day : window.from;
        const to = window.to >= today ? addDays(today, -1) : window.to;
        const days = r.first_day && from <= to ? daysBetween(from, to) : 0;
        child.averageVisitsPerDay = ratio(r.counted_visits, days, 2);
      }
    }
    return {
      status: 200,
      body: {
        committee: committeeOf(committee),
        window,
        series,
        total,
        averagePerDay: { visits: ratio(total.visits, window.days, 2), uniqueMembers: ratio(total.memberDays, window.days, 2), window },
        coverage: { firstDay, partialDay: window.to === today ? today : null },
        activeMembers: { day: window.to, dau, month, mau, dauMauRatio: ratio(dau, mau) },
        children: [...children.values()].filter((c) => !c.archived || c.total.visits + c.total.memberDays > 0),
      },
    };
  },
};

// ------------------------------------------------------------------------------------------------
// Event ingestion: batches of 500

// the app's own statement (src/analytics/access-event.repository.ts INGEST_SQL: the events and every rollup), imported
const ingestion: HotPath = {
  id: 'event-ingestion',
  title: 'event ingestion (batches of 500)',
  kind: 'write',
  method: 'POST',
  route: '/api/me/events',
  role: 'member',
  async baseline({ pool, settings: s }, req, p) {
    if (!p) return unauthorized;
    if (p.role !== 'member') return { status: 403 };
    // src/common/rate-limits.ts: writes count per account
    if (await rateLimitHit(pool, s.rateLimitWindow, [{ key: `write:u:${p.id}`, max: s.rateLimitWrites }])) return { status: 429 };
    const raw = (req.body as { events?: unknown[] })?.events;
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > 500) return { status: 400 };
    if (!p.memberId) return { status: 404 };
    const now = new Date();
    const cutoff = retentionCutoff(now, s.retentionMonths).at;
    const events = new Map<string, CheckedEvent>();
    const rejected = [];
    let repeated = 0;
    for (const item of raw) {
      const checked = checkEvent(item, now, cutoff);
      if ('reject' in checked) rejected.push(checked.reject);
      else if (events.has(checked.event.id)) repeated++;
      else events.set(checked.event.id, checked.event);
    }
    let accepted = 0;
    if (events.size) {
      const list = [...events.values()];
      const [row] = (
        await pool.query(INGEST_SQL, [
          list.map((e) => e.id),
          list.map((e) => e.occurredAt.toISOString()),
          list.map((e) => e.type),
          list.map((e) => e.targetType),
          list.map((e) => e.targetId),
          list.map(() => p.memberId),
          s.eventsCap,
        ])
      ).rows;
      if (!row) return { status: 404 };
      accepted = row.accepted;
    }
    return { status: 202, body: { accepted, duplicates: events.size - accepted + repeated, rejected } };
  },
};

// ------------------------------------------------------------------------------------------------
// The member's notifications (src/notifications/notifications.repository.ts INBOX_SQL and UNREAD_SQL, the app's statements, imported)

const notificationInbox: HotPath = {
  id: 'notification-inbox',
  title: "member's notification inbox page",
  kind: 'read',
  method: 'GET',
  route: '/api/me/notifications',
  role: 'member',
  async baseline({ pool }, req, p) {
    if (!p) return unauthorized;
    if (p.role !== 'member') return { status: 403 };
    if (!p.memberId) return notFound('NOT_FOUND');
    const limit = DEFAULT_CURSOR_LIMIT;
    const rows = (await pool.query(INBOX_SQL, [p.memberId, audienceIds(p), limit + 1])).rows;
    const page = cursorPage(rows, limit);
    return withEtag(req, { items: page.items.map(toNotificationItem), nextCursor: page.nextCursor });
  },
};

const notificationUnread: HotPath = {
  id: 'notification-unread',
  title: 'unread notifications count',
  kind: 'read',
  method: 'GET',
  route: '/api/me/notifications/unread-count',
  role: 'member',
  async baseline({ pool }, req, p) {
    if (!p) return unauthorized;
    if (p.role !== 'member') return { status: 403 };
    if (!p.memberId) return notFound('NOT_FOUND');
    const n = (await pool.query(UNREAD_SQL, [p.memberId, audienceIds(p), UNREAD_COUNT_CAP + 1])).rows[0].n as number;
    return withEtag(req, { count: Math.min(n, UNREAD_COUNT_CAP), capped: n > UNREAD_COUNT_CAP });
  },
};

// ------------------------------------------------------------------------------------------------
// The meeting evening (bench/meeting-night.ts): a member checks in, a full member votes

/** src/meetings/meeting.repository.ts MEETING_FOR_MEMBER_SQL and attendance.repository.ts / motions.repository.ts statements (the app's, imported). */
const MEETING_FOR_MEMBER = { '': MEETING_FOR_MEMBER_SQL, ' FOR SHARE': `${MEETING_FOR_MEMBER_SQL} FOR SHARE` } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (code: string): BaselineReply => ({ status: 404, body: { statusCode: 404, code, message: 'Not found' } });
const isCheckedIn = (state: string) => state === 'present' || state === 'late';

async function meetingForMember(db: pg.Pool | pg.PoolClient, p: BenchPrincipal, id: string, lock: '' | ' FOR SHARE') {
  return (await db.query(MEETING_FOR_MEMBER[lock], [id, MEMBER_VISIBLE_STATUSES, p.committeeId ?? -1, p.memberId])).rows[0] ?? null;
}

/** Runs `work` in a transaction on one connection: COMMIT when it returns a 2xx, ROLLBACK otherwise or on a throw. */
async function inTransaction(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<BaselineReply>): Promise<BaselineReply> {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const reply = await work(client);
    await client.query(reply.status < 300 ? 'COMMIT' : 'ROLLBACK');
    return reply;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

/** A member's first check-in at a meeting in progress (src/meetings/attendance.service.ts checkIn). */
const meetingCheckIn: HotPath = {
  id: 'meeting-check-in',
  title: 'check-in at a meeting in progress',
  kind: 'write',
  method: 'POST',
  route: '/api/me/meetings/:id/check-in',
  role: 'member',
  async baseline({ pool, settings: s }, req, p) {
    if (!p) return unauthorized;
    if (p.role !== 'member') return { status: 403 };
    if (await rateLimitHit(pool, s.rateLimitWindow, [{ key: `write:u:${p.id}`, max: s.rateLimitWrites }])) return { status: 429 };
    const code = (req.body as { code?: unknown })?.code;
    if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return { status: 400 };
    const id = req.params.id ?? '';
    if (!p.memberId || !UUID.test(id)) return notFound('MEETING_NOT_FOUND');
    const meeting = await meetingForMember(pool, p, id, '');
    if (!meeting) return notFound('MEETING_NOT_FOUND');
    const row = (await pool.query(ATTENDANCE_ROW_SQL, [id, p.memberId])).rows[0];
    if (!row) return notFound('MEETING_NOT_FOUND');
    const answer = (r: { state: string; checkedInAt: Date | null; checkInMethod: string | null }): BaselineReply => ({
      status: 200,
      body: { meetingId: id, state: r.state, checkedInAt: r.checkedInAt?.toISOString() ?? null, checkInMethod: r.checkInMethod },
    });
    if (!mayTakePart(row)) return { status: 403 };
    if (isCheckedIn(row.state)) return answer(row);
    const open = (m: typeof meeting) => m.status === 'in_progress' && m.checkinSecret && inCheckInWindow(m.startsAt, m.endsAt, new Date());
    if (!open(meeting)) return { status: 400 };
    const attempts = [{ key: `meeting-checkin:${id}:${p.memberId}`, max: CHECK_IN_MAX_ATTEMPTS }];
    if (await rateLimitHit(pool, CHECK_IN_ATTEMPT_WINDOW_SECONDS, attempts)) return { status: 429 };
    const now = new Date();
    if (!checkInCodeMatches(meeting.checkinSecret, code, now)) return { status: 400 };
    return inTransaction(pool, async (c) => {
      const locked = await meetingForMember(c, p, id, ' FOR SHARE');
      const current = (await c.query(ATTENDANCE_ROW_SQL_FOR_UPDATE, [id, p.memberId])).rows[0];
      if (!locked || !current) return notFound('MEETING_NOT_FOUND');
      if (isCheckedIn(current.state)) return answer(current);
      if (!open(locked)) return { status: 400 };
      const state = checkInState(locked.startsAt, now);
      await c.query(ATTENDANCE_SET_STATE_SQL, [id, p.memberId, state, now, 'code', null]);
      return answer({ state, checkedInAt: now, checkInMethod: 'code' });
    });
  },
};

/** A full member's vote on an open motion (src/meetings/motions.service.ts vote). */
const meetingVote: HotPath = {
  id: 'meeting-vote',
  title: 'vote on an open motion',
  kind: 'write',
  method: 'POST',
  route: '/api/me/meetings/:id/motions/:motionId/vote',
  role: 'member',
  async baseline({ pool, settings: s }, req, p) {
    if (!p) return unauthorized;
    if (p.role !== 'member') return { status: 403 };
    if (await rateLimitHit(pool, s.rateLimitWindow, [{ key: `write:u:${p.id}`, max: s.rateLimitWrites }])) return { status: 429 };
    const { choice, otherText } = (req.body ?? {}) as { choice?: string; otherText?: string };
    if (choice !== 'agree' && choice !== 'disagree' && choice !== 'other') return { status: 400 };
    const text = otherText?.trim() ?? '';
    if ((choice === 'other') !== Boolean(text)) return { status: 400 };
    const id = req.params.id ?? '';
    const motionId = req.params.motionId ?? '';
    if (!p.memberId || !UUID.test(id)) return notFound('MEETING_NOT_FOUND');
    return inTransaction(pool, async (c) => {
      if (!(await meetingForMember(c, p, id, ''))) return notFound('MEETING_NOT_FOUND');
      const motion = UUID.test(motionId) ? (await c.query(MOTION_SQL_FOR_UPDATE, [motionId, id])).rows[0] : null;
      if (!motion) return notFound('MOTION_NOT_FOUND');
      const row = (await c.query(ATTENDANCE_ROW_SQL, [id, p.memberId])).rows[0];
      if (!row || !row.official || !mayTakePart(row)) return { status: 403 };
      if (!isCheckedIn(row.state)) return { status: 403 };
      if (motion.status !== 'open') return { status: 409 };
      const voted = motion.secret
        ? await c.query(VOTER_SQL, [motion.id, p.memberId])
        : await c.query(NAMED_VOTE_SQL, [motion.id, p.memberId, choice, choice === 'other' ? text : null]);
      if (!voted.rows.length) return { status: 409 };
      await c.query(COUNT_VOTE_SQL[choice], [motion.id]);
      if (motion.secret && choice === 'other') await c.query(SECRET_OTHER_SQL, [motion.id, text]);
      return { status: 201, body: { motionId: motion.id, counted: true } };
    });
  },
};

/**
 * The same route with the batches a phone sends after a short session (10 events): what matters
 * then is the fixed cost per batch, and the rows every batch updates (today's rollup rows of the
 * member's ancestors, the root's included), not the events.
 */
const ingestionSmall: HotPath = { ...ingestion, id: 'event-ingestion-10', title: 'event ingestion (batches of 10)' };

/**
 * In the order the benchmark runs them: login last, because argon2id's 64 MiB per hash (four at a
 * time on libuv's threads) raises the process's resident memory, which the other paths would inherit.
 */
export const HOT_PATHS: HotPath[] = [
  newsFeed,
  notificationInbox,
  notificationUnread,
  documentSearch,
  faqAnswer,
  memberList,
  installRoot,
  installBranch,
  meetingRoot,
  meetingBranch,
  visits,
  ingestion,
  ingestionSmall,
  meetingCheckIn,
  meetingVote,
  login,
];
