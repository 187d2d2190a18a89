import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One problem of one row of an uploaded file (a member import). */
export class RowProblem {
  @ApiProperty({ type: 'integer', example: 3, description: 'Spreadsheet row number; the header is row 1 (title rows above it keep their numbers)' })
  row: number;

  @ApiProperty({ example: 'Ngày sinh', description: 'The column header as written in the file' })
  column: string;

  @ApiProperty({ example: 'expected a date DD/MM/YYYY or YYYY-MM-DD' })
  message: string;
}

/** The one error body every failure answers with. */
export class ErrorBody {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ example: 'NOT_FOUND', description: 'Stable machine-readable code' })
  code: string;

  @ApiProperty({ example: 'Committee not found' })
  message: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { code: 'code must be 2-64 characters' },
    description: 'Per-field messages of a validation failure (dotted paths for nested fields)',
  })
  errors?: Record<string, string>;

  @ApiPropertyOptional({
    type: () => [RowProblem],
    description: 'Every problem of a rejected file import (code IMPORT_INVALID), by row and column',
  })
  rows?: RowProblem[];

  @ApiPropertyOptional({ description: 'Also in the X-Request-Id header and the server log' })
  requestId?: string;
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export function defaultCode(status: number): string {
  return DEFAULT_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

/**
 * An error the API means to answer with: a status, a stable code, a human message and,
 * for validation, per-field messages. Modules declare their codes next to their service.
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly errors?: Record<string, string>,
    readonly headers?: Record<string, string>,
    /** Row-level problems of a file import. */
    readonly rows?: RowProblem[],
  ) {
    super({ statusCode: status, code, message, errors, rows }, status);
  }

  static badRequest(message: string, errors?: Record<string, string>, code = 'BAD_REQUEST') {
    return new ApiError(HttpStatus.BAD_REQUEST, code, message, errors);
  }

  static validation(errors: Record<string, string>) {
    return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request has invalid fields', errors);
  }

  static notFound(what: string) {
    return new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
  }

  static conflict(code: string, message: string) {
    return new ApiError(HttpStatus.CONFLICT, code, message);
  }

  static unauthorized(message = 'Authentication required', code = 'UNAUTHORIZED') {
    return new ApiError(HttpStatus.UNAUTHORIZED, code, message);
  }

  static forbidden(message = 'This role may not do that') {
    return new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
  }
}
