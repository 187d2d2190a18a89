import { Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { apiPressure } from '../../common/api-pressure.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { JobsService, type Job } from '../../jobs/jobs.service.js';
import { PushTargetsService, type PushAudience, type PushTargetRow } from '../../self-service/push-targets.service.js';
import type { Notification } from '../notification.entity.js';
import { NotificationsService } from '../notifications.service.js';
import { PushDeliveriesRepository, type DeliveryRecord } from './push-deliveries.repository.js';
import { createPushProviders, type PushProviders } from './providers/create-push-providers.js';
import type { PushMessage, PushOutcome, PushTarget } from './providers/push-provider.js';

/** One job per notification: pages through its audience's devices and delivers (notification id = singleton key). */
export const PUSH_FANOUT_QUEUE = 'push-fanout';
/** Delayed deliveries to a few devices: after quiet hours, or a retry with backoff. */
export const PUSH_DELIVER_QUEUE = 'push-deliver';
/** pg-boss's dead-letter queue for fan-out and delivery jobs that failed every retry (the devices' own dead letters are rows 'failed'). */
export const PUSH_DEAD_QUEUE = 'push-dead';

/** The longest wait before a retry. */
const MAX_RETRY_DELAY_MS = 3_600_000;
/** The event loop utilization above which the process counts as out of CPU (see PUSH_BUSY_SHARE). */
const BUSY_LOOP_UTILIZATION = 0.8;
/** The longest pause after one chunk while the API is busy. */
const MAX_BUSY_PAUSE_MS = 2_000;
/** A push due within this much of now goes now (quiet hours end on whole minutes). */
const DUE_SLACK_MS = 1_000;

export interface FanoutJobData {
  notificationId: string;
}

export interface DeliverJobData {
  notificationId: string;
  /** This is the devices' attempt number `attempt` (1: the first send, after quiet hours; 2+: retries). */
  attempt: number;
  devices: PushTargetRow[];
}

/** The stored target (self-service) as a provider takes it. */
function providerTarget(row: PushTargetRow): PushTarget {
  const t = row.target;
  return t.provider === 'webpush'
    ? { provider: 'webpush', endpoint: t.endpoint, keys: { p256dh: t.p256dh, auth: t.auth } }
    : { provider: t.provider, token: t.token };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Push delivery (docs/notifications.md): the fan-out worker pages through the devices of a
 * notification's audience, applies each member's preferences (muted kinds, quiet hours), sends
 * through the providers in chunks and records every device's outcome in `push_deliveries` right
 * after its chunk; retries and quiet hours become delayed `push-deliver` jobs. Exactly once per
 * device across restarts, but for the chunk in flight when a process dies (the collapse key makes a
 * phone show that one push once).
 */
@Injectable()
export class PushDeliveryService implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly log = new Logger('Push');
  private providers!: PushProviders;
  /** Set when the application stops: a fan-out stops between chunks and leaves the rest to the next process. */
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly jobs: JobsService,
    private readonly repo: PushDeliveriesRepository,
    private readonly notifications: NotificationsService,
    private readonly targets: PushTargetsService,
    private readonly committees: CommitteesService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.stopping = false;
    this.providers = createPushProviders(this.config, this.log);
    const retries = { retryLimit: 10, retryDelay: 5, retryBackoff: true, deadLetter: PUSH_DEAD_QUEUE };
    await this.jobs.defineQueue(PUSH_FANOUT_QUEUE, { ...retries, expireInSeconds: 3600 });
    await this.jobs.defineQueue(PUSH_DELIVER_QUEUE, { ...retries, expireInSeconds: 900 });
    await this.jobs.work<FanoutJobData>(PUSH_FANOUT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, concurrency: 1 }, (batch) =>
      this.each(batch, (data) => this.fanOut(data.notificationId)),
    );
    await this.jobs.work<DeliverJobData>(PUSH_DELIVER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, concurrency: 2 }, (batch) =>
      this.each(batch, (data) => this.deliverLater(data)),
    );
  }

  onModuleDestroy(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.providers?.close();
  }

  private async each<T>(batch: Job<T>[], handle: (data: T) => Promise<void>): Promise<void> {
    for (const job of batch) await handle(job.data);
  }

  private async current(notificationId: string): Promise<Notification | null> {
    const n = await this.repo.findNotification(notificationId);
    if (!n || n.expiresAt.getTime() <= Date.now()) return null;
    return n;
  }

  private message(n: Notification): PushMessage {
    return {
      notificationId: n.id,
      title: n.title,
      body: n.body,
      ...(n.linkType && n.linkId ? { link: { type: n.linkType, id: n.linkId } } : {}),
    };
  }

  /** The fan-out job: every page of the audience, each device that has no row yet. Idempotent. */
  async fanOut(notificationId: string): Promise<void> {
    const n = await this.current(notificationId);
    if (!n) return; // cancelled, purged or expired: nothing to push
    let audience: PushAudience;
    if (n.audienceCommitteeId !== null) {
      const committee = await this.committees.findById(this.tx.none, n.audienceCommitteeId);
      if (!committee) return;
      audience = { committeePath: committee.path };
    } else {
      audience = { memberId: n.memberId! };
    }
    const message = this.message(n);
    const pageSize = this.config.PUSH_FANOUT_PAGE_SIZE;
    // the next page is read while this one is sent
    let page = await this.targets.pushTargets(audience, null, pageSize);
    while (page.length) {
      const next =
        page.length < pageSize ? Promise.resolve([]) : this.targets.pushTargets(audience, page[page.length - 1].deviceRowId, pageSize);
      // a failed read of the next page surfaces when it is awaited, not as an unhandled rejection meanwhile
      next.catch(() => undefined);
      await this.firstPass(n, message, page);
      page = await next;
    }
  }

  /**
   * One page of the fan-out: devices that already have a row are someone else's (done, or waiting in
   * a delayed job); the others are muted, skipped (provider off), held for quiet hours, or sent now.
   */
  private async firstPass(n: Notification, message: PushMessage, page: PushTargetRow[]): Promise<void> {
    const known = await this.repo.states(
      n.id,
      page.map((d) => d.deviceRowId),
    );
    const fresh = page.filter((d) => !known.has(d.deviceRowId));
    if (!fresh.length) return;
    const prefs = await this.notifications.pushPreferences([...new Set(fresh.map((d) => d.memberId))]);
    const now = Date.now();
    const due = new Date(Math.max(now, n.publishAt.getTime()));
    const settled: DeliveryRecord[] = [];
    const held = new Map<number, PushTargetRow[]>();
    const sendNow: PushTargetRow[] = [];
    for (const d of fresh) {
      const base = { deviceId: d.deviceRowId, memberId: d.memberId, committeeId: d.committeeId, attempts: 0 };
      const provider = this.providers.for(d.target.provider);
      if (!provider.enabled) {
        settled.push({ ...base, status: 'skipped', lastError: `${d.target.provider} push is off: ${provider.disabledReason}` });
        continue;
      }
      const at = this.notifications.pushAt(prefs.get(d.memberId), n.kind, due);
      if (at === null) settled.push({ ...base, status: 'muted', lastError: null });
      else if (at.getTime() > now + DUE_SLACK_MS) held.set(at.getTime(), [...(held.get(at.getTime()) ?? []), d]);
      else sendNow.push(d);
    }
    if (settled.length || held.size) {
      await this.tx.run(async (tx) => {
        const waiting = [...held.values()].flat();
        await this.repo.record(tx, n.id, [
          ...settled,
          ...waiting.map((d) => ({
            deviceId: d.deviceRowId,
            memberId: d.memberId,
            committeeId: d.committeeId,
            status: 'pending' as const,
            attempts: 0,
            lastError: null,
          })),
        ]);
        for (const [at, devices] of held) {
          for (const part of chunks(devices, this.config.PUSH_FANOUT_PAGE_SIZE)) {
            await this.jobs.send<DeliverJobData>(
              PUSH_DELIVER_QUEUE,
              { notificationId: n.id, attempt: 1, devices: part },
              { startAfter: new Date(at) },
              tx,
            );
          }
        }
      });
    }
    await this.sendChunks(n, message, sendNow, 1);
  }

  /** A delayed delivery (after quiet hours, or a retry): only the devices still waiting for exactly this attempt. */
  async deliverLater(data: DeliverJobData): Promise<void> {
    const n = await this.current(data.notificationId);
    if (!n) return;
    const known = await this.repo.states(
      n.id,
      data.devices.map((d) => d.deviceRowId),
    );
    const waiting = data.devices.filter((d) => {
      const row = known.get(d.deviceRowId);
      return row?.status === 'pending' && row.attempts === data.attempt - 1;
    });
    // the job carries the targets as they were when it was scheduled (hours ago, after quiet hours):
    // send to each install's target as it is now, and settle those that no longer have one
    const current = await this.targets.currentTargets(waiting.map((d) => d.deviceRowId));
    const withdrawn = waiting.filter((d) => !current.has(d.deviceRowId));
    if (withdrawn.length) {
      await this.tx.run((tx) =>
        this.repo.record(
          tx,
          n.id,
          withdrawn.map((d) => ({
            deviceId: d.deviceRowId,
            memberId: d.memberId,
            committeeId: d.committeeId,
            status: 'skipped' as const,
            attempts: data.attempt - 1,
            lastError: 'the install no longer has a push target (withdrawn, replaced by a sign-out, or the member left)',
          })),
        ),
      );
    }
    const sendable = waiting.flatMap((d) => {
      const now = current.get(d.deviceRowId);
      return now ? [now] : [];
    });
    await this.sendChunks(n, this.message(n), sendable, data.attempt);
  }

  /**
   * Sends in chunks of PUSH_CHUNK_SIZE, PUSH_CHUNKS_IN_FLIGHT of them at a time (each provider keeps
   * its own concurrency limit), and writes each chunk's rows, with the retry job of its transient
   * failures, in one transaction right after the chunk's sends have all answered. A process that
   * dies re-sends at most the chunks in flight. On a stop, the chunks in flight finish and are
   * recorded; the rest is left to the next process.
   */
  private async sendChunks(n: Notification, message: PushMessage, devices: PushTargetRow[], attempt: number): Promise<void> {
    const queue = chunks(devices, this.config.PUSH_CHUNK_SIZE);
    let next = 0;
    const errors: unknown[] = [];
    const worker = async () => {
      while (!errors.length && next < queue.length) {
        if (this.stopping) {
          errors.push(new Error('the application is stopping: the rest of this delivery goes to the next process'));
          break;
        }
        const chunk = queue[next++];
        const started = Date.now();
        try {
          await this.sendChunk(n, message, chunk, attempt);
        } catch (error) {
          errors.push(error);
        }
        await this.yieldToApi(Date.now() - started, inFlight);
      }
    };
    const inFlight = Math.min(this.config.PUSH_CHUNKS_IN_FLIGHT, queue.length);
    await Promise.all(Array.from({ length: inFlight }, worker));
    if (errors.length) throw errors[0];
  }

  /**
   * After a chunk that took `elapsedMs`: when the API is answering requests and the process is out of
   * CPU, a pause that leaves the fan-out about PUSH_BUSY_SHARE percent of the time (each of the
   * `inFlight` workers pauses), so that members' requests do not queue behind thousands of pushes.
   */
  private async yieldToApi(elapsedMs: number, inFlight: number): Promise<void> {
    const share = this.config.PUSH_BUSY_SHARE;
    if (share >= 100 || this.stopping || !apiPressure.underPressure(BUSY_LOOP_UTILIZATION)) return;
    const pause = Math.min(MAX_BUSY_PAUSE_MS, elapsedMs * (100 / share - 1) * inFlight);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }

  /** One chunk: every send at once, then its rows (and the retry job) in one transaction, then the gone tokens cleared. */
  private async sendChunk(n: Notification, message: PushMessage, chunk: PushTargetRow[], attempt: number): Promise<void> {
    const outcomes = await Promise.all(chunk.map((d) => this.send(d, message)));
    const rows: DeliveryRecord[] = [];
    const retry: PushTargetRow[] = [];
    const gone: string[] = [];
    let retryAfter = 0;
    chunk.forEach((d, i) => {
      const outcome = outcomes[i];
      const base = { deviceId: d.deviceRowId, memberId: d.memberId, committeeId: d.committeeId, attempts: attempt };
      switch (outcome.status) {
        case 'sent':
          rows.push({ ...base, status: 'sent', lastError: null });
          break;
        case 'gone':
          rows.push({ ...base, status: 'gone', lastError: outcome.reason });
          gone.push(d.deviceRowId);
          break;
        case 'failed':
          rows.push({ ...base, status: 'failed', lastError: outcome.reason });
          break;
        case 'retry':
          if (attempt >= this.config.PUSH_MAX_ATTEMPTS) {
            rows.push({ ...base, status: 'failed', lastError: `gave up after ${attempt} attempts: ${outcome.reason}` });
          } else {
            rows.push({ ...base, status: 'pending', lastError: outcome.reason });
            retry.push(d);
            retryAfter = Math.max(retryAfter, outcome.retryAfterMs ?? 0);
          }
          break;
      }
    });
    await this.tx.run(async (tx) => {
      await this.repo.record(tx, n.id, rows);
      if (retry.length) {
        const backoff = this.config.PUSH_RETRY_DELAY_SECONDS * 1000 * 2 ** (attempt - 1);
        const wait = Math.min(MAX_RETRY_DELAY_MS, Math.max(backoff, retryAfter));
        await this.jobs.send<DeliverJobData>(
          PUSH_DELIVER_QUEUE,
          { notificationId: n.id, attempt: attempt + 1, devices: retry },
          { startAfter: new Date(Date.now() + wait) },
          tx,
        );
      }
    });
    // after the rows: a crash here leaves a token that the next notification finds gone again
    if (gone.length) await this.targets.clearPush(gone);
  }

  private async send(d: PushTargetRow, message: PushMessage): Promise<PushOutcome> {
    const provider = this.providers.for(d.target.provider);
    if (!provider.enabled) return { status: 'failed', reason: `${d.target.provider} push is off` };
    return provider.send(providerTarget(d), message);
  }
}
