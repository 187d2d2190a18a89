import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { StoredFileMissingError } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';
import { spoolUpload } from './upload-spool.js';

const read = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('LocalFileStorage', () => {
  let root: string;
  let storage: LocalFileStorage;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sotay-storage-'));
    storage = new LocalFileStorage(join(root, 'files'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes at ab/cd/<sha256>, once however often they are put, and leaves no temporary files', async () => {
    const bytes = Buffer.from('Tài liệu sinh hoạt chi bộ tháng 3');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(await storage.put(bytes)).toEqual({ sha256, size: bytes.length });
    expect(await storage.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]))).toEqual({ sha256, size: bytes.length });
    expect(readFileSync(join(root, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256))).toEqual(bytes);
    expect(readdirSync(join(root, 'files', '.tmp'))).toEqual([]);
    expect(await storage.exists(sha256)).toBe(true);
    expect(await read(await storage.get(sha256))).toEqual(bytes);
    expect(await read(await storage.get(sha256, { start: 2, end: 4 }))).toEqual(bytes.subarray(2, 5));
    await storage.delete(sha256);
    await storage.delete(sha256);
    expect(await storage.exists(sha256)).toBe(false);
    await expect(storage.get(sha256)).rejects.toBeInstanceOf(StoredFileMissingError);
  });

  it('builds paths from a SHA-256 only', () => {
    expect(() => storage.pathOf('../../etc/passwd')).toThrow();
    expect(() => storage.pathOf('A'.repeat(64))).toThrow();
  });

  it('removes the temporary file when the source fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put(failing)).rejects.toThrow('connection reset');
    expect(readdirSync(join(root, 'files', '.tmp'))).toEqual([]);
  });
});

describe('spoolUpload', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sotay-spool-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes and hashes an upload within the limit', async () => {
    const bytes = Buffer.alloc(1000, 7);
    const spooled = await spoolUpload(Readable.from([bytes]), dir, 1000);
    expect(spooled).toMatchObject({ size: 1000, tooLarge: false, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(readFileSync(spooled.path)).toEqual(bytes);
    await spooled.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops writing past the limit but reads the stream to its end', async () => {
    const source = Readable.from([Buffer.alloc(600), Buffer.alloc(600), Buffer.alloc(600)]);
    const spooled = await spoolUpload(source, dir, 1000);
    expect(spooled.tooLarge).toBe(true);
    expect(source.readableEnded).toBe(true);
    expect(readFileSync(spooled.path).length).toBeLessThanOrEqual(1000);
    await spooled.discard();
  });
});
