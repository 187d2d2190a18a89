import { applyDecorators, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { etagMatches } from './file-response.js';

/**
 * Mobile reads: an `ETag` that is a hash of the response body (which already holds everything
 * per-reader, like `bookmarked`), and 304 with no body when the client's `If-None-Match` names it.
 * `Cache-Control: private, no-cache`: a device may keep the body but must revalidate.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body) => {
        const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
        reply.header('ETag', etag);
        reply.header('Cache-Control', 'private, no-cache');
        reply.header('Vary', 'Authorization');
        if (!etagMatches(req.headers['if-none-match'], etag)) return body;
        reply.status(304);
        return undefined;
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
