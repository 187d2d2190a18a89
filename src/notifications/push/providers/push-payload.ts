import { createHash } from 'node:crypto';
import type { PushMessage } from './push-provider.js';

const encoder = new TextEncoder();
const ELLIPSIS = '…';

/** The longest start of `text` that fits in `bytes` bytes of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, bytes: number): string {
  if (bytes <= 0) return '';
  if (Buffer.byteLength(text) <= bytes) return text;
  const { read } = encoder.encodeInto(text, new Uint8Array(bytes));
  return text.slice(0, read);
}

/**
 * The message's title and body, in NFC (Vietnamese typed with combining marks takes fewer bytes and
 * is cut between letters, not between a letter and its tone mark), shortened with "…" until
 * `encode(title, body)` fits in `maxBytes`: the body first, then the title.
 */
export function fitPayload(message: PushMessage, maxBytes: number, encode: (title: string, body: string) => string): string {
  const title = message.title.normalize('NFC');
  const body = message.body.normalize('NFC');
  let titleBytes = Buffer.byteLength(title);
  let bodyBytes = Buffer.byteLength(body);
  for (;;) {
    const encoded = encode(shorten(title, titleBytes), shorten(body, bodyBytes));
    // JSON escapes make a character cost more than its UTF-8 bytes: cut what is over, then measure again
    const over = Buffer.byteLength(encoded) - maxBytes;
    if (over <= 0) return encoded;
    if (bodyBytes > 0) bodyBytes = Math.max(0, bodyBytes - over);
    else if (titleBytes > 0) titleBytes = Math.max(0, titleBytes - over);
    else return encoded; // the fixed part alone is too big (an absurd link): the service will answer 400
  }
}

/** `text` in at most `bytes` bytes, ending with "…" when cut. */
function shorten(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  const room = bytes - Buffer.byteLength(ELLIPSIS);
  return room > 0 ? truncateUtf8(text, room) + ELLIPSIS : '';
}

/** The data every push carries next to the visible text, for the app to open the right screen. */
export function pushData(message: PushMessage): { notificationId: string; link?: { type: string; id: string } } {
  return message.link ? { notificationId: message.notificationId, link: message.link } : { notificationId: message.notificationId };
}

/**
 * A short key from the notification id (≤ 32 base64url characters: a Web Push Topic, an APNs
 * collapse id): a push service keeps only the latest undelivered push with the same key, and a device
 * shows one, so a push re-sent after a crash does not show twice.
 */
export function collapseKey(notificationId: string): string {
  const compact = notificationId.replace(/-/g, '');
  return /^[A-Za-z0-9_]{1,32}$/.test(compact) ? compact : createHash('sha256').update(notificationId).digest('base64url').slice(0, 32);
}
