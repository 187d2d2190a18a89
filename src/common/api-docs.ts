import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './errors.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (per-field `errors` for validation failures)',
  401: 'Missing, expired or revoked token',
  403: 'The role may not use this operation, or the account must change its issued password first (PASSWORD_CHANGE_REQUIRED)',
  404: "Not found, or outside the caller's committee scope",
  409: 'Conflicts with the current state',
  413: 'Body too large',
  414: 'A path parameter over 100 characters',
  415: 'A body of a media type the operation does not take',
  429: 'Too many attempts; see Retry-After',
  500: 'An unexpected failure: the body says nothing of it; the log has it under the requestId',
  503: 'The database is unavailable',
};

/** Documents the error responses of an operation, all with the one error body. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        type: ErrorBody,
        ...(HEADERS[status] ? { headers: HEADERS[status] } : {}),
      }),
    ),
  );
}

const HEADERS: Record<number, Record<string, { description: string; required: boolean; schema: { type: 'string'; pattern: string } }>> = {
  429: {
    'Retry-After': { description: 'Seconds to wait before trying again', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
  },
  503: {
    'Retry-After': { description: 'Seconds to wait before trying again', required: false, schema: { type: 'string', pattern: '^[0-9]+$' } },
  },
};

/** The same error response as a plain OpenAPI object, for operations completed after the scan (src/common/openapi.ts). */
export function errorResponse(status: number) {
  return {
    description: DESCRIPTIONS[status] ?? 'Error',
    ...(HEADERS[status] ? { headers: HEADERS[status] } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  };
}
