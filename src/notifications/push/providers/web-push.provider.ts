import webpush from 'web-push';
import type { AppConfig } from '../../../config/app-config.js';
import { pushCredentialsComplete } from '../../../config/push-config.js';
import { headerValue, HttpPoster } from './http-post.js';
import { collapseKey, fitPayload, pushData } from './push-payload.js';
import {
  DEFAULT_PUSH_TTL_SECONDS,
  PushProvider,
  transientOutcome,
  type PushMessage,
  type PushOutcome,
  type PushProviderOptions,
  type PushTarget,
} from './push-provider.js';

/**
 * The largest plaintext one aes128gcm record carries in the 4096 bytes push services accept
 * (RFC 8291 §4: 4096 − 86 bytes of header − 16 of tag − 1 padding delimiter).
 */
const MAX_PLAINTEXT_BYTES = 3993;
/** The VAPID JWT lives 12 hours (at most 24, RFC 8292); a new one is signed an hour before. */
const VAPID_JWT_SECONDS = 12 * 3600;
const VAPID_RENEW_BEFORE_SECONDS = 3600;

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) to the browsers' push services: the `web-push` library
 * encrypts the payload for the subscription (aes128gcm, RFC 8291) and writes the VAPID header; the
 * request itself goes through node:http(s) with keep-alive connections (http-post.ts), aborted at the timeout.
 *
 * The payload, JSON, is what the service worker receives in `event.data.json()`:
 * `{ notificationId, title, body, link?: { type, id } }`.
 */
export class WebPushProvider extends PushProvider {
  readonly name = 'webpush' as const;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  private readonly vapid: { subject: string; publicKey: string; privateKey: string } | null;
  /** The Authorization header per push-service origin (the JWT's audience), until it is due for renewal. */
  private readonly authorizations = new Map<string, { header: string; renewAt: number }>();
  private readonly http: HttpPoster;
  /** The plaintext per message (a fan-out sends one message to every device; the encryption is per device). */
  private readonly payloads = new WeakMap<PushMessage, string>();

  constructor(config: AppConfig, options: PushProviderOptions) {
    super(options);
    this.http = new HttpPoster(options.concurrency);
    this.enabled = pushCredentialsComplete(config, 'webpush');
    this.disabledReason = this.enabled ? null : 'WEB_PUSH_VAPID_PUBLIC_KEY, WEB_PUSH_VAPID_PRIVATE_KEY, WEB_PUSH_SUBJECT not set';
    this.vapid = this.enabled
      ? { subject: config.WEB_PUSH_SUBJECT!, publicKey: config.WEB_PUSH_VAPID_PUBLIC_KEY!, privateKey: config.WEB_PUSH_VAPID_PRIVATE_KEY! }
      : null;
  }

  protected async deliver(target: PushTarget, message: PushMessage, signal: AbortSignal): Promise<PushOutcome> {
    if (target.provider !== 'webpush') throw new Error('unreachable');
    let origin: string;
    let request: webpush.RequestDetails;
    try {
      origin = new URL(target.endpoint).origin;
      let payload = this.payloads.get(message);
      if (payload === undefined) {
        payload = fitPayload(message, MAX_PLAINTEXT_BYTES, (title, body) => JSON.stringify({ ...pushData(message), title, body }));
        this.payloads.set(message, payload);
      }
      request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: target.keys }, payload, {
        // no vapidDetails (and no global setVapidDetails anywhere): the VAPID header is ours, signed once per
        // origin rather than once per push
        headers: { Authorization: this.authorization(origin) },
        TTL: message.ttlSeconds ?? DEFAULT_PUSH_TTL_SECONDS,
        urgency: 'high',
        topic: collapseKey(message.notificationId),
        contentEncoding: 'aes128gcm',
      });
    } catch (e) {
      // a subscription whose endpoint or keys cannot be used (registration should have refused it)
      return { status: 'failed', reason: `unusable subscription: ${(e as Error).message}` };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
    }
    const response = await this.http.post(request.endpoint, headers, request.body ?? '', signal);
    const text = response.text;
    if (response.ok) return { status: 'sent' };
    const reason = `${response.status} ${text.slice(0, 200)}`.trim();
    if (response.status === 404 || response.status === 410) return { status: 'gone', reason };
    if (response.status === 401 || response.status === 403) {
      // 403: the subscription was made for another VAPID key, or our key is not accepted
      this.authorizations.delete(origin);
    }
    return transientOutcome(response.status, headerValue(response.headers, 'retry-after'), reason) ?? { status: 'failed', reason };
  }

  override async close(): Promise<void> {
    this.http.close();
  }

  private authorization(origin: string): string {
    const now = Math.floor(Date.now() / 1000);
    const cached = this.authorizations.get(origin);
    if (cached && cached.renewAt > now) return cached.header;
    const vapid = this.vapid!;
    const expiration = now + VAPID_JWT_SECONDS;
    const { Authorization } = webpush.getVapidHeaders(origin, vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm', expiration);
    if (this.authorizations.size >= 64) this.authorizations.clear(); // endpoints come from clients: keep the map small
    this.authorizations.set(origin, { header: Authorization, renewAt: expiration - VAPID_RENEW_BEFORE_SECONDS });
    return Authorization;
  }
}
