import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './errors.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (per-field `errors` for validation failures)',
  401: 'Missing, expired or revoked token',
  403: 'The role may not use this operation',
  404: 'Not found, or outside the caller\'s committee scope',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  429: 'Too many attempts; see Retry-After',
  503: 'The database is unavailable',
};

/** Documents the error responses of an operation, all with the one error body. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorBody })),
  );
}
