import { createPublicKey } from 'node:crypto';
import type { PushProvider } from './device.entity.js';

/**
 * The hosts of the real Web Push services (Chrome/Edge through FCM, Firefox, Safari/Apple, Windows):
 * an exact name, or `*.` and a domain for any host below it. The server POSTs every notification
 * to the subscription's endpoint: an endpoint anywhere else would make it a proxy into the network
 * it runs in (SSRF), so it is refused, whatever the browser sent.
 */
export const WEB_PUSH_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
] as const;

export const FCM_TOKEN = /^[A-Za-z0-9_:-]{100,4096}$/;
/** An APNs device token: 32 bytes as hex (64 digits), up to 100 bytes as Apple allows longer ones. */
export const APNS_TOKEN = /^(?:[0-9a-fA-F]{2}){32,100}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** A push target as stored: a token, or a Web Push subscription. */
export type PushTarget =
  { provider: 'webpush'; endpoint: string; p256dh: string; auth: string } | { provider: Exclude<PushProvider, 'webpush'>; token: string };

export type PushProblem = { kind: 'invalid' | 'foreign'; errors: Record<string, string> };

function hostAllowed(host: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p));
}

function base64url(value: string): Buffer | null {
  return BASE64URL.test(value) ? Buffer.from(value.replace(/=+$/, ''), 'base64url') : null;
}

/** Whether `point` is an uncompressed P-256 point (0x04, x, y) that lies on the curve. */
export function isP256Point(point: Buffer): boolean {
  if (point.length !== 65 || point[0] !== 0x04) return false;
  try {
    createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a Web Push subscription's endpoint (https, a real push service's host on its default
 * port, no credentials in it; http and any port only for `extraHosts`) and keys (p256dh: a P-256
 * point on the curve; auth: 16 bytes). Problems keyed by the request body's field paths; an
 * endpoint elsewhere is "foreign" (its own code), anything malformed "invalid".
 */
export function webPushProblems(
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
  extraHosts: readonly string[],
): PushProblem | null {
  const errors: Record<string, string> = {};
  let foreign = false;
  let url: URL | null = null;
  try {
    url = new URL(subscription.endpoint);
  } catch {
    errors['push.subscription.endpoint'] = 'endpoint must be an absolute URL';
  }
  if (url) {
    const extra = extraHosts.map((h) => h.toLowerCase()).includes(url.hostname);
    if (url.username || url.password) {
      errors['push.subscription.endpoint'] = 'endpoint must not carry credentials';
    } else if (!extra && (url.protocol !== 'https:' || url.port !== '' || !hostAllowed(url.hostname, WEB_PUSH_HOSTS))) {
      foreign = true;
      errors['push.subscription.endpoint'] = 'endpoint must be an https URL of a Web Push service (FCM, Mozilla, Apple, Windows)';
    } else if (extra && url.protocol !== 'https:' && url.protocol !== 'http:') {
      errors['push.subscription.endpoint'] = 'endpoint must be an http(s) URL';
    }
  }
  const p256dh = base64url(subscription.keys.p256dh);
  if (!p256dh || !isP256Point(p256dh)) {
    errors['push.subscription.keys.p256dh'] = 'p256dh must be base64url of an uncompressed P-256 public key (65 bytes) on the curve';
  }
  const auth = base64url(subscription.keys.auth);
  if (!auth || auth.length !== 16) errors['push.subscription.keys.auth'] = 'auth must be base64url of 16 bytes';
  if (!Object.keys(errors).length) return null;
  // a foreign endpoint is answered as such only when it is the one problem: a malformed body is just invalid
  return { kind: foreign && Object.keys(errors).length === 1 ? 'foreign' : 'invalid', errors };
}
