import pLimit, { type LimitFunction } from 'p-limit';
import type { PushProviderName } from '../../../config/push-config.js';

export type { PushProviderName };

/** Where one device receives pushes: what the app registered (POST /api/me/devices). */
export type PushTarget =
  | { provider: 'webpush'; endpoint: string; keys: { p256dh: string; auth: string } }
  | { provider: 'fcm'; token: string }
  | { provider: 'apns'; token: string };

/** What a push says. The app opens `link` (a deep link: content type + id) when the member taps it. */
export interface PushMessage {
  notificationId: string;
  title: string;
  body: string;
  link?: { type: string; id: string };
  /** How long the push service keeps it for a device that is offline; default DEFAULT_PUSH_TTL_SECONDS. */
  ttlSeconds?: number;
}

/** A notice nobody has seen within a week is better read in the inbox than pushed late. */
export const DEFAULT_PUSH_TTL_SECONDS = 7 * 86_400;

/**
 * How one send ended, as the caller must act on it:
 * - `sent`: the push service accepted it;
 * - `gone`: the token or subscription no longer exists: delete the device's push registration;
 * - `retry`: try again later (rate limited, the service failing, network error, timeout), not before `retryAfterMs`;
 * - `failed`: permanent, but the device is not known to be gone (a payload or credential problem): do not retry.
 */
export type PushOutcome =
  | { status: 'sent' }
  | { status: 'gone'; reason: string }
  | { status: 'retry'; retryAfterMs?: number; reason: string }
  | { status: 'failed'; reason: string };

export interface PushProviderOptions {
  /** Requests in flight at once to this service; the rest wait their turn. */
  concurrency: number;
  /** A request unanswered for this long is abandoned: a `retry` outcome. */
  timeoutMs: number;
}

/**
 * One push service behind the interface the fan-out uses. `send` never throws for a delivery problem:
 * every failure is classified into a PushOutcome. A provider without credentials is `enabled: false`
 * and answers `failed` (the fan-out should not give it work at all).
 */
export abstract class PushProvider {
  abstract readonly name: PushProviderName;
  abstract readonly enabled: boolean;
  /** Why it is off (for the start log), when it is. */
  abstract readonly disabledReason: string | null;
  private readonly limit: LimitFunction;

  protected constructor(protected readonly options: PushProviderOptions) {
    this.limit = pLimit(options.concurrency);
  }

  /** Sends waiting for a free slot, and sends in flight: the fan-out can hold back while these are high. */
  get queued(): { active: number; pending: number } {
    return { active: this.limit.activeCount, pending: this.limit.pendingCount };
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    if (!this.enabled) return { status: 'failed', reason: `${this.name} push is off: ${this.disabledReason}` };
    if (target.provider !== this.name) return { status: 'failed', reason: `a ${target.provider} target given to ${this.name}` };
    return this.limit(async () => {
      // not AbortSignal.timeout(): its signal is transferable, which costs a good share of a push's CPU
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.options.timeoutMs);
      try {
        return await this.deliver(target, message, abort.signal);
      } catch (e) {
        if (abort.signal.aborted) return { status: 'retry', reason: `no answer within ${this.options.timeoutMs} ms` };
        return { status: 'retry', reason: `network: ${errorText(e)}` };
      } finally {
        clearTimeout(timer);
      }
    });
  }

  /** Stops whatever the provider holds open (HTTP/2 session, pooled connections). */
  async close(): Promise<void> {}

  /** One request to the service; the signal aborts it at the timeout. Throws only for network errors. */
  protected abstract deliver(target: PushTarget, message: PushMessage, signal: AbortSignal): Promise<PushOutcome>;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | null | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The outcome of an HTTP status every push service shares: 429 and 5xx are worth another try. */
export function transientOutcome(status: number, retryAfter: string | string[] | null | undefined, reason: string): PushOutcome | null {
  if (status === 429 || status >= 500) {
    const after = retryAfterMs(retryAfter);
    return after === undefined ? { status: 'retry', reason } : { status: 'retry', retryAfterMs: after, reason };
  }
  return null;
}
