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
import type { MemberCountRow } from '../src/analytics/activity-report.repository.js';
import { installFigures } from '../src/analytics/install-rates.service.js';
import { meetingFigures, quarterMonths } from '../src/analytics/meeting-report.service.js';
import {
  CHECK_IN_ATTEMPT_WINDOW_SECONDS,
  CHECK_IN_MAX_ATTEMPTS,
  checkInCodeMatches,
  checkInState,
  inCheckInWindow,
  MEMBER_VISIBLE_STATUSES,
} from '../src/meetings/meetings.rules.js';
import { ratio, resolveWindow, windowDays } from '../src/analytics/report-scope.js';
import { searchTerm } from '../src/common/admin-list.js';
import { CHILDREN_ACTIVITY_SQL } from '../src/analytics/activity-report.repository.js';
import { cursorPage, DEFAULT_CURSOR_LIMIT, encodeCursor } from '../src/common/cursor.js';
import { localDate } from '../src/common/dates.js';
import { toNotificationItem } from '../src/notifications/dto/notification.response.js';
import { UNREAD_COUNT_CAP } from '../src/notifications/notifications.repository.js';
import { etagOf, ifNoneMatchHits } from '../src/common/etag.js';
import { COMMITTEE_IN_SCOPE_SQL } from '../src/committees/committee.repository.js';
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

/** src/members/member.repository.ts list (scopedList + MEMBER_LIST.defaultFilter + LIST_SELECT, getRawMany then getCount), verbatim. */
const MEMBER_PAGE_SQL = `SELECT "m"."id" AS "id", "m"."full_name" AS "fullName", "m"."gender" AS "gender", m.birth_date::text AS "birthDate", COALESCE("m"."party_card_number", "m"."pending_party_card_number") AS "partyCardNumber", COALESCE("m"."external_id", "m"."pending_external_id") AS "externalId", "m"."status" AS "status", m.admitted_at::text AS "admittedAt", m.official_at::text AS "officialAt", "m"."exempted" AS "exempted", m.exempted_at::text AS "exemptedAt", "m"."exempted_reason" AS "exemptedReason", "m"."activity_hold" AS "activityHold", m.activity_hold_since::text AS "activityHoldSince", "m"."activity_hold_note" AS "activityHoldNote", "m"."phone" AS "phone", "m"."email" AS "email", "m"."committee_id" AS "committeeId", "c"."name" AS "committeeName", "m"."end_state" AS "endState", m.ended_at::text AS "endedAt", "m"."end_reason" AS "endReason", "m"."not_installed_reason" AS "notInstalledReason", "m"."installed_at" AS "installedAt", false AS "pushEnabled", "m"."created_at" AS "createdAt", "m"."updated_at" AS "updatedAt" FROM "members" "m" LEFT JOIN "committees" "c" ON "c"."id"="m"."committee_id" WHERE "m"."committee_id" IN (SELECT scope_c.id FROM committees scope_c WHERE scope_c.path <@ CAST($1 AS ltree)) AND "m"."end_state" IS NULL ORDER BY "m"."name_sort_key" ASC NULLS FIRST, "m"."id" ASC LIMIT 25 OFFSET 0`;
/** src/self-service/push-targets.service.ts membersWithPush (the page's pushEnabled, through src/members/member-push-status.ts). */
const MEMBERS_WITH_PUSH_SQL = `SELECT DISTINCT member_id FROM member_devices
        WHERE member_id = ANY($1::uuid[]) AND push_provider IS NOT NULL AND unregistered_at IS NULL`;
const MEMBER_COUNT_SQL = `SELECT COUNT(DISTINCT("m"."id")) AS "cnt" FROM "members" "m" LEFT JOIN "committees" "c" ON "c"."id"="m"."committee_id" WHERE "m"."committee_id" IN (SELECT scope_c.id FROM committees scope_c WHERE scope_c.path <@ CAST($1 AS ltree)) AND "m"."end_state" IS NULL`;
/** src/audit/audit-entry.repository.ts insert (AuditService.record; recordNow: every read of a member list is audited), verbatim. */
const AUDIT_SQL = `INSERT INTO "audit_log"("occurred_at", "actor_id", "actor_username", "actor_role", "action", "entity_type", "entity_id", "committee_id", "details", "client_address", "request_id") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "id", "occurred_at", "details"`;

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
    const rows = (await pool.query(MEMBER_PAGE_SQL, [path])).rows;
    const total = Number((await pool.query(MEMBER_COUNT_SQL, [path])).rows[0].cnt);
    await pool.query(AUDIT_SQL, [
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
/** src/analytics/activity-report.repository.ts activeRootIds: an admin of the whole tree reports on the root. */
const ROOTS_SQL = `SELECT id FROM committees WHERE parent_id IS NULL AND archived_at IS NULL ORDER BY id`;

async function reportCommittee(pool: pg.Pool, p: BenchPrincipal, committeeId: number | undefined): Promise<any | null> {
  const scope = p.role === 'admin' && p.committeePath === null ? null : (p.committeePath ?? '__none__');
  const find = async (id: number) => (await pool.query(COMMITTEE_IN_SCOPE_SQL, [id, scope])).rows[0];
  if (committeeId !== undefined) return (await find(committeeId)) ?? null;
  if (p.committeeId !== null) return (await find(p.committeeId)) ?? null;
  const roots = (await pool.query(ROOTS_SQL)).rows;
  return roots.length === 1 ? ((await find(roots[0].id)) ?? null) : null;
}

/** src/analytics/activity-report.repository.ts activeChildren and memberCounts (InstallRatesService.report). */
const INSTALL_CHILDREN_SQL = `SELECT id, name, kind, phase, target_install_rate::float8 AS "targetInstallRate"
           FROM committees WHERE parent_id = $1 AND archived_at IS NULL ORDER BY name, id`;
const INSTALL_COUNTS_SQL = `SELECT committee_id, status, exempted, installed, reason, n FROM committee_member_counts
        WHERE committee_id = ANY ($1::int[]) AND n <> 0`;

async function installRates({ pool }: BaselineContext, req: BaselineRequest, p: BenchPrincipal | null): Promise<BaselineReply> {
  if (!p) return unauthorized;
  if (!['admin', 'committee_admin', 'secretary'].includes(p.role)) return { status: 403 };
  const committee = await reportCommittee(pool, p, req.query.committeeId ? Number(req.query.committeeId) : undefined);
  if (!committee) return { status: 404 };
  const children = (await pool.query(INSTALL_CHILDREN_SQL, [committee.id])).rows;
  const rows: (MemberCountRow & { committee_id: number })[] = (
    await pool.query(INSTALL_COUNTS_SQL, [[committee.id, ...children.map((c) => c.id)]])
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

/** src/analytics/meeting-report.repository.ts unitCounts and months, verbatim. */
const UNIT_COUNTS_SQL = `SELECT committee_id, units FROM committee_unit_counts WHERE committee_id = ANY ($1::int[])`;
const MEETING_MONTHS_SQL = `SELECT committee_id, month::text AS month, units_held, units_on_time, regular_held, thematic_held, extraordinary_held,
              attendance_expected, attendance_attended
         FROM committee_meeting_months WHERE committee_id = ANY ($1::int[]) AND month = ANY ($2::date[])`;

async function meetingReport({ pool }: BaselineContext, req: BaselineRequest, p: BenchPrincipal | null): Promise<BaselineReply> {
  if (!p) return unauthorized;
  if (!['admin', 'committee_admin', 'secretary'].includes(p.role)) return { status: 403 };
  const month = String(req.query.month);
  const committee = await reportCommittee(pool, p, req.query.committeeId ? Number(req.query.committeeId) : undefined);
  if (!committee) return { status: 404 };
  const children = (await pool.query(INSTALL_CHILDREN_SQL, [committee.id])).rows;
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

/** src/analytics/activity-report.repository.ts dailyActivity, monthlyUniqueMembers, childrenActivity (VisitsService.visits). */
const VISITS_DAYS_SQL = `SELECT day::text AS day, visits, views_document, views_news, views_other, unique_members
         FROM committee_daily_activity WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date`;
const VISITS_MAU_SQL = `SELECT coalesce((SELECT unique_members FROM committee_monthly_activity WHERE committee_id = $1 AND month = $2::date), 0)::int AS mau`;
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
    const rows = (await pool.query(VISITS_DAYS_SQL, [committee.id, window.from, window.to])).rows;
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
    const [{ mau }] = (await pool.query(VISITS_MAU_SQL, [committee.id, month])).rows;
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
        activeMembers: { day: window.to, dau, month, mau, dauMauRatio: ratio(dau, mau) },
        children: [...children.values()].filter((c) => !c.archived || c.total.visits + c.total.memberDays > 0),
      },
    };
  },
};

// ------------------------------------------------------------------------------------------------
// Event ingestion: batches of 500

/** src/analytics/access-event.repository.ts INGEST_SQL (one statement: the events and every rollup), verbatim. */
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
    FROM (SELECT i.*, (i.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day FROM input i JOIN fresh f ON f.id = i.id) x
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
  SELECT member_id, (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
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
  SELECT a.id, (i.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, i.target_type, i.target_id, count(*)::int
    FROM inserted i JOIN me ON me.member_id = i.member_id CROSS JOIN LATERAL unnest(me.ancestors) AS a(id)
   WHERE i.counted AND i.target_type IN ('document', 'news')
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (committee_id, day, target_type, target_id) DO UPDATE SET views = t.views + EXCLUDED.views
  RETURNING 1
)
SELECT me.member_id, count(i.member_id)::int AS accepted FROM me LEFT JOIN inserted i ON i.member_id = me.member_id GROUP BY 1`;

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
// The member's notifications (src/notifications/notifications.repository.ts inbox and unreadCount, verbatim)

const NOTIFICATION_VISIBLE = `(n.audience_committee_id = ANY($2::int[]) OR n.member_id = $1::uuid)
  AND n.publish_at <= now() AND n.expires_at > now()`;
const NOTIFICATION_IS_READ = `((w.member_id IS NOT NULL AND (n.publish_at, n.id) <= (w.read_up_to_at, w.read_up_to_id))
  OR EXISTS (SELECT 1 FROM notification_reads r WHERE r.member_id = $1::uuid AND r.notification_id = n.id))`;
const NOTIFICATION_FROM = `FROM notifications n LEFT JOIN notification_read_watermarks w ON w.member_id = $1::uuid`;
const INBOX_SQL = `SELECT n.id, n.kind, n.title, n.body, n.link_type AS "linkType", n.link_id AS "linkId",
  n.publish_at AS "publishedAt", n.expires_at AS "expiresAt", ${NOTIFICATION_IS_READ} AS read ${NOTIFICATION_FROM}
       WHERE ${NOTIFICATION_VISIBLE} 
       ORDER BY n.publish_at DESC, n.id DESC
       LIMIT $3`;
const UNREAD_SQL = `SELECT count(*)::int AS n FROM (
         SELECT 1 ${NOTIFICATION_FROM}
         WHERE ${NOTIFICATION_VISIBLE}
           AND (w.member_id IS NULL OR (n.publish_at, n.id) > (w.read_up_to_at, w.read_up_to_id))
           AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.member_id = $1::uuid AND r.notification_id = n.id)
         LIMIT $3
       ) unread`;

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

/** src/meetings/meeting.repository.ts findForMember (whereMemberMaySee; TypeORM, verbatim); the check-in adds FOR SHARE. */
const MEETING_FOR_MEMBER_SQL = `SELECT "meeting"."id" AS "meeting_id", "meeting"."committee_id" AS "meeting_committee_id", "meeting"."kind" AS "meeting_kind", "meeting"."month" AS "meeting_month", "meeting"."title" AS "meeting_title", "meeting"."starts_at" AS "meeting_starts_at", "meeting"."ends_at" AS "meeting_ends_at", "meeting"."place" AS "meeting_place", "meeting"."online_url" AS "meeting_online_url", "meeting"."status" AS "meeting_status", "meeting"."status_reason" AS "meeting_status_reason", "meeting"."scheduled_at" AS "meeting_scheduled_at", "meeting"."late" AS "meeting_late", "meeting"."guidance_id" AS "meeting_guidance_id", "meeting"."checkin_secret" AS "meeting_checkin_secret", "meeting"."started_at" AS "meeting_started_at", "meeting"."held_at" AS "meeting_held_at", "meeting"."minutes_summary" AS "meeting_minutes_summary", "meeting"."minutes_conclusions" AS "meeting_minutes_conclusions", "meeting"."minutes_locked_at" AS "meeting_minutes_locked_at", "meeting"."minutes_locked_by" AS "meeting_minutes_locked_by", "meeting"."created_by" AS "meeting_created_by", "meeting"."created_at" AS "meeting_created_at", "meeting"."updated_at" AS "meeting_updated_at" FROM "meetings" "meeting" WHERE "meeting"."id" = $1 AND "meeting"."status" IN ($2, $3, $4, $5, $6, $7) AND ("meeting"."committee_id" = $8 OR EXISTS (SELECT 1 FROM meeting_attendance inv WHERE inv.meeting_id = "meeting"."id" AND inv.member_id = $9))`;
/** src/meetings/attendance.repository.ts find (TypeORM, verbatim); the check-in's second read adds FOR UPDATE. */
const ATTENDANCE_ROW_SQL = `SELECT "a"."meeting_id" AS "a_meeting_id", "a"."member_id" AS "a_member_id", "a"."official" AS "a_official", "a"."exempt" AS "a_exempt", "a"."state" AS "a_state", "a"."checked_in_at" AS "a_checked_in_at", "a"."check_in_method" AS "a_check_in_method", "a"."marked_by" AS "a_marked_by" FROM "meeting_attendance" "a" WHERE "a"."meeting_id" = $1 AND "a"."member_id" = $2`;
/** src/meetings/attendance.repository.ts setState (TypeORM's update, verbatim). */
const ATTENDANCE_SET_SQL = `UPDATE "meeting_attendance" SET "state" = $1, "checked_in_at" = $2, "check_in_method" = $3, "marked_by" = $4 WHERE ("meeting_id" = $5 AND "member_id" = $6)`;
/** src/meetings/motions.repository.ts find (TypeORM, verbatim, FOR UPDATE). */
const MOTION_FOR_UPDATE_SQL = `SELECT "m"."id" AS "m_id", "m"."meeting_id" AS "m_meeting_id", "m"."position" AS "m_position", "m"."title" AS "m_title", "m"."secret" AS "m_secret", "m"."status" AS "m_status", "m"."agree_count" AS "m_agree_count", "m"."disagree_count" AS "m_disagree_count", "m"."other_count" AS "m_other_count", "m"."denominator" AS "m_denominator", "m"."passed" AS "m_passed", "m"."opened_at" AS "m_opened_at", "m"."closed_at" AS "m_closed_at" FROM "meeting_motions" "m" WHERE "m"."id" = $1 AND "m"."meeting_id" = $2 FOR UPDATE`;
/** src/meetings/motions.repository.ts insertNamedVote, insertSecretBallot and count. */
const NAMED_VOTE_SQL = `INSERT INTO motion_votes (motion_id, member_id, choice, other_text, voted_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT DO NOTHING RETURNING motion_id`;
const VOTER_SQL = `INSERT INTO motion_voters (motion_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING motion_id`;
const SECRET_OTHER_SQL = `INSERT INTO motion_secret_ballots (motion_id, other_text) VALUES ($1, $2)`;
const COUNTER_SQL = {
  agree: `UPDATE meeting_motions SET agree_count = agree_count + 1 WHERE id = $1`,
  disagree: `UPDATE meeting_motions SET disagree_count = disagree_count + 1 WHERE id = $1`,
  other: `UPDATE meeting_motions SET other_count = other_count + 1 WHERE id = $1`,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (code: string): BaselineReply => ({ status: 404, body: { statusCode: 404, code, message: 'Not found' } });
const isCheckedIn = (state: string) => state === 'present' || state === 'late';

async function meetingForMember(db: pg.Pool | pg.PoolClient, p: BenchPrincipal, id: string, lock: '' | ' FOR SHARE') {
  return (await db.query(MEETING_FOR_MEMBER_SQL + lock, [id, ...MEMBER_VISIBLE_STATUSES, p.committeeId ?? -1, p.memberId])).rows[0] ?? null;
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
    const answer = (r: { a_state: string; a_checked_in_at: Date | null; a_check_in_method: string | null }): BaselineReply => ({
      status: 200,
      body: { meetingId: id, state: r.a_state, checkedInAt: r.a_checked_in_at?.toISOString() ?? null, checkInMethod: r.a_check_in_method },
    });
    if (isCheckedIn(row.a_state)) return answer(row);
    const open = (m: typeof meeting) =>
      m.meeting_status === 'in_progress' && m.meeting_checkin_secret && inCheckInWindow(m.meeting_starts_at, m.meeting_ends_at, new Date());
    if (!open(meeting)) return { status: 400 };
    const attempts = [{ key: `meeting-checkin:${id}:${p.memberId}`, max: CHECK_IN_MAX_ATTEMPTS }];
    if (await rateLimitHit(pool, CHECK_IN_ATTEMPT_WINDOW_SECONDS, attempts)) return { status: 429 };
    const now = new Date();
    if (!checkInCodeMatches(meeting.meeting_checkin_secret, code, now)) return { status: 400 };
    return inTransaction(pool, async (c) => {
      const locked = await meetingForMember(c, p, id, ' FOR SHARE');
      const current = (await c.query(`${ATTENDANCE_ROW_SQL} FOR UPDATE`, [id, p.memberId])).rows[0];
      if (!locked || !current) return notFound('MEETING_NOT_FOUND');
      if (isCheckedIn(current.a_state)) return answer(current);
      if (!open(locked)) return { status: 400 };
      const state = checkInState(locked.meeting_starts_at, now);
      await c.query(ATTENDANCE_SET_SQL, [state, now, 'code', null, id, p.memberId]);
      return answer({ a_state: state, a_checked_in_at: now, a_check_in_method: 'code' });
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
      const motion = UUID.test(motionId) ? (await c.query(MOTION_FOR_UPDATE_SQL, [motionId, id])).rows[0] : null;
      if (!motion) return notFound('MOTION_NOT_FOUND');
      const row = (await c.query(ATTENDANCE_ROW_SQL, [id, p.memberId])).rows[0];
      if (!row || !row.a_official || !isCheckedIn(row.a_state)) return { status: 403 };
      if (motion.m_status !== 'open') return { status: 409 };
      const voted = motion.m_secret
        ? await c.query(VOTER_SQL, [motion.m_id, p.memberId])
        : await c.query(NAMED_VOTE_SQL, [motion.m_id, p.memberId, choice, choice === 'other' ? text : null]);
      if (!voted.rows.length) return { status: 409 };
      await c.query(COUNTER_SQL[choice], [motion.m_id]);
      if (motion.m_secret && choice === 'other') await c.query(SECRET_OTHER_SQL, [motion.m_id, text]);
      return { status: 201, body: { motionId: motion.m_id, counted: true } };
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
