import { verify, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:net';

/** A scripted answer of a stub: a status, headers, a JSON body; `hang` never answers (to test timeouts). */
export interface StubReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
}

/**
 * Answers a stub gives, per key (an endpoint, a token): the queued ones first, one per request, then
 * the key's standing answer if set, then the stub's normal success.
 */
export class ReplyScript {
  private readonly queued = new Map<string, StubReply[]>();
  private readonly standing = new Map<string, StubReply>();

  /** The next requests for `key` get these answers, in order. */
  queue(key: string, ...replies: StubReply[]): void {
    this.queued.set(key, [...(this.queued.get(key) ?? []), ...replies]);
  }

  /** Every request for `key` gets this answer (after the queued ones). */
  always(key: string, reply: StubReply): void {
    this.standing.set(key, reply);
  }

  next(key: string): StubReply | undefined {
    const queue = this.queued.get(key);
    if (queue?.length) return queue.shift();
    return this.standing.get(key);
  }

  reset(): void {
    this.queued.clear();
    this.standing.clear();
  }
}

/** Requests being handled now and the most ever at once: what a concurrency limit is checked against. */
export class InFlight {
  now = 0;
  max = 0;

  enter(): void {
    this.now += 1;
    this.max = Math.max(this.max, this.now);
  }

  leave(): void {
    this.now -= 1;
  }

  reset(): void {
    this.max = this.now;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Checks a compact JWS with the given key: the algorithm the header names must be `alg`, the
 * signature valid. Returns the header and claims, or the reason it is refused.
 */
export function verifyJwt(
  token: string,
  alg: 'RS256' | 'ES256',
  key: KeyObject,
): { header: Record<string, unknown>; claims: Record<string, unknown> } | { error: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: 'not a compact JWS' };
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { error: 'header or claims are not JSON' };
  }
  if (header.alg !== alg) return { error: `alg ${String(header.alg)}, expected ${alg}` };
  const signature = Buffer.from(parts[2], 'base64url');
  if (alg === 'ES256' && signature.length !== 64) return { error: 'an ES256 signature is 64 bytes (r‖s)' };
  const valid = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
    signature,
  );
  return valid ? { header, claims } : { error: 'bad signature' };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
