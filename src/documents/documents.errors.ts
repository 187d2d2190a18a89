import { HttpStatus } from '@nestjs/common';
import { ApiError, defaultCode } from '../common/errors.js';
import { ALLOWED_FILE_TYPE_NAMES } from './file-types.js';

/**
 * The codes the documents module answers besides the generic ones of common/errors.ts (NOT_FOUND,
 * VALIDATION_FAILED, INVALID_LIST_QUERY, INVALID_CURSOR, and UNSUPPORTED_MEDIA_TYPE for a body that
 * is not multipart).
 */
export enum DocumentErrorCode {
  FileRequired = 'FILE_REQUIRED',
  FileTooLarge = 'FILE_TOO_LARGE',
  UnsupportedFileType = 'UNSUPPORTED_FILE_TYPE',
  RangeNotSatisfiable = 'RANGE_NOT_SATISFIABLE',
  FileMissing = 'FILE_MISSING',
  /** Another module (a meeting's agenda) still attaches the document. */
  InUse = 'DOCUMENT_IN_USE',
}

export const DocumentErrors = {
  notFound: () => ApiError.notFound('Document'),
  fileNotFound: () => ApiError.notFound('File'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeRequired: () => ApiError.validation({ committeeId: 'committeeId is required (the caller has no home committee)' }),
  committeeArchived: () =>
    ApiError.validation({ committeeId: 'the committee was merged or dissolved; publish under the committee that replaced it' }),
  notMultipart: () =>
    new ApiError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      defaultCode(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
      'Send the file as multipart/form-data in a field named "file"',
    ),
  noFile: () =>
    ApiError.badRequest('Send the file in a multipart field named "file"', { file: 'a file is required' }, DocumentErrorCode.FileRequired),
  tooLarge: (max: number) =>
    new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, DocumentErrorCode.FileTooLarge, `The file is larger than ${max} bytes`),
  unsupportedType: () =>
    new ApiError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      DocumentErrorCode.UnsupportedFileType,
      `The file's content is not one of ${ALLOWED_FILE_TYPE_NAMES} (the type is read from the bytes, not the name)`,
    ),
  rangeNotSatisfiable: (size: number) =>
    new ApiError(
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
      DocumentErrorCode.RangeNotSatisfiable,
      `The file has ${size} bytes; the requested range is outside it`,
      undefined,
      {
        'content-range': `bytes */${size}`,
      },
    ),
  inUse: (uses: Record<string, number>) =>
    ApiError.conflict(
      DocumentErrorCode.InUse,
      `The document is still attached (${Object.entries(uses)
        .map(([name, n]) => `${n} ${name}`)
        .join(', ')}); unpublish it instead, or detach it first`,
    ),
  /** The database knows the file but the storage lost it (the log has the hash). */
  fileMissing: () => new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, DocumentErrorCode.FileMissing, 'The file is missing from storage'),
};
