import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStorage, SHA256, StoredFileMissingError, type ByteRange, type StoredBytes } from './file-storage.js';

/**
 * Files in a local directory, at `<root>/ab/cd/<sha256>` (two levels of fan-out keep directories
 * small). A put writes to `<root>/.tmp/<random>`, flushes it to disk, then renames it into place:
 * the rename is atomic, so a file at its final path is always complete.
 */
export class LocalFileStorage extends FileStorage {
  constructor(readonly root: string) {
    super();
  }

  /** The path of the bytes with this SHA-256 (which must be a lowercase hex SHA-256). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('not a SHA-256');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable | Buffer): Promise<StoredBytes> {
    const tmpDir = join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    const temp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        Buffer.isBuffer(source) ? Readable.from([source]) : source,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        }),
        createWriteStream(temp, { mode: 0o640 }),
      );
      const fh = await open(temp, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      if (await this.exists(sha256)) {
        await rm(temp, { force: true });
      } else {
        await mkdir(dirname(final), { recursive: true });
        await rename(temp, final);
      }
      return { sha256, size };
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    // open first, so that a missing file is a rejection here and not an error event on the stream
    const fh = await open(this.pathOf(sha256), 'r').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new StoredFileMissingError(sha256) : e;
    });
    return fh.createReadStream({ autoClose: true, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    // the fan-out directories stay (at most 65,536): removing one could race a put into it
    await rm(this.pathOf(sha256), { force: true });
  }
}
