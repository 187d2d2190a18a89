import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/**
 * Conditional GET for the mobile content routes. The ETag is weak (`W/"<sha1>"`): it names the JSON
 * a client would receive, not a byte-exact representation. Caching is `private, no-cache`: the body
 * depends on who asks (their committee chain), so no shared cache may keep it, and the app must
 * revalidate each time, which costs a 304 without a body when nothing changed.
 */
export function etagOf(body: unknown): string {
  return `W/"${createHash('sha1')
    .update(JSON.stringify(body) ?? '')
    .digest('base64url')}"`;
}

/** RFC 9110 If-None-Match with the weak comparison: `*`, or any listed tag equal to `etag`. */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return value.split(',').some((tag) => tag.trim() === '*' || (tag.trim() !== '' && opaque(tag) === wanted));
}

/**
 * Sets `ETag` and `Cache-Control` on `reply` and answers 304 when the request's If-None-Match
 * matches. Use in a handler with `@Res({ passthrough: true }) reply` and return what it returns:
 * the body itself, or `undefined` for the empty 304.
 *
 *   return sendWithEtag(request, reply, toNewsDetail(item));
 */
export function sendWithEtag<T>(request: FastifyRequest, reply: FastifyReply, body: T): T | undefined {
  const etag = etagOf(body);
  reply.header('ETag', etag);
  reply.header('Cache-Control', 'private, no-cache');
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
    reply.status(304);
    return undefined;
  }
  return body;
}

/** The same, as an interceptor: the handler returns its body and the ETag logic wraps it. */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body) => {
        reply.header('Vary', 'Authorization');
        return sendWithEtag(req, reply, body);
      }),
    );
  }
}

/** A JSON read with an ETag and 304 on repeat, documented for client generators. */
export function WithETag() {
  return applyDecorators(
    UseInterceptors(ETagInterceptor),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a response already held; a match answers 304' }),
    ApiResponse({ status: 304, description: 'Not modified: the ETag in If-None-Match is still current (no body)' }),
  );
}
