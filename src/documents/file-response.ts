import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors, errorSchema } from '../common/api-docs.js';
import { DocumentErrorCode, DocumentErrors } from './documents.errors.js';
import { ALLOWED_FILE_TYPES } from './file-types.js';
import { FileStorage, StoredFileMissingError, type ByteRange } from './storage/file-storage.js';

/** The outcome of a `Range` header against a body of `size` bytes. */
export type RangeOutcome = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Reads a `Range` header (RFC 9110 §14). One range is served as 206: `bytes=a-b`, `bytes=a-`,
 * `bytes=-n` (the last n bytes). Several ranges (`bytes=0-1,5-6`) are answered with the full body
 * (a server may ignore Range; multipart/byteranges is not worth its weight for documents), as is
 * a header that does not parse or names another unit. A well-formed range that starts past the
 * end (or a zero-length suffix) is unsatisfiable: 416.
 */
export function parseRange(header: string | undefined, size: number): RangeOutcome {
  if (!header) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m || m[1].includes(',')) return { kind: 'full' };
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(m[1]);
  if (!spec || (spec[1] === '' && spec[2] === '')) return { kind: 'full' };
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(spec[1]);
  const last = spec[2] === '' ? Infinity : Number(spec[2]);
  if (!Number.isSafeInteger(start) || last < start) return { kind: 'full' }; // not a valid range: ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end: Math.min(last, size - 1) } };
}

/** Does an `If-None-Match` (or `If-Range`) header name this entity tag? Weak comparison, `*` matches. */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  const wanted = bare(etag);
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((t) => t.trim() === '*' || bare(t) === wanted);
}

const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/**
 * A client's file name made safe to keep: no path, no control or reserved characters, at
 * most 200 characters, and ending with the extension of what the bytes really are (`x.exe` that
 * is a PDF becomes `x.exe.pdf`).
 */
export function sanitizeFileName(raw: string | undefined, ext: string): string {
  // a Windows path keeps its last part; a slash inside a name ("27-NQ/TW") becomes a dash
  const base = ((raw ?? '').split('\\').pop() ?? '').replace(/\//g, '-');
  const name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"*:<>?|]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const aliases = ext === 'jpg' ? ['jpg', 'jpeg'] : [ext];
  const alias = aliases.find((a) => name.toLowerCase().endsWith(`.${a}`));
  const stem = alias ? name.slice(0, -(alias.length + 1)) : name;
  const suffix = alias ? name.slice(stem.length) : `.${ext}`;
  return `${(stem.trim() || 'tai-lieu').slice(0, 200)}${suffix}`;
}

/** `inline; filename="ASCII fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / 8187), Vietnamese names intact. */
export function contentDisposition(name: string, type: 'inline' | 'attachment' = 'inline'): string {
  const fallback = stripMarks(name)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface DownloadableFile {
  sha256: string;
  size: number;
  mime: string;
  name: string;
}

/**
 * Answers a stored file: the detected Content-Type, Content-Disposition with the sanitised name,
 * ETag (the SHA-256: the bytes never change under it), 304 on a matching If-None-Match, and one
 * byte range (206 + Content-Range; 416 when unsatisfiable; If-Range honoured).
 */
export async function sendStoredFile(
  storage: FileStorage,
  req: FastifyRequest,
  reply: FastifyReply,
  file: DownloadableFile,
): Promise<FastifyReply> {
  const etag = `"${file.sha256}"`;
  reply.header('ETag', etag);
  reply.header('Accept-Ranges', 'bytes');
  reply.header('Cache-Control', 'private, no-cache');
  reply.header('X-Content-Type-Options', 'nosniff');
  if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send();

  const ifRange = req.headers['if-range'];
  const outcome =
    ifRange !== undefined && !etagMatches(ifRange, etag) ? { kind: 'full' as const } : parseRange(req.headers.range, file.size);
  if (outcome.kind === 'unsatisfiable') {
    throw DocumentErrors.rangeNotSatisfiable(file.size);
  }
  const range = outcome.kind === 'partial' ? outcome.range : undefined;
  let body;
  try {
    body = await storage.get(file.sha256, range);
  } catch (e) {
    // the database knows the file but the storage lost it: say so (the log has the hash)
    if (e instanceof StoredFileMissingError) throw DocumentErrors.fileMissing();
    throw e;
  }
  reply.header('Content-Type', file.mime);
  reply.header('Content-Disposition', contentDisposition(file.name));
  if (range) {
    reply.status(206);
    reply.header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    reply.header('Content-Length', String(range.end - range.start + 1));
  } else {
    reply.status(200);
    reply.header('Content-Length', String(file.size));
  }
  return reply.send(body);
}

/** The OpenAPI description of a file download route (binary body, 206/304/416, the headers). */
export function ApiFileDownload(summary: string, operationId: string, description: string) {
  const binary = { schema: { type: 'string', format: 'binary' } };
  const content = Object.fromEntries(Object.keys(ALLOWED_FILE_TYPES).map((mime) => [mime, binary]));
  const headers = {
    'Content-Type': { description: 'Detected from the bytes at upload', schema: { type: 'string' } },
    'Content-Disposition': { description: '`inline; filename="<ASCII>"; filename*=UTF-8\'\'<UTF-8 name>`', schema: { type: 'string' } },
    'Accept-Ranges': { schema: { type: 'string', example: 'bytes' } },
    ETag: { description: 'The quoted SHA-256 of the bytes', schema: { type: 'string' } },
  };
  return applyDecorators(
    ApiOperation({ operationId, summary, description }),
    ApiHeader({
      name: 'Range',
      required: false,
      description: 'One range: `bytes=a-b`, `bytes=a-` or `bytes=-n`. Several ranges answer the whole file (200).',
    }),
    ApiHeader({ name: 'If-Range', required: false, description: 'An ETag; the Range applies only while it matches' }),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag held; a match answers 304' }),
    // one body type for both successes (the project's OpenAPI rule): the whole file, or the bytes of a Range
    ApiOkResponse({ description: 'The whole file', content, headers }),
    ApiResponse({
      status: 206,
      description: 'Partial Content: the bytes of a satisfiable single Range',
      content,
      headers: {
        ...headers,
        'Content-Range': { description: '`bytes a-b/size`', required: true, schema: { type: 'string', pattern: '^bytes \\d+-\\d+/\\d+$' } },
      },
    }),
    ApiResponse({ status: 304, description: 'Not modified: the ETag in If-None-Match is current (no body)' }),
    ApiResponse({
      status: 416,
      description: 'The range starts past the end; `Content-Range: bytes */size`',
      schema: errorSchema([DocumentErrorCode.RangeNotSatisfiable]),
    }),
    // the metadata says there is a file and the storage has lost it: an operator's matter, logged
    ApiErrors(404, { 500: [DocumentErrorCode.FileMissing] }),
  );
}
