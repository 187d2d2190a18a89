import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { delay, InFlight, listen, nowSeconds, ReplyScript, verifyJwt, type StubReply } from './stub-common.js';

export interface ReceivedFcmMessage {
  token: string;
  notification?: { title?: string; body?: string };
  data?: Record<string, string>;
  android?: { priority?: string; ttl?: string; notification?: { tag?: string } };
}

/** FCM's error body (google.rpc.Status with an FcmError detail). */
export function fcmError(status: number, rpcStatus: string, errorCode: string | undefined, message: string): StubReply {
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        status: rpcStatus,
        details: errorCode ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] : [],
      },
    },
  };
}

export const FCM_REPLIES = {
  unregistered: fcmError(404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.'),
  invalidToken: {
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'The registration token is not a valid FCM registration token',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'INVALID_ARGUMENT' },
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'message.token', description: 'Invalid registration token' }],
          },
        ],
      },
    },
  },
  invalidPayload: fcmError(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'Invalid value at message.android.ttl'),
  quota: { ...fcmError(429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', 'Quota exceeded.'), headers: { 'retry-after': '30' } },
  unavailable: fcmError(503, 'UNAVAILABLE', 'UNAVAILABLE', 'The service is currently unavailable.'),
} satisfies Record<string, StubReply>;

/**
 * FCM HTTP v1 and Google's OAuth token endpoint on an ephemeral port:
 * - POST /token: the JWT bearer grant; the assertion must be RS256-signed by the service account's
 *   key, iss = its e-mail, aud = this token URL, the firebase.messaging scope, a lifetime of at most an
 *   hour. Answers an access token living `tokenLifetimeSeconds`.
 * - POST /v1/projects/<project>/messages:send: the Bearer token must be one it issued and not
 *   expired (or revoked by `expireTokens()`: then 401 UNAUTHENTICATED); records the message and answers
 *   `{ name }`, unless scripted per device token (`replies.queue(token, FCM_REPLIES.unregistered)`).
 */
export class FcmStub {
  readonly received: ReceivedFcmMessage[] = [];
  readonly refused: { path: string; status: number; reason: string }[] = [];
  readonly replies = new ReplyScript();
  readonly inFlight = new InFlight();
  readonly attempts = new Map<string, number>();
  tokenRequests = 0;
  tokenLifetimeSeconds = 3600;
  holdMs = 0;
  private readonly accessTokens = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly account: { projectId: string; clientEmail: string; publicKey: KeyObject },
  ) {}

  static async start(account: { projectId: string; clientEmail: string; publicKey: KeyObject }): Promise<FcmStub> {
    const server = createServer();
    const url = await listen(server);
    const stub = new FcmStub(server, url, account);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void stub.handle(req, res));
    return stub;
  }

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  /** Every access token issued so far is refused from now on (as after a key rotation). */
  expireTokens(): void {
    this.accessTokens.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight.enter();
    try {
      const body = await readText(req);
      const refuse = (status: number, reason: string, reply: StubReply = { status, body: { error: reason } }) => {
        this.refused.push({ path: req.url ?? '', status, reason });
        send(res, reply);
      };
      if (req.method === 'POST' && req.url === '/token') {
        this.tokenRequests += 1;
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return refuse(400, 'unsupported_grant_type');
        const jwt = verifyJwt(form.get('assertion') ?? '', 'RS256', this.account.publicKey);
        if ('error' in jwt) return refuse(400, `invalid_grant: ${jwt.error}`);
        const { iss, aud, scope, iat, exp } = jwt.claims;
        if (iss !== this.account.clientEmail) return refuse(400, 'invalid_grant: iss');
        if (aud !== this.tokenUrl) return refuse(400, `invalid_grant: aud ${String(aud)}`);
        if (typeof scope !== 'string' || !scope.split(' ').includes('https://www.googleapis.com/auth/firebase.messaging')) {
          return refuse(400, 'invalid_scope');
        }
        if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= nowSeconds() || exp - iat > 3600) {
          return refuse(400, 'invalid_grant: iat/exp');
        }
        const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
        this.accessTokens.set(accessToken, Date.now() + this.tokenLifetimeSeconds * 1000);
        return send(res, { status: 200, body: { access_token: accessToken, expires_in: this.tokenLifetimeSeconds, token_type: 'Bearer' } });
      }
      const project = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '')?.[1];
      if (req.method !== 'POST' || !project) return refuse(404, 'no such route');
      const bearer = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      const validUntil = this.accessTokens.get(bearer);
      if (!validUntil || validUntil <= Date.now()) {
        return refuse(401, 'expired', fcmError(401, 'UNAUTHENTICATED', undefined, 'Request had invalid authentication credentials.'));
      }
      if (decodeURIComponent(project) !== this.account.projectId) return refuse(403, 'PERMISSION_DENIED');
      const { message } = JSON.parse(body) as { message: ReceivedFcmMessage };
      if (!message?.token) return refuse(400, 'message.token missing');
      this.attempts.set(message.token, (this.attempts.get(message.token) ?? 0) + 1);
      if (this.holdMs) await delay(this.holdMs);
      const reply = this.replies.next(message.token);
      if (reply?.hang) return;
      if (reply && (reply.status < 200 || reply.status > 299)) return send(res, reply);
      this.received.push(message);
      send(res, { status: 200, body: { name: `projects/${project}/messages/${randomUUID()}` } });
    } finally {
      this.inFlight.leave();
    }
  }
}

function send(res: ServerResponse, reply: StubReply): void {
  res
    .writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8', ...reply.headers })
    .end(JSON.stringify(reply.body ?? {}));
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
