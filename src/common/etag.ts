import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hookRoutesWith, MergeRouteConfig } from './route-config.js';

/**
 * Conditional GET for the mobile content routes. The ETag is weak (`W/"<sha1>"`): it names the JSON
 * a client would receive, not a byte-exact representation. Caching is `private, no-cache`: the body
 * depends on who asks (their committee chain), so no shared cache may keep it, and the app must
 * revalidate each time, which costs a 304 without a body when nothing changed.
 */
export function etagOf(body: unknown): string {
  return etagOfJson(JSON.stringify(body) ?? '');
}

/** etagOf of a body already serialized. */
export function etagOfJson(json: string): string {
  return `W/"${createHash('sha1').update(json).digest('base64url')}"`;
}

/** RFC 9110 If-None-Match with the weak comparison: `*`, or any listed tag equal to `etag`. */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return value.split(',').some((tag) => tag.trim() === '*' || (tag.trim() !== '' && opaque(tag) === wanted));
}

/** The Fastify route config key of the routes marked @ETagged(). */
const ETAGGED = 'etagged';

/**
 * The route's JSON answer carries an ETag (and Vary: Authorization, Cache-Control) and is answered
 * 304 without a body on a matching If-None-Match (installETags, a hook of bootstrap.ts). The tag is
 * that of the serialized body, as etagOf gives it for the object.
 *
 * A Fastify onSend hook, not a Nest interceptor: an interceptor puts the request through Nest's
 * rxjs pipeline (about 40 µs of Node CPU per request, issue 20) and serialized the body a second
 * time to hash it; the hook hashes the text Fastify has serialized.
 */
export const ETagged = () => MergeRouteConfig({ [ETAGGED]: true });

/** A JSON read with an ETag and 304 on repeat (ETagged), documented for client generators. */
export function WithETag() {
  return applyDecorators(
    ETagged(),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a response already held; a match answers 304' }),
    ApiResponse({ status: 304, description: 'Not modified: the ETag in If-None-Match is still current (no body)' }),
  );
}

/** The ETags of the routes marked @ETagged() (bootstrap.ts): an onSend hook of those routes only. */
export function installETags(fastify: FastifyInstance): void {
  hookRoutesWith(
    fastify,
    ETAGGED,
    'onSend',
    (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
      if (reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
      const etag = etagOfJson(payload);
      reply.header('Vary', 'Authorization');
      reply.header('ETag', etag);
      reply.header('Cache-Control', 'private, no-cache');
      if (!ifNoneMatchHits(req.headers['if-none-match'], etag)) return done(null, payload);
      reply.status(304);
      reply.removeHeader('content-type');
      done(null, null);
    },
  );
}
