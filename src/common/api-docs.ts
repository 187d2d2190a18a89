import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './errors.js';

/** The codes an operation answers with, by status, beyond those every operation shares (src/common/openapi.ts). */
export type ErrorCodes = Partial<Record<number, readonly string[]>>;

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

/**
 * Documents the error responses of an operation, all with the one error body, and the codes of the
 * operation's own that each status answers with: `@ApiErrors(400, 404, { 409: [MeetingErrorCode.Locked] })`.
 * The codes every operation shares for a status (NOT_FOUND for 404, VALIDATION_FAILED for 400, …) are
 * added when the document is built; the schema of each error response lists them all as the enum of
 * `code`, so a client can switch on them and the contract check (test/support) refuses any other.
 * A method's declaration of a status replaces its controller's declaration of the same status.
 */
export function ApiErrors(...specs: (number | ErrorCodes)[]) {
  const byStatus = new Map<number, string[]>();
  for (const spec of specs) {
    if (typeof spec === 'number') byStatus.set(spec, byStatus.get(spec) ?? []);
    else for (const [status, codes] of Object.entries(spec)) byStatus.set(+status, [...(byStatus.get(+status) ?? []), ...(codes ?? [])]);
  }
  return applyDecorators(
    ApiExtraModels(ErrorBody),
    ...[...byStatus].map(([status, codes]) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        schema: errorSchema(codes),
        ...(HEADERS[status] ? { headers: HEADERS[status] } : {}),
      }),
    ),
  );
}

const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

/** The error body whose `code` is one of `codes` (just the body when none is named). */
export function errorSchema(codes: readonly string[]) {
  if (!codes.length) return { $ref: ERROR_BODY_REF };
  return {
    allOf: [
      { $ref: ERROR_BODY_REF },
      { type: 'object' as const, properties: { code: { type: 'string' as const, enum: [...new Set(codes)].sort() } } },
    ],
  };
}

/** The codes an error response schema of the document lists (see errorSchema), [] for the bare body. */
export function codesOfErrorSchema(schema: unknown): string[] {
  const members = (schema as { allOf?: { properties?: { code?: { enum?: string[] } } }[] } | undefined)?.allOf ?? [];
  return members.flatMap((m) => m.properties?.code?.enum ?? []);
}

/** Whether a response schema is the error body, bare or with its codes. */
export function isErrorSchema(schema: unknown): boolean {
  const s = schema as { $ref?: string; allOf?: { $ref?: string }[] } | undefined;
  return s?.$ref === ERROR_BODY_REF || s?.allOf?.[0]?.$ref === ERROR_BODY_REF;
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
    content: { 'application/json': { schema: errorSchema([]) } },
  };
}
