import { createPrivateKey, type KeyObject } from 'node:crypto';
import { connect, constants, type ClientHttp2Session, type OutgoingHttpHeaders } from 'node:http2';
import type { AppConfig } from '../../../config/app-config.js';
import { pemFromEnv, pushCredentialsComplete } from '../../../config/push-config.js';
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
import { signJwt } from './signed-jwt.js';

/** APNs refuses a payload over 4 KB. */
const MAX_PAYLOAD_BYTES = 4096;
/** A provider token is valid for an hour and may be renewed at most every 20 minutes: renewed at 50. */
const PROVIDER_TOKEN_SECONDS = 50 * 60;
/** Device tokens are hex (32 bytes today; Apple says the length may grow). */
const DEVICE_TOKEN = /^[0-9a-fA-F]{32,256}$/;

interface ApnsResponse {
  status: number;
  reason?: string;
  retryAfter?: string | string[];
}

/**
 * Apple Push Notification service (iOS) over HTTP/2 with token-based authentication: one ES256 JWT
 * (kid = APNS_KEY_ID, iss = APNS_TEAM_ID) renewed every 50 minutes, one HTTP/2 session reused by every
 * send (APNs wants long-lived connections, not one per push), opened again after the server's GOAWAY
 * or a closed connection. POST {APNS_BASE_URL}/3/device/<token>; use https://api.sandbox.push.apple.com
 * for development builds of the app.
 *
 * Payload: `{ aps: { alert: { title, body }, sound: 'default' }, notificationId, link?: { type, id } }`,
 * with `apns-collapse-id` = the notification's collapse key (a re-sent push replaces the shown one).
 */
export class ApnsProvider extends PushProvider {
  readonly name = 'apns' as const;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  /** HTTP/2 sessions opened so far (one, in normal running). */
  sessionsOpened = 0;
  private readonly credentials: { keyId: string; teamId: string; key: KeyObject; topic: string; baseUrl: string } | null;
  private session: ClientHttp2Session | null = null;
  private providerToken: { value: string; issuedAt: number } | null = null;
  /** The payload per message (a fan-out sends one message to every device). */
  private readonly payloads = new WeakMap<PushMessage, string>();

  constructor(config: AppConfig, options: PushProviderOptions) {
    super(options);
    this.enabled = pushCredentialsComplete(config, 'apns');
    this.disabledReason = this.enabled ? null : 'APNS_KEY_ID, APNS_TEAM_ID, APNS_PRIVATE_KEY, APNS_TOPIC not set';
    this.credentials = this.enabled
      ? {
          keyId: config.APNS_KEY_ID!,
          teamId: config.APNS_TEAM_ID!,
          key: createPrivateKey(pemFromEnv(config.APNS_PRIVATE_KEY!)),
          topic: config.APNS_TOPIC!,
          baseUrl: config.APNS_BASE_URL.replace(/\/$/, ''),
        }
      : null;
  }

  protected async deliver(target: PushTarget, message: PushMessage, signal: AbortSignal): Promise<PushOutcome> {
    if (target.provider !== 'apns') throw new Error('unreachable');
    // never put a client's string into the path unchecked; APNs would answer BadDeviceToken anyway
    if (!DEVICE_TOKEN.test(target.token)) return { status: 'gone', reason: 'not an APNs device token' };
    let payload = this.payloads.get(message);
    if (payload === undefined) {
      payload = fitPayload(message, MAX_PAYLOAD_BYTES, (title, body) =>
        JSON.stringify({ aps: { alert: { title, body }, sound: 'default' }, ...pushData(message) }),
      );
      this.payloads.set(message, payload);
    }
    const expiration = Math.floor(Date.now() / 1000) + (message.ttlSeconds ?? DEFAULT_PUSH_TTL_SECONDS);
    let token = this.currentProviderToken();
    let response = await this.request(target.token, token, expiration, collapseKey(message.notificationId), payload, signal);
    if (response.status === 403 && (response.reason === 'ExpiredProviderToken' || response.reason === 'InvalidProviderToken')) {
      if (this.providerToken?.value === token) this.providerToken = null;
      token = this.currentProviderToken();
      response = await this.request(target.token, token, expiration, collapseKey(message.notificationId), payload, signal);
    }
    return classify(response);
  }

  /** Whether an HTTP/2 session is open for the next send (false before the first send and after GOAWAY). */
  get connected(): boolean {
    return Boolean(this.session && !this.session.closed && !this.session.destroyed);
  }

  override async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session && !session.closed) await new Promise<void>((resolve) => session.close(resolve));
  }

  private currentProviderToken(): string {
    const now = Math.floor(Date.now() / 1000);
    if (this.providerToken && now - this.providerToken.issuedAt < PROVIDER_TOKEN_SECONDS) return this.providerToken.value;
    const { key, keyId, teamId } = this.credentials!;
    const value = signJwt('ES256', key, { iss: teamId, iat: now }, { kid: keyId });
    this.providerToken = { value, issuedAt: now };
    return value;
  }

  /** The open session, or a new one when there is none or the server said GOAWAY or closed it. */
  private connection(): ClientHttp2Session {
    if (this.session && this.connected) return this.session;
    const session = connect(this.credentials!.baseUrl);
    this.sessionsOpened += 1;
    const forget = () => {
      if (this.session === session) this.session = null;
    };
    session.on('goaway', forget); // streams in flight finish; new ones go to a new session
    session.on('close', forget);
    session.on('error', forget); // the requests on it fail with the error (a retry outcome)
    this.session = session;
    return session;
  }

  private request(
    deviceToken: string,
    providerToken: string,
    expiration: number,
    collapseId: string,
    payload: string,
    signal: AbortSignal,
  ): Promise<ApnsResponse> {
    const { topic } = this.credentials!;
    const headers: OutgoingHttpHeaders = {
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: `/3/device/${deviceToken}`,
      authorization: `bearer ${providerToken}`,
      'apns-topic': topic,
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-expiration': String(expiration),
      'apns-collapse-id': collapseId,
      'content-type': 'application/json',
    };
    return new Promise<ApnsResponse>((resolve, reject) => {
      const stream = this.connection().request(headers, { signal });
      let status = 0;
      let retryAfter: string | string[] | undefined;
      const chunks: Buffer[] = [];
      stream.on('response', (responseHeaders) => {
        status = Number(responseHeaders[constants.HTTP2_HEADER_STATUS]);
        retryAfter = responseHeaders['retry-after'];
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        let reason: string | undefined;
        try {
          reason = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reason?: string }).reason : undefined;
        } catch {
          reason = undefined;
        }
        resolve({ status, reason, retryAfter });
      });
      stream.on('error', reject);
      // a stream reset without an error event (after 'end' this is a no-op: the promise is settled)
      stream.on('close', () => reject(new Error(`stream closed, code ${stream.rstCode}`)));
      stream.end(payload);
    });
  }
}

/** What an APNs answer means for the device (developer.apple.com, "Handling notification responses from APNs"). */
function classify({ status, reason: apnsReason, retryAfter }: ApnsResponse): PushOutcome {
  if (status === 200) return { status: 'sent' };
  const reason = `${status} ${apnsReason ?? ''}`.trim();
  // 410 Unregistered / ExpiredToken: the app is gone from the device; BadDeviceToken: not a token of this environment
  if (status === 410 || apnsReason === 'BadDeviceToken') return { status: 'gone', reason };
  return transientOutcome(status, retryAfter, reason) ?? { status: 'failed', reason };
}
