import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload written to a temporary file, with the SHA-256 and size of what was written. */
export interface SpooledUpload {
  path: string;
  sha256: string;
  size: number;
  /** More than `maxBytes` arrived; the file holds the first `maxBytes + 1` at most and must be refused. */
  tooLarge: boolean;
  discard(): Promise<void>;
}

/**
 * Writes an incoming upload to a temporary file under `dir` while hashing it, so that its type
 * can be checked (magic bytes may lie deep in the file: a DOCX is a zip whose entries must be
 * read) and its SHA-256 is known before anything is stored. Stops writing past `maxBytes` but
 * drains the rest of the stream, so that the client gets an answer rather than a reset.
 */
export async function spoolUpload(source: Readable, dir: string, maxBytes: number): Promise<SpooledUpload> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let tooLarge = false;
  const discard = () => rm(path, { force: true });
  try {
    await pipeline(
      source,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          if (tooLarge) return done();
          if (size + chunk.length > maxBytes) {
            tooLarge = true;
            return done();
          }
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (e) {
    await discard();
    throw e;
  }
  return { path, sha256: hash.digest('hex'), size, tooLarge, discard };
}
