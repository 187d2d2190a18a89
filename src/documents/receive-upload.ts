import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { DocumentErrorCode, DocumentErrors } from './documents.errors.js';
import { spoolUpload, type SpooledUpload } from './storage/upload-spool.js';

/**
 * The codes receiveUpload refuses with, for @ApiErrors of an upload route (its 415, and the type check's
 * UNSUPPORTED_FILE_TYPE after it, the route documents with their own description).
 */
export const UPLOAD_ERROR_CODES = {
  400: [DocumentErrorCode.FileRequired],
  413: [DocumentErrorCode.FileTooLarge],
} as const;

/**
 * Receives one uploaded file from the multipart field `file` into a temporary spool under
 * `$DATA_DIR/tmp/uploads`: 415 when the body is not multipart, 400 FILE_REQUIRED without the
 * field, 413 FILE_TOO_LARGE beyond `maxBytes`. The caller checks the type (DocumentsService) and
 * discards the spool. Documents' files and meetings' agenda papers arrive through it.
 */
export async function receiveUpload(
  req: FastifyRequest,
  dataDir: string,
  maxBytes: number,
): Promise<{ upload: SpooledUpload; filename: string | undefined }> {
  if (!req.isMultipart()) throw DocumentErrors.notMultipart();
  let part;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 413) throw DocumentErrors.tooLarge(maxBytes);
    throw e;
  }
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw DocumentErrors.noFile();
  }
  const spooled = await spoolUpload(part.file, join(dataDir, 'tmp', 'uploads'), maxBytes);
  if (spooled.tooLarge || part.file.truncated) {
    await spooled.discard();
    throw DocumentErrors.tooLarge(maxBytes);
  }
  return { upload: spooled, filename: part.filename };
}
