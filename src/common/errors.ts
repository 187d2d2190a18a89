import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One problem of one row of an uploaded file (a member import). */
export class RowProblem {
  @ApiProperty({
    type: 'integer',
    example: 3,
    description: 'Spreadsheet row number; the header is row 1 (title rows above it keep their numbers)',
  })
  row: number;

  @ApiProperty({ example: 'Ngày sinh', description: 'The column header as written in the file' })
  column: string;

  @ApiProperty({
    example: 'DATE_FORMAT',
    description:
      "Stable code of the problem (the members module's RecordProblemCode: DATE_FORMAT, PHONE_FORMAT, REQUIRED, " +
      'OFFICIAL_DATE_MISSING, …); clients show their own sentence keyed by it',
  })
  code: string;

  @ApiProperty({ example: 'expected a date DD/MM/YYYY or YYYY-MM-DD', description: 'The problem in English, for developers and logs' })
  message: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    example: { row: 4 },
    description: 'Values the sentence names: `row` (the earlier row of a duplicate), `columns`, `column`, `values`, `value`',
  })
  params?: Record<string, string | number>;
}

/** One record a bulk action could not act on (the whole action was refused: nothing changed). */
export class BulkFailure {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    example: 'NOT_FOUND',
    description: "The code the single action answers for this record (NOT_FOUND: unknown or outside the caller's scope)",
  })
  code: string;

  @ApiProperty({ example: 'Document not found', description: 'In English, for developers and logs' })
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

  @ApiPropertyOptional({
    type: () => [BulkFailure],
    description: 'Every record a bulk action could not act on (code BULK_ACTION_REFUSED); nothing was changed',
  })
  failures?: BulkFailure[];

  @ApiPropertyOptional({ description: 'Also in the X-Request-Id header and the server log' })
  requestId?: string;
}

/**
 * The codes any module may answer: the HTTP-level ones and the shared contracts of common/
 * (list queries, cursors, rate limits, long work, timeouts). A module's own codes are the enum of
 * its `<module>.errors.ts`; the dashboard has a Vietnamese message for each (error-codes.spec.ts).
 */
export enum CommonErrorCode {
  BadRequest = 'BAD_REQUEST',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  UnprocessableEntity = 'UNPROCESSABLE_ENTITY',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  InternalError = 'INTERNAL_ERROR',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  ValidationFailed = 'VALIDATION_FAILED',
  InvalidListQuery = 'INVALID_LIST_QUERY',
  InvalidCursor = 'INVALID_CURSOR',
  /** A value PostgreSQL refused as malformed or out of range (error.filter.ts). */
  InvalidValue = 'INVALID_VALUE',
  /** A unique constraint the service did not check first (error.filter.ts). */
  AlreadyExists = 'ALREADY_EXISTS',
  RateLimited = 'RATE_LIMITED',
  RequestTimeout = 'REQUEST_TIMEOUT',
  TooManyConcurrentJobs = 'TOO_MANY_CONCURRENT_JOBS',
  LongWorkBusy = 'LONG_WORK_BUSY',
  /** A bulk action refused as a whole: `failures` names each record and why (common/bulk.ts). */
  BulkActionRefused = 'BULK_ACTION_REFUSED',
  /** A list export over its row cap (common/list-export.ts). */
  ExportTooLarge = 'EXPORT_TOO_LARGE',
}

const DEFAULT_CODES: Record<number, CommonErrorCode> = {
  400: CommonErrorCode.BadRequest,
  401: CommonErrorCode.Unauthorized,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.NotFound,
  405: CommonErrorCode.MethodNotAllowed,
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  422: CommonErrorCode.UnprocessableEntity,
  429: CommonErrorCode.TooManyRequests,
  500: CommonErrorCode.InternalError,
  503: CommonErrorCode.ServiceUnavailable,
};

export function defaultCode(status: number): string {
  return DEFAULT_CODES[status] ?? (status >= 500 ? CommonErrorCode.InternalError : CommonErrorCode.BadRequest);
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
    /** The records a bulk action could not act on. */
    readonly failures?: BulkFailure[],
  ) {
    super({ statusCode: status, code, message, errors, rows, failures }, status);
  }

  static badRequest(message: string, errors?: Record<string, string>, code: string = CommonErrorCode.BadRequest) {
    return new ApiError(HttpStatus.BAD_REQUEST, code, message, errors);
  }

  static validation(errors: Record<string, string>) {
    return new ApiError(HttpStatus.BAD_REQUEST, CommonErrorCode.ValidationFailed, 'The request has invalid fields', errors);
  }

  static notFound(what: string) {
    return new ApiError(HttpStatus.NOT_FOUND, CommonErrorCode.NotFound, `${what} not found`);
  }

  static conflict(code: string, message: string) {
    return new ApiError(HttpStatus.CONFLICT, code, message);
  }

  static unauthorized(message = 'Authentication required', code: string = CommonErrorCode.Unauthorized) {
    return new ApiError(HttpStatus.UNAUTHORIZED, code, message);
  }

  static forbidden(message = 'This role may not do that') {
    return new ApiError(HttpStatus.FORBIDDEN, CommonErrorCode.Forbidden, message);
  }
}
