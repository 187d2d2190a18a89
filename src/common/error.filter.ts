import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ApiError, defaultCode, type ErrorBody, CommonErrorCode } from './errors.js';

const log = new Logger('HttpError');

/** Postgres SQLSTATEs that mean "the database is not there right now" rather than a bug. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '57014']);
/**
 * SQLSTATEs of a value the database cannot take (class 22): a NUL character in text or JSON, text
 * longer than its column, a number or a date out of range, a malformed LIKE escape or pattern.
 * Validation should have refused it first; it is answered 400 all the same, never 500, and
 * logged so that the gap in validation gets closed.
 */
const INVALID_VALUE_STATES = new Set(['22001', '22003', '22007', '22008', '22021', '22025', '2201B', '22P02', '22P05']);
const UNAVAILABLE_MESSAGES = /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|connection timeout/i;

/**
 * Turns anything thrown (by Nest, by Fastify before routing, by the database) into the one error
 * body. Unexpected errors answer 500 with no internals; the log has them under the request id.
 */
export function toErrorBody(err: unknown, requestId: string): { body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof ApiError) {
    return {
      body: {
        statusCode: err.getStatus(),
        code: err.code,
        message: err.message,
        errors: err.errors,
        rows: err.rows,
        failures: err.failures,
        requestId,
      },
      headers: err.headers ?? {},
    };
  }
  if (err instanceof HttpException) {
    // Fastify's own errors (bad JSON, body too large) reach us wrapped by Nest, with the original as cause
    const cause = (err as { cause?: { code?: unknown } }).cause;
    if (typeof cause?.code === 'string' && cause.code.startsWith('FST_')) return fastifyError(cause, requestId);
    const status = err.getStatus();
    const res = err.getResponse();
    const body = res as { message?: unknown } | null;
    const message = typeof res === 'string' ? res : Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? err.message);
    return { body: { statusCode: status, code: defaultCode(status), message: String(message), requestId }, headers: {} };
  }
  if (err instanceof QueryFailedError) {
    const state = (err as { driverError?: { code?: string } }).driverError?.code;
    if (state === '23505') {
      return conflict(CommonErrorCode.AlreadyExists, 'A record with the same unique value already exists', requestId);
    }
    if (state === '23503') {
      return conflict('REFERENCED', 'The record is referenced by, or references, another record', requestId);
    }
    if (state && UNAVAILABLE_STATES.has(state)) return unavailable(requestId);
    if (state && INVALID_VALUE_STATES.has(state)) {
      return {
        body: { statusCode: 400, code: CommonErrorCode.InvalidValue, message: 'A value is malformed or out of range', requestId },
        headers: {},
      };
    }
  }
  const e = err as { statusCode?: number; message?: string; code?: unknown };
  if (e?.code === 'FST_ERR_HANDLER_TIMEOUT') {
    // the route was not answered within REQUEST_TIMEOUT_MS (common/request-timeouts.ts)
    // (Fastify's own code for it, kept by RequestTimeoutError)
    return {
      body: {
        statusCode: 503,
        code: CommonErrorCode.RequestTimeout,
        message: 'The request took too long to answer; try again later',
        requestId,
      },
      headers: { 'retry-after': '5' },
    };
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return fastifyError(e, requestId);
  if (UNAVAILABLE_MESSAGES.test(String(e?.message ?? ''))) return unavailable(requestId);
  return {
    body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error', requestId },
    headers: {},
  };
}

/** Errors raised by Fastify itself before a route runs. */
function fastifyError(e: { statusCode?: number; code?: unknown; message?: string }, requestId: string) {
  const status = e.statusCode ?? 400;
  const message =
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
      ? 'The request body is not valid JSON'
      : status === 413
        ? 'The request body is too large'
        : status === 415
          ? 'Unsupported content type; send application/json'
          : (e.message ?? 'Bad request');
  return { body: { statusCode: status, code: defaultCode(status), message, requestId }, headers: {} };
}

function conflict(code: string, message: string, requestId: string) {
  return { body: { statusCode: 409, code, message, requestId }, headers: {} };
}

function unavailable(requestId: string) {
  return {
    body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; try again shortly', requestId },
    headers: { 'retry-after': '5' },
  };
}

export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  // answered already (503 REQUEST_TIMEOUT): what the handler throws after that is the cancelled work's own end
  if (reply.sent || reply.raw.headersSent) return;
  const { body, headers } = toErrorBody(err, String(request.id));
  if (body.code === CommonErrorCode.InvalidValue) {
    log.warn(`${request.id} ${request.method} ${request.url} -> 400, a value validation let through: ${(err as Error)?.message}`);
  }
  // a 503 the code means to answer (shutting down, a busy bulkhead) is not a failure to log
  if (body.statusCode >= 500 && !(err instanceof ApiError && body.statusCode === 503)) {
    log.error(`${request.id} ${request.method} ${request.url} -> ${body.statusCode}`, (err as Error)?.stack ?? String(err));
  }
  // set here too: what Fastify's router refuses never reaches the onRequest hook that sets it
  reply
    .status(body.statusCode)
    .headers({ ...headers, 'x-request-id': String(request.id) })
    .send(body);
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    sendError(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>());
  }
}
