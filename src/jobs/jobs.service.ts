import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config.js';
import { DatabaseServer } from '../database/database.module.js';
import type { Tx } from '../database/transactions.js';
import { transactionDb } from './jobs.repository.js';

/** The schema pg-boss creates (and migrates) by itself at start: not a TypeORM migration, not an entity. */
export const JOBS_SCHEMA = 'pgboss';

/** How long a graceful stop waits for the handlers in flight before failing them back to the queue (they are retried). */
const STOP_TIMEOUT_MS = 10_000;

export interface QueueOptions {
  /** Retries after the first failure (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 5); with `retryBackoff` it doubles each time (with jitter). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Seconds a handler may run before the job counts as failed (and is retried). Default 15 minutes. */
  expireInSeconds?: number;
  /**
   * A queue that receives the job (with the same data) once it has failed `retryLimit + 1` times:
   * the dead-letter list. Defined by `defineQueue` too (it needs no options of its own).
   */
  deadLetter?: string;
}

export interface SendOptions {
  /**
   * At most one job per queue and key: a second send with the same key while the first is kept
   * (pending, running, done or failed, until archived: 12 h after it finished) returns null and
   * enqueues nothing. Implemented as a job id derived from queue and key (pg-boss inserts with ON
   * CONFLICT DO NOTHING), so it holds under any queue policy; the key is also pg-boss's singletonKey.
   */
  singletonKey?: string;
  /** Not before this time (a Date) or this many seconds from now. */
  startAfter?: Date | number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  priority?: number;
}

export interface WorkOptions {
  /** Jobs fetched and handed to the handler at once (default 1). */
  batchSize?: number;
  /** How often an idle worker polls (seconds, at least 0.5; default 2). */
  pollingIntervalSeconds?: number;
  /** Workers polling this queue in this process (default 1): the queue's concurrency per process. */
  concurrency?: number;
}

export interface Job<T> {
  id: string;
  data: T;
  /** Failures so far (0 on the first attempt). */
  retryCount: number;
}

/**
 * Handles a batch of jobs. Resolving completes them all; throwing fails them all (each is retried
 * up to its limit, then goes to the dead-letter queue). A handler must be idempotent: a job whose
 * process died mid-way runs again.
 */
export type JobHandler<T> = (jobs: Job<T>[]) => Promise<void>;

/** A job as stored: for reports and tests. */
export interface JobState {
  id: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
  data: unknown;
  /** Not run before this time. */
  startAfter: Date;
}

/**
 * The job queue: pg-boss on the application's own PostgreSQL (the server of DATABASE_URL or the
 * embedded PGlite's socket), in its own schema `pgboss` that it creates and migrates at start.
 * Jobs survive a restart: a job sent and not yet done is done by the next process that works the
 * queue; one that was running when a process died is retried after it expires.
 *
 * Modules define their queues and register their handlers in their own `onModuleInit` (this
 * module, which they import, has started by then). With JOBS_WORKERS=off (the default under
 * NODE_ENV=test) handlers are recorded but nothing polls: jobs wait in the database, and
 * `startWorkers()` starts them (tests that want the workers ask for them).
 *
 * pg-boss has its own pool (JOBS_POOL_SIZE connections), so that a fan-out never takes the
 * connections members' requests need. `send(..., tx)` enqueues inside the caller's transaction:
 * the job exists exactly when the transaction commits (a 2xx write is never without its job).
 */
@Injectable()
export class JobsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private boss?: PgBoss;
  private workersStarted = false;
  private readonly handlers = new Map<string, { options: WorkOptions; handler: JobHandler<unknown> }>();

  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseServer,
  ) {}

  async onModuleInit(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.database.url,
      schema: JOBS_SCHEMA,
      max: this.config.JOBS_POOL_SIZE,
      application_name: 'sotay-jobs',
      // expiry, archiving and deletion of old jobs: by the processes that work queues
      supervise: this.config.jobsWorkers,
      // no cron schedules yet: no clock polling
      schedule: false,
      migrate: true,
    });
    boss.on('error', (error: Error) => this.log.error(`job queue: ${error.stack ?? error.message}`));
    await boss.start();
    this.boss = boss;
    this.workersStarted = false;
    this.log.log(`job queue on schema ${JOBS_SCHEMA}; workers ${this.config.jobsWorkers ? 'on' : 'off (JOBS_WORKERS=off)'}`);
    if (this.config.jobsWorkers) this.workersStarted = true;
  }

  /**
   * Graceful stop, before the database pool and the embedded server close (their hooks run in
   * onApplicationShutdown, after every beforeApplicationShutdown): no new jobs are fetched, the
   * handlers in flight get STOP_TIMEOUT_MS to finish, and what is still running then is failed
   * back to its queue, to be retried by the next process.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    await boss.stop({ graceful: true, wait: true, close: true, timeout: STOP_TIMEOUT_MS });
  }

  private get started(): PgBoss {
    if (!this.boss) throw new Error('the job queue is not running');
    return this.boss;
  }

  /** Creates the queue if missing and brings its options up to date (idempotent; safe from several processes). */
  async defineQueue(name: string, options: QueueOptions = {}): Promise<void> {
    const boss = this.started;
    const queue = {
      name,
      retryLimit: options.retryLimit ?? 3,
      retryDelay: options.retryDelay ?? 5,
      retryBackoff: options.retryBackoff ?? true,
      ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}),
      ...(options.deadLetter ? { deadLetter: options.deadLetter } : {}),
    };
    // two processes starting at once define the same queues: pg-boss's createQueue can then deadlock
    // (40P01) or find the other's row (23505) (seen in test/e2e/two-instances); the queue is there after
    // a retry, and defining it again is harmless
    for (let attempt = 1; ; attempt++) {
      try {
        if (options.deadLetter) await boss.createQueue(options.deadLetter, { name: options.deadLetter });
        await boss.createQueue(name, queue);
        await boss.updateQueue(name, queue);
        return;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505' && code !== '40001')) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
      }
    }
  }

  /**
   * Enqueues a job; its id, or null when `singletonKey` names a job that is already kept.
   * With `tx`, inside that transaction (committed or rolled back with it).
   */
  async send<T extends object>(queue: string, data: T, options: SendOptions = {}, tx?: Tx): Promise<string | null> {
    const { singletonKey, startAfter, ...rest } = options;
    const sendOptions: PgBoss.SendOptions = {
      ...rest,
      ...(singletonKey ? { singletonKey, id: keyedJobId(queue, singletonKey) } : {}),
      ...(startAfter instanceof Date
        ? { startAfter }
        : typeof startAfter === 'number'
          ? { startAfter: Math.max(0, Math.ceil(startAfter)) }
          : {}),
      ...(tx ? { db: transactionDb(tx) } : {}),
    };
    const id = await this.started.send(queue, data, sendOptions);
    // pg-boss inserts nothing (and answers null) for a queue that was never defined
    if (id === null && !singletonKey) throw new Error(`job queue ${queue} is not defined`);
    return id;
  }

  /** Registers the handler of a queue; it polls now if the workers run, else when `startWorkers()` is called. */
  async work<T>(queue: string, options: WorkOptions, handler: JobHandler<T>): Promise<void> {
    if (this.handlers.has(queue)) throw new Error(`queue ${queue} has a handler already`);
    this.handlers.set(queue, { options, handler: handler as JobHandler<unknown> });
    if (this.workersStarted) await this.startWorker(queue);
  }

  /** Starts polling every registered queue (when JOBS_WORKERS=off, e.g. in a test that wants the jobs done). */
  async startWorkers(): Promise<void> {
    if (this.workersStarted) return;
    this.workersStarted = true;
    for (const queue of this.handlers.keys()) await this.startWorker(queue);
  }

  private async startWorker(queue: string): Promise<void> {
    const { options, handler } = this.handlers.get(queue)!;
    const workOptions = {
      batchSize: options.batchSize ?? 1,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      includeMetadata: true as const,
    };
    for (let i = 0; i < (options.concurrency ?? 1); i++) {
      await this.started.work<unknown>(queue, workOptions, async (jobs) => {
        await handler(jobs.map((j) => ({ id: j.id, data: j.data, retryCount: j.retryCount })));
      });
    }
  }

  /**
   * Cancels the job a `singletonKey` named if it has not finished (a cancelled job is never worked);
   * nothing happens when there is none.
   */
  async cancelKeyed(queue: string, singletonKey: string): Promise<void> {
    await this.started.cancel(queue, keyedJobId(queue, singletonKey));
  }

  /** A job by id (the archive included), or null. */
  async job(queue: string, id: string): Promise<JobState | null> {
    const job = await this.started.getJobById(queue, id, { includeArchive: true });
    return job ? { id: job.id, state: job.state, retryCount: job.retryCount, data: job.data, startAfter: new Date(job.startAfter) } : null;
  }

  /** Jobs of a queue not yet done (created or waiting for a retry, and running). */
  async pending(queue: string): Promise<number> {
    return this.started.getQueueSize(queue, { before: 'completed' });
  }
}

/** A uuid-shaped id derived from queue and key: the same key always names the same job. */
export function keyedJobId(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
  // version 8 (custom) and the RFC 4122 variant, so it is a well-formed uuid
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
