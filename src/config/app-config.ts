import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { passwordProblem } from './password-policy.js';
import { PUSH_CREDENTIAL_VARIABLES, pushConfigProblem } from './push-config.js';

const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const v = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value; // left as a string so @IsBoolean reports it
};
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * The process environment, validated once at boot. Every variable is documented in the README;
 * a bad value stops the process with a message naming the variable.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** A PostgreSQL server; when unset the embedded PGlite server is started in-process. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * A read replica of DATABASE_URL (streaming replication, or PgBouncer in front of replicas): the
   * reports read from it (src/database/read-replica.ts); everything else stays on the primary.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_REPLICA_URL must be a postgres:// URL' })
  DATABASE_REPLICA_URL?: string;

  @IsString()
  DATA_DIR = './data';

  /** Where the embedded database keeps its files; `memory://` for a throw-away one. */
  @IsOptional()
  @IsString()
  PGLITE_DATA_DIR?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * The job queue (pg-boss, src/jobs/): `on` runs this process's workers (push fan-out and
   * delivery), `off` only enqueues, for an API-only instance. Default: on, except when NODE_ENV=test.
   */
  @IsOptional()
  @IsIn(['on', 'off'])
  JOBS_WORKERS?: 'on' | 'off';

  /** Connections of the job queue's own pool (pg-boss), besides DB_POOL_SIZE. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOBS_POOL_SIZE = 3;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Access-token lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL = 900;

  /** Refresh-token (session) lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  JWT_REFRESH_TTL = 30 * 86400;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'ADMIN_USERNAME must be 3-64 letters, digits, dots, dashes or underscores' })
  ADMIN_USERNAME?: string;

  /** Must pass the password policy (auth/password-policy.ts): the process refuses to start otherwise. */
  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  /** Seed the demo province on start. Default: on for the embedded database, off for DATABASE_URL. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  DEMO_MEMBERS = 10_000;

  /** Failed-or-not login attempts allowed per username, and per client address, in one window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_PER_USERNAME = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_PER_CLIENT = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** Consecutive failed passwords after which an account is locked (a success resets the count). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOCKOUT_THRESHOLD = 10;

  /** How long a locked account stays locked, unless staff unlock it sooner (POST /api/users/{id}/unlock). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(525_600)
  LOCKOUT_MINUTES = 30;

  /**
   * A device token (given at each successful login, auth/login-devices.service.ts) is trusted for
   * this many days after its last successful login: its logins skip the per-username throttle and
   * the account lock.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  LOGIN_DEVICE_DAYS = 365;

  /**
   * Password hashes and checks at the full cost (auth/passwords.ts CURRENT_COST: 12 MiB, ~17 ms
   * of CPU each) running at once per process; the rest of a burst of logins waits, and the cores
   * stay free for the other requests. More lets a burst of logins use more cores, 12 MiB each.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  PASSWORD_HASH_CONCURRENCY = 1;

  /** Writes (POST, PUT, PATCH, DELETE) allowed per account in one rate-limit window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITES = 120;

  /** Requests to public routes (login, refresh, health) allowed per client address in one window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PUBLIC = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /**
   * A request must arrive whole, and be answered, within this many milliseconds (else 408 / 503).
   * Uploads, exports and bulk issues get LONG_REQUEST_TIMEOUT_MS (common/request-timeouts.ts).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  LONG_REQUEST_TIMEOUT_MS = 600_000;

  /**
   * Bulkheads (common/long-work.ts): exports, imports and the bulk issue of accounts one account may
   * run at once (more: 429 TOO_MANY_CONCURRENT_JOBS) ...
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LONG_WORK_PER_ACCOUNT = 2;

  /**
   * ... and the most of them a process runs at once, each holding one pooled connection (more: 503
   * LONG_WORK_BUSY). Below DB_POOL_SIZE, so that members' requests keep connections; default half of it.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(199)
  LONG_WORK_MAX_CONNECTIONS?: number;

  /** PostgreSQL statement_timeout of every pooled connection: no statement holds the database longer. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DB_STATEMENT_TIMEOUT_MS = 15_000;

  /** Days a notification stays in the members' inboxes after it is published; then it is hidden and purged. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  NOTIFICATION_TTL_DAYS = 90;

  /** Largest accepted request body, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT = 1_048_576;

  /** Largest accepted member-import file (multipart upload), in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES = 20 * 1024 * 1024;

  // Caps on what a member-import file may hold once read: the reader stops at the first one
  // crossed and answers 413/422, so a small hostile file cannot exhaust the heap (docs/security.md).
  /** Characters in one cell. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  IMPORT_MAX_CELL_CHARS = 4_000;

  /** Columns in one row. */
  @Transform(toInt)
  @IsInt()
  @Min(20)
  @Max(16_384)
  IMPORT_MAX_COLUMNS = 200;

  /** Cells held in memory for the whole file (rows × their width). */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(100_000_000)
  IMPORT_MAX_CELLS = 4_000_000;

  /** Characters of text in the whole file (an xlsx's shared strings and inline strings, a CSV's cells; each string also counts 16). */
  @Transform(toInt)
  @IsInt()
  @Min(10_000)
  @Max(1_000_000_000)
  IMPORT_MAX_TEXT_CHARS = 40_000_000;

  /** Uncompressed size of each part of an .xlsx workbook that is read (the sheet, the shared strings, the styles), in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(65_536)
  IMPORT_MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

  /** Uncompressed / compressed size of an .xlsx part over 1 MiB uncompressed. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1_100)
  IMPORT_MAX_COMPRESSION_RATIO = 200;

  /** Nesting depth of an .xlsx part's XML elements. */
  @Transform(toInt)
  @IsInt()
  @Min(8)
  @Max(1_000)
  IMPORT_MAX_XML_DEPTH = 32;

  /** Largest accepted document file (PDF, DOCX, image upload), in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  FILE_MAX_BYTES = 25 * 1024 * 1024;

  /**
   * Anonymous surveys: the fewest respondents a shown figure may describe. Results, breakdowns,
   * exports and respondent counts of a smaller group are suppressed, and live results move only
   * when at least this many new answers have come in (src/surveys/surveys.rules.ts).
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  SURVEY_ANONYMITY_K = 5;

  /** Raw usage events are kept this many whole months before the current one (daily rollups stay). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  EVENT_RETENTION_MONTHS = 13;

  /**
   * A member's usage events counted per (Vietnam) day; more are stored but add no views, and the
   * member is reported as over the rate in the visits report (visits are sessions, bounded anyway).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  EVENTS_MAX_COUNTED_PER_MEMBER_DAY = 300;

  /**
   * Hosts (comma-separated, no port) accepted as Web Push endpoints besides the real push services
   * (src/self-service/push-subscription.rules.ts), over http too: local stub servers in tests.
   * The server POSTs to a subscription's endpoint, so every other host is refused (SSRF).
   */
  @Transform(toList)
  @IsString({ each: true })
  WEB_PUSH_EXTRA_HOSTS: string[] = [];

  /** Origins allowed by CORS (comma-separated); empty means same-origin only. */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /** Trust X-Forwarded-For from a reverse proxy in front of the API. */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** Serve Swagger UI and the OpenAPI JSON. Default: on, except when NODE_ENV=production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED: boolean = true;

  // Push delivery (src/notifications/push/providers, README "Push notifications"). Each provider is
  // off until all of its credentials are set; a partial set stops the process (push-config.ts).
  /** Web Push (VAPID): the application server's P-256 key pair, base64url (`npx web-push generate-vapid-keys`). */
  @IsOptional()
  @IsString()
  WEB_PUSH_VAPID_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  WEB_PUSH_VAPID_PRIVATE_KEY?: string;

  /** Who push services contact about this sender: a `mailto:` or `https:` URL. */
  @IsOptional()
  @Matches(/^(mailto:|https:\/\/)\S+$/, { message: 'WEB_PUSH_SUBJECT must be a mailto: or https:// URL' })
  WEB_PUSH_SUBJECT?: string;

  /** FCM HTTP v1 (Android): the Firebase project and a service account allowed to send to it. */
  @IsOptional()
  @IsString()
  FCM_PROJECT_ID?: string;

  @IsOptional()
  @IsString()
  FCM_CLIENT_EMAIL?: string;

  /** The service account's RSA private key, PEM (`\\n` escapes are read as line breaks). */
  @IsOptional()
  @IsString()
  FCM_PRIVATE_KEY?: string;

  @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'FCM_BASE_URL must be an http(s) origin' })
  FCM_BASE_URL = 'https://fcm.googleapis.com';

  @Matches(/^https?:\/\/\S+$/, { message: 'FCM_TOKEN_URL must be an http(s) URL' })
  FCM_TOKEN_URL = 'https://oauth2.googleapis.com/token';

  /** APNs (iOS), token-based: the key's id, the team, the .p8 key (PEM) and the app's bundle id. */
  @IsOptional()
  @Matches(/^[A-Z0-9]{10}$/, { message: 'APNS_KEY_ID must be the 10-character key id' })
  APNS_KEY_ID?: string;

  @IsOptional()
  @Matches(/^[A-Z0-9]{10}$/, { message: 'APNS_TEAM_ID must be the 10-character team id' })
  APNS_TEAM_ID?: string;

  @IsOptional()
  @IsString()
  APNS_PRIVATE_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'APNS_TOPIC must be the app bundle id' })
  APNS_TOPIC?: string;

  /** https://api.sandbox.push.apple.com for development builds of the app. */
  @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'APNS_BASE_URL must be an http(s) origin' })
  APNS_BASE_URL = 'https://api.push.apple.com';

  /** Requests in flight at once to each push service, per process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PUSH_CONCURRENCY_WEBPUSH = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PUSH_CONCURRENCY_FCM = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PUSH_CONCURRENCY_APNS = 50;

  /** A push request not answered within this many milliseconds is abandoned and retried later. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  PUSH_TIMEOUT_MS = 10_000;

  /** Sends tried per device for one notification (the first included) before it is 'failed' and dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  PUSH_MAX_ATTEMPTS = 5;

  /** The first retry waits this many seconds (or the service's Retry-After, if longer); each next one twice as long, at most an hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  PUSH_RETRY_DELAY_SECONDS = 30;

  /** Devices read per page of the audience by the fan-out (keyset on the device row id). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  PUSH_FANOUT_PAGE_SIZE = 500;

  /** Devices sent at once and recorded together: a crash re-sends at most this many (the chunk in flight). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PUSH_CHUNK_SIZE = 50;

  /** Chunks of one delivery sent at the same time (within the providers' limits): a crash re-sends at most these. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PUSH_CHUNKS_IN_FLIGHT = 4;

  /**
   * While the API answers requests and the process is out of CPU (event loop > 80% busy), the fan-out
   * keeps to about this percentage of the time, pausing after each chunk (100: never pauses).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  PUSH_BUSY_SHARE = 20;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  get embeddedDatabase(): boolean {
    return !this.DATABASE_URL;
  }

  get jobsWorkers(): boolean {
    return (this.JOBS_WORKERS ?? (this.NODE_ENV === 'test' ? 'off' : 'on')) === 'on';
  }

  get longWorkMaxConnections(): number {
    return this.LONG_WORK_MAX_CONNECTIONS ?? Math.max(1, Math.floor(this.DB_POOL_SIZE / 2));
  }

  /** Never in production (loadConfig refuses SEED_DEMO=true there): the demo accounts share a published password. */
  get seedDemo(): boolean {
    return this.SEED_DEMO ?? (this.embeddedDatabase && this.NODE_ENV !== 'production');
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'LONG_WORK_MAX_CONNECTIONS',
    'JOBS_WORKERS',
    'DATABASE_URL',
    'DATABASE_REPLICA_URL',
    'PGLITE_DATA_DIR',
    'JWT_SECRET',
    'ADMIN_USERNAME',
    'ADMIN_PASSWORD',
    'SEED_DEMO',
    ...PUSH_CREDENTIAL_VARIABLES,
  ]) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { skipMissingProperties: false });
  if (problems.length) {
    const lines = problems.map((p) => `  ${p.property}: ${Object.values(p.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && config.SEED_DEMO) {
    // refused rather than seeded with random passwords: a production database never needs the demo
    // province, and a start that prints passwords leaves them in every log collector
    throw new ConfigError(
      'Invalid configuration:\n  SEED_DEMO: must not be true when NODE_ENV=production (the demo accounts share a password published in the README); unset SEED_DEMO, or run the demo with another NODE_ENV',
    );
  }
  if (config.DATABASE_REPLICA_URL && !config.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL (the embedded database has no replica)');
  }
  if (
    config.LONG_WORK_MAX_CONNECTIONS !== undefined &&
    config.DB_POOL_SIZE > 1 &&
    config.LONG_WORK_MAX_CONNECTIONS >= config.DB_POOL_SIZE
  ) {
    throw new ConfigError(
      `Invalid configuration:\n  LONG_WORK_MAX_CONNECTIONS: must be below DB_POOL_SIZE (${config.DB_POOL_SIZE}), so that members' requests keep connections`,
    );
  }
  if (Boolean(config.ADMIN_USERNAME) !== Boolean(config.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_USERNAME/ADMIN_PASSWORD: set both or neither');
  }
  const adminPasswordProblem = config.ADMIN_PASSWORD ? passwordProblem(config.ADMIN_PASSWORD, config.ADMIN_USERNAME!) : null;
  if (adminPasswordProblem) {
    throw new ConfigError(`Invalid configuration:\n  ADMIN_PASSWORD: ${adminPasswordProblem}`);
  }
  const pushProblem = pushConfigProblem(config);
  if (pushProblem) throw new ConfigError(`Invalid configuration:\n  ${pushProblem}`);
  if (raw.SWAGGER_ENABLED === undefined) config.SWAGGER_ENABLED = config.NODE_ENV !== 'production';
  return config;
}
