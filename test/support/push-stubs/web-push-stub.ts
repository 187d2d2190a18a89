import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { delay, InFlight, listen, nowSeconds, ReplyScript, verifyJwt } from './stub-common.js';

/** A browser's push subscription made against the stub, with the private half the browser keeps. */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedWebPush {
  endpoint: string;
  /** The decrypted body, as UTF-8 text, and parsed. */
  plaintext: string;
  payload: unknown;
  headers: { ttl: string; urgency?: string; topic?: string };
  vapid: { sub: string; aud: string; exp: number };
}

/**
 * A push service (RFC 8030) on an ephemeral port. Each request is checked as a real service would:
 * the VAPID header (RFC 8292: `vapid t=<ES256 JWT>, k=<key>`, the key the subscription was made
 * for, the audience = this origin, an expiry in the next 24 hours, a subject), then the body is
 * DECRYPTED with the subscription's private key (RFC 8291, aes128gcm) and recorded. Answers 201
 * unless scripted (per subscription id: `replies.queue(id, { status: 410 })`).
 */
export class WebPushStub {
  readonly received: ReceivedWebPush[] = [];
  /** Requests refused by the checks, with why (a test expecting none asserts this is empty). */
  readonly refused: { endpoint: string; status: number; reason: string }[] = [];
  readonly replies = new ReplyScript();
  readonly inFlight = new InFlight();
  /** Every request per subscription id, whatever the answer. */
  readonly attempts = new Map<string, number>();
  /** How long each request is held before the answer (to make requests overlap). */
  holdMs = 0;
  private readonly subscriptions = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  /** Id prefixes under which any id is an alias of one subscription (the benchmark's thousands of browsers). */
  private readonly shared = new Map<string, { ecdh: ECDH; auth: Buffer }>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly vapidPublicKey: string,
  ) {}

  static async start(vapidPublicKey: string): Promise<WebPushStub> {
    const server = createServer();
    const url = await listen(server);
    const stub = new WebPushStub(server, url, vapidPublicKey);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void stub.handle(req, res));
    return stub;
  }

  /** A new subscription, as PushManager.subscribe() gives a browser: a P-256 key pair and a 16-byte auth secret. */
  subscribe(): TestSubscription & { id: string } {
    const id = randomUUID();
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.subscriptions.set(id, { ecdh, auth });
    return {
      id,
      endpoint: `${this.url}/push/${id}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    };
  }

  /**
   * One subscription whose key pair every id starting with `prefix` shares: endpoints
   * `<url>/push/<prefix><anything>` are all valid and decrypt with the same keys (bench/push-fanout.ts).
   */
  subscribeShared(prefix: string): TestSubscription {
    const sub = this.subscribe();
    this.shared.set(prefix, this.subscriptions.get(sub.id)!);
    return { endpoint: `${this.url}/push/${prefix}`, keys: sub.keys };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight.enter();
    try {
      const body = await readBody(req);
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1] ?? '';
      this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1);
      if (this.holdMs) await delay(this.holdMs);
      const refuse = (status: number, reason: string) => {
        this.refused.push({ endpoint: req.url ?? '', status, reason });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
      };
      const subscription = this.subscriptions.get(id) ?? [...this.shared].find(([prefix]) => id.startsWith(prefix))?.[1];
      if (req.method !== 'POST' || !subscription) return refuse(404, 'no such subscription');
      if (req.headers.ttl === undefined || !/^\d+$/.test(String(req.headers.ttl))) return refuse(400, 'TTL header missing');
      const vapid = this.checkVapid(String(req.headers.authorization ?? ''));
      if ('error' in vapid) return refuse(vapid.status, vapid.error);
      if (req.headers['content-encoding'] !== 'aes128gcm') return refuse(415, 'Content-Encoding must be aes128gcm');
      if (body.length > 4096) return refuse(413, 'payload over 4096 bytes');
      let plaintext: string;
      try {
        plaintext = decryptAes128gcm(body, subscription.ecdh, subscription.auth).toString('utf8');
      } catch (e) {
        return refuse(400, `cannot decrypt: ${(e as Error).message}`);
      }
      const reply = this.replies.next(id);
      if (reply?.hang) return; // the client gives up; closeAllConnections ends it
      if (reply && (reply.status < 200 || reply.status > 299)) {
        res.writeHead(reply.status, reply.headers).end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        return;
      }
      this.received.push({
        endpoint: `${this.url}${req.url}`,
        plaintext,
        payload: JSON.parse(plaintext),
        headers: {
          ttl: String(req.headers.ttl),
          urgency: req.headers.urgency as string | undefined,
          topic: req.headers.topic as string | undefined,
        },
        vapid,
      });
      res.writeHead(201, { location: `${this.url}/message/${randomUUID()}` }).end();
    } finally {
      this.inFlight.leave();
    }
  }

  private checkVapid(authorization: string): { sub: string; aud: string; exp: number } | { status: number; error: string } {
    const match = /^vapid t=([\w.-]+),\s*k=([\w-]+)$/.exec(authorization);
    if (!match) return { status: 401, error: 'Authorization is not "vapid t=…, k=…"' };
    const [, token, k] = match;
    if (k !== this.vapidPublicKey) return { status: 403, error: 'the subscription was made for another application server key' };
    const raw = Buffer.from(k, 'base64url');
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
      format: 'jwk',
    });
    const jwt = verifyJwt(token, 'ES256', key);
    if ('error' in jwt) return { status: 401, error: `VAPID JWT: ${jwt.error}` };
    const { aud, exp, sub } = jwt.claims;
    if (aud !== this.url) return { status: 401, error: `VAPID aud ${String(aud)} is not ${this.url}` };
    if (typeof exp !== 'number' || exp <= nowSeconds() || exp > nowSeconds() + 86_400) {
      return { status: 401, error: 'VAPID exp not within the next 24 hours' };
    }
    if (typeof sub !== 'string' || !/^(mailto:|https:)/.test(sub)) return { status: 401, error: 'VAPID sub missing' };
    return { sub, aud, exp };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * RFC 8291 (Message Encryption for Web Push) over RFC 8188 (aes128gcm), as the browser decrypts:
 * written from the RFCs with node:crypto, independently of the `web-push` library that encrypts.
 */
export function decryptAes128gcm(body: Buffer, receiver: ECDH, authSecret: Buffer): Buffer {
  // RFC 8188 §2.1 header: salt (16) | record size (4) | key id length (1) | key id = the sender's public key
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20];
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error('the key id is not an uncompressed P-256 key');
  if (records.length > recordSize) throw new Error('more than one record (push messages have one)');
  const sharedSecret = receiver.computeSecret(senderPublicKey);
  // RFC 8291 §3.4: IKM from the ECDH secret and the auth secret, bound to both public keys
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.getPublicKey(), senderPublicKey]);
  const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // the last (only) record ends with the delimiter 0x02 followed by zero padding
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}
