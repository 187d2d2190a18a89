import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A service's answer, read whole (push services answer a few hundred bytes). */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: IncomingHttpHeaders;
  text: string;
}

/** The first value of a response header, or null. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

/**
 * POSTs over node:http(s) with keep-alive connections, at most `maxSockets` per origin (the
 * provider's concurrency). The fan-out sends thousands of pushes a second: global `fetch` (undici
 * behind WHATWG streams, a transferable AbortSignal per request) cost about three times the CPU per
 * push and most of the garbage collection (profiled with `npm run bench:push -- --cpu-prof`).
 * Rejects on a network error or when `signal` aborts.
 */
export class HttpPoster {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(maxSockets: number) {
    // idle connections close before the usual 5 s server keep-alive does, so that a reused one is rarely found closed
    const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 4_000, scheduling: 'lifo' as const };
    this.http = new HttpAgent(options);
    this.https = new HttpsAgent(options);
  }

  post(url: string | URL, headers: Record<string, string>, body: string | Buffer, signal: AbortSignal): Promise<HttpAnswer> {
    const target = typeof url === 'string' ? new URL(url) : url;
    const secure = target.protocol === 'https:';
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: secure ? this.https : this.http,
          signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            resolve({ status, ok: status >= 200 && status < 300, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
