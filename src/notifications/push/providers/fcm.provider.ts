import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { AppConfig } from '../../../config/app-config.js';
import { pemFromEnv, pushCredentialsComplete } from '../../../config/push-config.js';
import { collapseKey, fitPayload } from './push-payload.js';
import {
  DEFAULT_PUSH_TTL_SECONDS,
  PushProvider,
  transientOutcome,
  type PushMessage,
  type PushOutcome,
  type PushProviderOptions,
  type PushTarget,
} from './push-provider.js';
import { headerValue, HttpPoster } from './http-post.js';
import { signJwt } from './signed-jwt.js';

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
/** FCM refuses a message whose notification and data exceed 4096 bytes; the rest is margin for the JSON around them. */
const MAX_PAYLOAD_BYTES = 4000;
/** An access token is used until this long before it expires (Google's live an hour). */
const TOKEN_RENEW_BEFORE_MS = 5 * 60_000;

/** The body of an FCM v1 error (google.rpc.Status with FCM's details). */
interface FcmErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: { '@type'?: string; errorCode?: string; fieldViolations?: { field?: string; description?: string }[] }[];
  };
}

/** A send that ends before reaching FCM, with its outcome (the access token could not be had). */
class TokenUnavailable extends Error {
  constructor(readonly outcome: PushOutcome) {
    super(outcome.status === 'sent' ? '' : outcome.reason);
  }
}

/**
 * Firebase Cloud Messaging, HTTP v1 API (Android): POST {FCM_BASE_URL}/v1/projects/{project}/messages:send
 * with an OAuth 2 access token of the service account, got by the JWT bearer grant (RFC 7523: an RS256
 * assertion signed with the account's key, POSTed to FCM_TOKEN_URL), cached until 5 minutes before it
 * expires and fetched again once when FCM answers 401.
 *
 * The message carries a `notification` (title, body: Android shows it when the app is in the
 * background) and `data` for the app: `notificationId`, and `linkType` + `linkId` when there is a link
 * (FCM data values are strings). `android.notification.tag` = the notification's collapse key, so a
 * re-sent push replaces the shown one instead of showing twice.
 */
export class FcmProvider extends PushProvider {
  readonly name = 'fcm' as const;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  /** Access tokens obtained so far (one an hour, in normal running). */
  tokensIssued = 0;
  private readonly credentials: { clientEmail: string; key: KeyObject; sendUrl: string; tokenUrl: string } | null;
  private token: { value: string; renewAt: number } | null = null;
  private tokenRequest: Promise<string> | null = null;
  private readonly http: HttpPoster;
  /** The message's JSON but for the device token, per message (a fan-out sends one message to every device). */
  private readonly bodies = new WeakMap<PushMessage, string>();

  constructor(config: AppConfig, options: PushProviderOptions) {
    super(options);
    this.http = new HttpPoster(options.concurrency);
    this.enabled = pushCredentialsComplete(config, 'fcm');
    this.disabledReason = this.enabled ? null : 'FCM_PROJECT_ID, FCM_CLIENT_EMAIL, FCM_PRIVATE_KEY not set';
    this.credentials = this.enabled
      ? {
          clientEmail: config.FCM_CLIENT_EMAIL!,
          key: createPrivateKey(pemFromEnv(config.FCM_PRIVATE_KEY!)),
          sendUrl: `${config.FCM_BASE_URL.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(config.FCM_PROJECT_ID!)}/messages:send`,
          tokenUrl: config.FCM_TOKEN_URL,
        }
      : null;
  }

  protected async deliver(target: PushTarget, message: PushMessage, signal: AbortSignal): Promise<PushOutcome> {
    if (target.provider !== 'fcm') throw new Error('unreachable');
    const body = this.messageBody(target.token, message);
    try {
      let token = await this.accessToken();
      let response = await this.post(token, body, signal);
      if (response.status === 401 && response.errorCode !== 'THIRD_PARTY_AUTH_ERROR') {
        // the token expired early or was revoked: one new token, one more try
        this.forgetToken(token);
        token = await this.accessToken();
        response = await this.post(token, body, signal);
      }
      return classify(response);
    } catch (e) {
      if (e instanceof TokenUnavailable) return e.outcome;
      throw e;
    }
  }

  override async close(): Promise<void> {
    this.http.close();
  }

  private messageBody(token: string, message: PushMessage): string {
    let rest = this.bodies.get(message);
    if (rest === undefined) {
      const data: Record<string, string> = { notificationId: message.notificationId };
      if (message.link) Object.assign(data, { linkType: message.link.type, linkId: message.link.id });
      const visible = fitPayload(message, MAX_PAYLOAD_BYTES, (title, body) => JSON.stringify({ notification: { title, body }, data }));
      const { notification } = JSON.parse(visible) as { notification: { title: string; body: string } };
      const fields = JSON.stringify({
        notification,
        data,
        android: {
          priority: 'HIGH',
          ttl: `${message.ttlSeconds ?? DEFAULT_PUSH_TTL_SECONDS}s`,
          notification: { tag: collapseKey(message.notificationId) },
        },
      });
      rest = fields.slice(1); // without its opening brace: the token goes first
      this.bodies.set(message, rest);
    }
    return `{"message":{"token":${JSON.stringify(token)},${rest}}`;
  }

  private async post(token: string, body: string, signal: AbortSignal): Promise<FcmResponse> {
    const response = await this.http.post(
      this.credentials!.sendUrl,
      { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body,
      signal,
    );
    const text = response.text;
    let error: FcmErrorBody['error'];
    try {
      error = response.ok ? undefined : (JSON.parse(text) as FcmErrorBody).error;
    } catch {
      error = undefined;
    }
    return {
      status: response.status,
      retryAfter: headerValue(response.headers, 'retry-after'),
      errorCode: error?.details?.find((d) => d['@type']?.endsWith('FcmError'))?.errorCode ?? error?.status,
      message: error?.message ?? text.slice(0, 200),
      tokenField: Boolean(error?.details?.some((d) => d.fieldViolations?.some((v) => v.field === 'message.token'))),
    };
  }

  /** The cached access token, or a new one; concurrent sends share one token request. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.renewAt > Date.now()) return this.token.value;
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = null;
    });
    return this.tokenRequest;
  }

  private forgetToken(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private async requestToken(): Promise<string> {
    const { clientEmail, key, tokenUrl } = this.credentials!;
    const iat = Math.floor(Date.now() / 1000);
    const assertion = signJwt('RS256', key, { iss: clientEmail, scope: SCOPE, aud: tokenUrl, iat, exp: iat + 3600 });
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await response.text();
    const reason = `access token: ${response.status} ${text.slice(0, 200)}`;
    if (!response.ok) {
      // 400/401 invalid_grant or invalid_client: the service account's key or e-mail is wrong or revoked
      throw new TokenUnavailable(
        transientOutcome(response.status, response.headers.get('retry-after'), reason) ?? { status: 'failed', reason },
      );
    }
    const { access_token: value, expires_in: expiresIn } = JSON.parse(text) as { access_token?: string; expires_in?: number };
    if (!value) throw new TokenUnavailable({ status: 'retry', reason: `access token: no access_token in the answer` });
    const lifetimeMs = (expiresIn ?? 3600) * 1000;
    this.token = { value, renewAt: Date.now() + Math.max(lifetimeMs - TOKEN_RENEW_BEFORE_MS, lifetimeMs / 2) };
    this.tokensIssued += 1;
    return value;
  }
}

interface FcmResponse {
  status: number;
  retryAfter: string | null;
  errorCode?: string;
  message: string;
  /** The error names the device token as the bad argument. */
  tokenField: boolean;
}

/** What an FCM answer means for the device (firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode). */
function classify(response: FcmResponse): PushOutcome {
  const { status, errorCode } = response;
  if (status >= 200 && status < 300) return { status: 'sent' };
  const reason = `${status} ${errorCode ?? ''} ${response.message}`.replace(/\s+/g, ' ').trim();
  if (status === 404 || errorCode === 'UNREGISTERED') return { status: 'gone', reason };
  // the token belongs to another Firebase project: it will never take this sender's pushes
  if (errorCode === 'SENDER_ID_MISMATCH') return { status: 'gone', reason };
  if (status === 400 && (response.tokenField || /registration token/i.test(response.message))) return { status: 'gone', reason };
  return transientOutcome(status, response.retryAfter, reason) ?? { status: 'failed', reason };
}
