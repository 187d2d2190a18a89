/**
 * The baseline: a bare Fastify + `pg` server that answers the benchmark's hot paths with the same
 * SQL as the application (bench/paths.ts), and nothing else: no Nest, no guards or pipes, no
 * TypeORM. Its throughput is the ceiling of this stack (Node, Fastify, pg, PostgreSQL) on this
 * machine; the benchmark reports the app's throughput as a share of it.
 *
 * Configured from the same environment variables as the app (DATABASE_URL, JWT_SECRET,
 * DB_POOL_SIZE, the rate limits), plus PORT.
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { anonymizeAddress } from '../src/common/client-address.js';
import {
  HOT_PATHS,
  LOAD_PRINCIPAL_SQL,
  principalOf,
  stopFaqListening,
  verifyAccessToken,
  type BaselineContext,
  type BaselineRequest,
  type BenchSettings,
} from './paths.js';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

export function settingsFromEnv(): BenchSettings {
  const jwtSecret = process.env.JWT_SECRET;
  if (!jwtSecret) throw new Error('JWT_SECRET is required');
  return {
    jwtSecret,
    accessTtl: num('JWT_ACCESS_TTL', 900),
    refreshTtl: num('JWT_REFRESH_TTL', 30 * 86400),
    rateLimitWindow: num('RATE_LIMIT_WINDOW_SECONDS', 60),
    rateLimitWrites: num('RATE_LIMIT_WRITES', 120),
    rateLimitPublic: num('RATE_LIMIT_PUBLIC', 60),
    loginMaxPerUsername: num('LOGIN_MAX_PER_USERNAME', 10),
    loginMaxPerClient: num('LOGIN_MAX_PER_CLIENT', 300),
    loginWindow: num('LOGIN_WINDOW_SECONDS', 900),
    loginDeviceDays: num('LOGIN_DEVICE_DAYS', 365),
    retentionMonths: num('EVENT_RETENTION_MONTHS', 13),
    eventsCap: num('EVENTS_MAX_COUNTED_PER_MEMBER_DAY', 300),
  };
}

export async function startBaseline(options: {
  databaseUrl: string;
  port: number;
  host?: string;
  poolSize?: number;
  settings: BenchSettings;
}) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  const app = Fastify({ logger: false, trustProxy: true, bodyLimit: 1_048_576, genReqId: () => randomUUID() });
  const ctx: BaselineContext = {
    pool,
    settings: options.settings,
    async authenticate(req: BaselineRequest) {
      const header = req.headers.authorization;
      const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
      const claims = token ? verifyAccessToken(options.settings.jwtSecret, token) : null;
      if (!claims) return null;
      const row = (await pool.query(LOAD_PRINCIPAL_SQL, [claims.sub, claims.sid])).rows[0];
      return row ? principalOf(row, claims.sid, anonymizeAddress(req.ip) ?? req.ip, req.id) : null;
    },
  };

  app.get('/api/health', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });
  const routes = new Map<string, (typeof HOT_PATHS)[number]>();
  for (const path of HOT_PATHS) routes.set(`${path.method} ${path.route}`, path);
  for (const path of routes.values()) {
    app.route({
      method: path.method,
      url: path.route,
      handler: async (request, reply) => {
        const req: BaselineRequest = {
          query: request.query as Record<string, string | undefined>,
          params: request.params as Record<string, string | undefined>,
          body: request.body,
          headers: request.headers,
          ip: request.ip,
          id: String(request.id),
        };
        const principal = path.role === 'public' ? null : await ctx.authenticate(req);
        const out = await path.baseline(ctx, req, principal);
        reply.status(out.status);
        if (out.headers) reply.headers(out.headers);
        return out.body ?? '';
      },
    });
  }
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return {
    app,
    async close() {
      await app.close();
      await stopFaqListening(pool);
      await pool.end();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL is required');
    process.exit(1);
  }
  startBaseline({
    databaseUrl,
    port: num('PORT', 3100),
    host: process.env.HOST,
    poolSize: num('DB_POOL_SIZE', 10),
    settings: settingsFromEnv(),
  })
    .then(({ close }) => {
      console.log(`baseline listening on ${process.env.HOST ?? '127.0.0.1'}:${num('PORT', 3100)}`);
      const stop = () => void close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
