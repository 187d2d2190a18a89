import { randomUUID, type KeyObject } from 'node:crypto';
import { constants, createServer, type Http2Server, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { Server } from 'node:net';
import { delay, InFlight, listen, nowSeconds, ReplyScript, verifyJwt, type StubReply } from './stub-common.js';

export interface ReceivedApnsPush {
  deviceToken: string;
  payload: {
    aps?: { alert?: { title?: string; body?: string }; sound?: string };
    notificationId?: string;
    link?: { type: string; id: string };
  };
  headers: { topic: string; pushType: string; priority?: string; expiration?: string; collapseId?: string };
  /** Which HTTP/2 session (connection) carried it, numbered from 1. */
  session: number;
}

export const APNS_REPLIES = {
  unregistered: { status: 410, body: { reason: 'Unregistered', timestamp: Date.now() } },
  badDeviceToken: { status: 400, body: { reason: 'BadDeviceToken' } },
  tooManyRequests: { status: 429, body: { reason: 'TooManyRequests' } },
  internalError: { status: 500, body: { reason: 'InternalServerError' } },
  payloadTooLarge: { status: 413, body: { reason: 'PayloadTooLarge' } },
} satisfies Record<string, StubReply>;

/**
 * APNs on an ephemeral port, HTTP/2 without TLS (h2c: the provider connects to an http:// base URL
 * exactly as it does to https://). Checks what Apple checks: `authorization: bearer <JWT>` ES256-signed
 * by the team's key, `kid` = the key id, `iss` = the team id, `iat` within the last hour (older:
 * 403 ExpiredProviderToken); `apns-topic` = the app's bundle id; `apns-push-type`; a JSON payload of at
 * most 4 KB. Records each push with the session that carried it; answers 200 with an apns-id unless
 * scripted per device token (`replies.queue(token, APNS_REPLIES.unregistered)`).
 */
export class ApnsStub {
  readonly received: ReceivedApnsPush[] = [];
  readonly refused: { deviceToken: string; status: number; reason: string }[] = [];
  readonly replies = new ReplyScript();
  readonly inFlight = new InFlight();
  readonly attempts = new Map<string, number>();
  holdMs = 0;
  /** Provider tokens issued before this second are refused as expired (as if an hour had passed). */
  tokensIssuedBefore = 0;
  private readonly sessions = new Map<Http2Session, number>();

  private constructor(
    private readonly server: Http2Server,
    readonly url: string,
    private readonly app: { keyId: string; teamId: string; topic: string; publicKey: KeyObject },
  ) {}

  static async start(app: { keyId: string; teamId: string; topic: string; publicKey: KeyObject }): Promise<ApnsStub> {
    const server = createServer();
    const url = await listen(server as unknown as Server);
    const stub = new ApnsStub(server, url, app);
    server.on('session', (session) => stub.sessions.set(session, stub.sessions.size + 1));
    server.on('stream', (stream, headers) => void stub.handle(stream, headers));
    return stub;
  }

  /** HTTP/2 connections the provider has opened so far. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Tells every open connection GOAWAY, as APNs does before it closes one. */
  goAway(): void {
    for (const session of this.sessions.keys()) if (!session.closed) session.goaway(constants.NGHTTP2_NO_ERROR);
  }

  async close(): Promise<void> {
    for (const session of this.sessions.keys()) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): Promise<void> {
    this.inFlight.enter();
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const deviceToken = /^\/3\/device\/([0-9a-fA-F]+)$/.exec(String(headers[':path']))?.[1] ?? '';
      this.attempts.set(deviceToken, (this.attempts.get(deviceToken) ?? 0) + 1);
      if (this.holdMs) await delay(this.holdMs);
      const refuse = (status: number, reason: string) => {
        this.refused.push({ deviceToken, status, reason });
        respond(stream, { status, body: { reason } });
      };
      if (headers[':method'] !== 'POST') return refuse(405, 'MethodNotAllowed');
      if (!deviceToken) return refuse(404, 'BadPath');
      const bearer = /^bearer (\S+)$/.exec(String(headers.authorization ?? ''))?.[1];
      if (!bearer) return refuse(403, 'MissingProviderToken');
      const jwt = verifyJwt(bearer, 'ES256', this.app.publicKey);
      if ('error' in jwt) return refuse(403, 'InvalidProviderToken');
      if (jwt.header.kid !== this.app.keyId || jwt.claims.iss !== this.app.teamId) return refuse(403, 'InvalidProviderToken');
      const iat = jwt.claims.iat;
      if (typeof iat !== 'number' || iat > nowSeconds() + 60) return refuse(403, 'InvalidProviderToken');
      if (iat < nowSeconds() - 3600 || iat < this.tokensIssuedBefore) return refuse(403, 'ExpiredProviderToken');
      if (!headers['apns-topic']) return refuse(400, 'MissingTopic');
      if (headers['apns-topic'] !== this.app.topic) return refuse(400, 'TopicDisallowed');
      if (headers['apns-push-type'] !== 'alert' && headers['apns-push-type'] !== 'background') return refuse(400, 'InvalidPushType');
      if (body.length > 4096) return refuse(413, 'PayloadTooLarge');
      let payload: ReceivedApnsPush['payload'];
      try {
        payload = JSON.parse(body.toString('utf8')) as ReceivedApnsPush['payload'];
      } catch {
        return refuse(400, 'PayloadEmpty');
      }
      const reply = this.replies.next(deviceToken);
      if (reply?.hang) return;
      if (reply && reply.status !== 200) return respond(stream, reply);
      this.received.push({
        deviceToken,
        payload,
        headers: {
          topic: String(headers['apns-topic']),
          pushType: String(headers['apns-push-type']),
          priority: headers['apns-priority'] as string | undefined,
          expiration: headers['apns-expiration'] as string | undefined,
          collapseId: headers['apns-collapse-id'] as string | undefined,
        },
        session: this.sessions.get(stream.session!) ?? 0,
      });
      respond(stream, { status: 200, headers: { 'apns-id': randomUUID().toUpperCase() } });
    } finally {
      this.inFlight.leave();
    }
  }
}

function respond(stream: ServerHttp2Stream, reply: StubReply): void {
  if (stream.closed || stream.destroyed) return;
  const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
  stream.respond({ ':status': reply.status, 'apns-id': randomUUID().toUpperCase(), ...reply.headers }, { endStream: body === undefined });
  if (body !== undefined) stream.end(body);
}
