import type { Readable } from 'node:stream';

/** What a stored file is, as far as the storage knows: the SHA-256 of its bytes and their count. */
export interface StoredBytes {
  sha256: string;
  size: number;
}

/** Bytes `start` to `end`, both inclusive, zero-based (as in an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A lowercase hex SHA-256: the only key a storage accepts (it never builds a path from anything else). */
export const SHA256 = /^[0-9a-f]{64}$/;

export class StoredFileMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`stored file ${sha256} is missing`);
  }
}

/**
 * Content-addressed file storage: bytes go in, their SHA-256 comes out, and the SHA-256 is the
 * only address. Putting the same bytes twice stores them once.
 *
 * This abstract class is the seam (and the Nest injection token): the application ships
 * `LocalFileStorage` (a directory under `$DATA_DIR/files`). An S3-compatible store is NOT
 * built; one would implement these four methods (put: a multipart upload to a temporary key
 * then a copy to `<sha256>`; get: GetObject with a `Range` header) and be provided in
 * DocumentsModule in place of the local one.
 */
export abstract class FileStorage {
  /** Stores the bytes (atomically: a reader never sees a partial file) and answers their SHA-256 and size. */
  abstract put(source: Readable | Buffer): Promise<StoredBytes>;

  /** The bytes, or the inclusive `range` of them; rejects with StoredFileMissingError when absent. */
  abstract get(sha256: string, range?: ByteRange): Promise<Readable>;

  abstract exists(sha256: string): Promise<boolean>;

  /** Removes the bytes; removing absent bytes is not an error. */
  abstract delete(sha256: string): Promise<void>;
}
