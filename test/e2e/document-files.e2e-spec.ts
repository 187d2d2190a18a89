import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocument, docxBytes, elfExecutableBytes, pdfBytes, peExecutableBytes, pngBytes, zipBytes } from '../factories/content.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Tree = Awaited<ReturnType<typeof createTree>>;

const MAX = 64 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Collects a download as bytes, whatever its content type. */
const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('document files: upload validation, content-addressed storage, downloads with Range', () => {
  let t: TestApp;
  let dataDir: string;
  let tree: Tree;
  let editorA: string;
  let editorB: string;
  let memberA: string;

  const stored = (hash: string) => join(dataDir, 'files', hash.slice(0, 2), hash.slice(2, 4), hash);
  const storedFiles = async () =>
    (await t.db.query('SELECT sha256, size::int AS size, mime FROM stored_files ORDER BY sha256')) as {
      sha256: string;
      size: number;
      mime: string;
    }[];
  const upload = (token: string, id: string, bytes: Buffer, filename: string, contentType = 'application/pdf') =>
    t.http().post(`/api/documents/${id}/file`).set('Authorization', `Bearer ${token}`).attach('file', bytes, { filename, contentType });
  const download = (token: string, path: string, headers: Record<string, string> = {}) => {
    const req = t.http().get(path).set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.buffer(true).parse(binary);
  };
  const newDocument = async (committee = tree.districtA, status: 'draft' | 'published' = 'draft') =>
    createDocument(t.db, committee, { status });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sotay-files-'));
    t = await createTestApp({ DATA_DIR: dataDir, FILE_MAX_BYTES: String(MAX) });
    tree = await createTree(t.db);
    editorA = await tokenFor(t, 'editor', tree.districtA);
    editorB = await tokenFor(t, 'editor', tree.districtB);
    memberA = await tokenFor(t, 'member', tree.branchA);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts a real PDF, stores it by its SHA-256 and serves it with its type, name and ETag', async () => {
    const doc = await newDocument();
    const pdf = pdfBytes('Nghi quyet 27');
    const res = await upload(editorA, doc.id, pdf, 'Nghị quyết 27-NQ-TW.pdf', 'application/octet-stream').expect(200);
    expect(res.body.file).toEqual({ size: pdf.length, mime: 'application/pdf', name: 'Nghị quyết 27-NQ-TW.pdf', sha256: sha(pdf) });
    expect(readFileSync(stored(sha(pdf)))).toEqual(pdf);

    const got = await download(editorA, `/api/documents/${doc.id}/file`).expect(200);
    expect(got.body).toEqual(pdf);
    expect(got.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'accept-ranges': 'bytes',
      etag: `"${sha(pdf)}"`,
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="Nghi quyet 27-NQ-TW.pdf"; filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%2027-NQ-TW.pdf`,
    });
    await download(editorA, `/api/documents/${doc.id}/file`, { 'If-None-Match': `"${sha(pdf)}"` }).expect(304);
  });

  it('accepts PNG and DOCX by their bytes, and names a file by what it is, not what it claims', async () => {
    const png = pngBytes();
    const a = await newDocument();
    expect((await upload(editorA, a.id, png, 'ảnh chụp.PNG', 'application/pdf').expect(200)).body.file).toMatchObject({
      mime: 'image/png',
      name: 'ảnh chụp.PNG',
    });
    const b = await newDocument();
    const docx = docxBytes();
    expect((await upload(editorA, b.id, docx, 'huong-dan', 'text/plain').expect(200)).body.file).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      name: 'huong-dan.docx',
    });
    const c = await newDocument();
    expect((await upload(editorA, c.id, pdfBytes('x'), 'bao-cao.exe').expect(200)).body.file.name).toBe('bao-cao.exe.pdf');
    const d = await newDocument();
    expect((await upload(editorA, d.id, pdfBytes('y'), '..\\..\\tai<lieu>?.pdf').expect(200)).body.file.name).toBe('tailieu.pdf');
    const got = await download(editorA, `/api/documents/${b.id}/file`).expect(200);
    expect(got.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(got.body).toEqual(docx);
  });

  it('refuses a renamed executable, a plain zip, HTML and an empty file with 415, changing nothing', async () => {
    const doc = await newDocument();
    const pdf = pdfBytes('ban goc');
    await upload(editorA, doc.id, pdf, 'ban-goc.pdf').expect(200);
    const before = await storedFiles();
    const refused: [Buffer, string][] = [
      [peExecutableBytes(), 'nghi-quyet.pdf'],
      [elfExecutableBytes(), 'tai-lieu.pdf'],
      [zipBytes({ 'word.txt': 'not a document' }), 'van-ban.docx'],
      [Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'), 'trang.pdf'],
      [Buffer.alloc(0), 'rong.pdf'],
    ];
    for (const [bytes, name] of refused) {
      const res = await upload(editorA, doc.id, bytes, name).expect(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_FILE_TYPE' });
      expect(existsSync(stored(sha(bytes)))).toBe(false);
    }
    expect(await storedFiles()).toEqual(before);
    const same = await t.http().get(`/api/documents/${doc.id}`).set('Authorization', `Bearer ${editorA}`).expect(200);
    expect(same.body.file).toMatchObject({ sha256: sha(pdf), name: 'ban-goc.pdf' });
    expect(readdirSync(join(dataDir, 'tmp', 'uploads'))).toEqual([]); // no spooled leftovers
  });

  it('refuses a file over FILE_MAX_BYTES with 413, and a request that is not a multipart file', async () => {
    const doc = await newDocument();
    const big = Buffer.concat([pdfBytes('lon'), Buffer.alloc(MAX, 0x20)]);
    const before = await storedFiles();
    const res = await upload(editorA, doc.id, big, 'lon.pdf').expect(413);
    expect(res.body.code).toBe('FILE_TOO_LARGE');
    expect(await storedFiles()).toEqual(before);
    expect(readdirSync(join(dataDir, 'tmp', 'uploads'))).toEqual([]);
    // exactly at the limit is fine
    const atLimit = Buffer.concat([pdfBytes('vua'), Buffer.alloc(MAX - pdfBytes('vua').length, 0x20)]);
    expect((await upload(editorA, doc.id, atLimit, 'vua.pdf').expect(200)).body.file.size).toBe(MAX);

    const json = await t
      .http()
      .post(`/api/documents/${doc.id}/file`)
      .set('Authorization', `Bearer ${editorA}`)
      .send({ file: 'x' })
      .expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const wrongField = await t
      .http()
      .post(`/api/documents/${doc.id}/file`)
      .set('Authorization', `Bearer ${editorA}`)
      .attach('attachment', pdfBytes(), 'a.pdf')
      .expect(400);
    expect(wrongField.body.code).toBe('FILE_REQUIRED');
  });

  it('stores the same bytes once, keeps them while a document uses them, and removes them with the last one', async () => {
    const pdf = pdfBytes('dung chung');
    const one = await newDocument();
    const two = await newDocument();
    await upload(editorA, one.id, pdf, 'ban-1.pdf').expect(200);
    const res = await upload(editorA, two.id, pdf, 'ban-2.pdf').expect(200);
    expect(res.body.file).toMatchObject({ sha256: sha(pdf), name: 'ban-2.pdf' });
    expect((await storedFiles()).filter((f) => f.sha256 === sha(pdf))).toEqual([
      { sha256: sha(pdf), size: pdf.length, mime: 'application/pdf' },
    ]);
    expect(readdirSync(join(dataDir, 'files', sha(pdf).slice(0, 2), sha(pdf).slice(2, 4)))).toEqual([sha(pdf)]);

    // deleting one document keeps the bytes the other still uses
    await t.http().delete(`/api/documents/${one.id}`).set('Authorization', `Bearer ${editorA}`).expect(200);
    expect((await download(editorA, `/api/documents/${two.id}/file`).expect(200)).body).toEqual(pdf);
    // replacing the last user's file removes the old bytes
    const png = pngBytes(3, 1);
    await upload(editorA, two.id, png, 'thay-the.png').expect(200);
    expect((await storedFiles()).map((f) => f.sha256)).not.toContain(sha(pdf));
    expect(existsSync(stored(sha(pdf)))).toBe(false);
    // detaching removes the now unused bytes too
    const detached = await t.http().delete(`/api/documents/${two.id}/file`).set('Authorization', `Bearer ${editorA}`).expect(200);
    expect(detached.body.file).toBeNull();
    expect(existsSync(stored(sha(png)))).toBe(false);
    await download(editorA, `/api/documents/${two.id}/file`).expect(404);
    await t.http().delete(`/api/documents/${two.id}/file`).set('Authorization', `Bearer ${editorA}`).expect(404);
  });

  it('stores the same bytes once when they are uploaded to several documents at the same time', async () => {
    const pdf = pdfBytes('cung luc');
    const docs = await Promise.all([1, 2, 3].map(() => newDocument()));
    const results = await Promise.all(docs.map((d, i) => upload(editorA, d.id, pdf, `ban-${i}.pdf`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await storedFiles()).filter((f) => f.sha256 === sha(pdf))).toHaveLength(1);
    const linked = await t.db.query(
      `SELECT count(*)::int AS n FROM documents d JOIN stored_files f ON f.id = d.file_id WHERE f.sha256 = $1`,
      [sha(pdf)],
    );
    expect(linked[0].n).toBe(3);
    expect(readFileSync(stored(sha(pdf)))).toEqual(pdf);
  });

  describe('Range downloads', () => {
    let pdf: Buffer;
    let path: string;

    beforeAll(async () => {
      const doc = await newDocument(tree.province, 'published');
      pdf = pdfBytes('Range');
      const admin = await tokenFor(t, 'admin', null);
      await upload(admin, doc.id, pdf, 'range.pdf').expect(200);
      path = `/api/me/documents/${doc.id}/file`;
    });

    it('bytes=0-9 answers 206 with exactly those bytes', async () => {
      const res = await download(memberA, path, { Range: 'bytes=0-9' }).expect(206);
      expect(res.body).toEqual(pdf.subarray(0, 10));
      expect(res.headers['content-range']).toBe(`bytes 0-9/${pdf.length}`);
      expect(res.headers['content-length']).toBe('10');
      expect(res.headers['content-type']).toBe('application/pdf');
    });

    it('a suffix range (bytes=-5) answers the last five bytes; an open range the rest; an end past the size is clipped', async () => {
      const suffix = await download(memberA, path, { Range: 'bytes=-5' }).expect(206);
      expect(suffix.body).toEqual(pdf.subarray(pdf.length - 5));
      expect(suffix.headers['content-range']).toBe(`bytes ${pdf.length - 5}-${pdf.length - 1}/${pdf.length}`);
      const open = await download(memberA, path, { Range: 'bytes=100-' }).expect(206);
      expect(open.body).toEqual(pdf.subarray(100));
      const clipped = await download(memberA, path, { Range: `bytes=${pdf.length - 3}-${pdf.length + 100}` }).expect(206);
      expect(clipped.body).toEqual(pdf.subarray(pdf.length - 3));
    });

    it('answers HEAD with the headers of the file and no body', async () => {
      const res = await t.http().head(path).set('Authorization', `Bearer ${memberA}`).expect(200);
      expect(res.headers).toMatchObject({ 'content-type': 'application/pdf', 'accept-ranges': 'bytes', etag: `"${sha(pdf)}"` });
      expect(res.text ?? '').toBe('');
    });

    it('a range starting past the end is 416 with Content-Range: bytes */size', async () => {
      const res = await t.http().get(path).set('Authorization', `Bearer ${memberA}`).set('Range', `bytes=${pdf.length}-`).expect(416);
      expect(res.headers['content-range']).toBe(`bytes */${pdf.length}`);
      expect(res.body.code).toBe('RANGE_NOT_SATISFIABLE');
      await t.http().get(path).set('Authorization', `Bearer ${memberA}`).set('Range', 'bytes=-0').expect(416);
    });

    it('several ranges, a malformed header or a stale If-Range answer the whole file', async () => {
      const variants: Record<string, string>[] = [
        { Range: 'bytes=0-1,5-6' },
        { Range: 'bytes=9-2' },
        { Range: 'lines=1-2' },
        { Range: 'bytes=0-9', 'If-Range': '"stale"' },
      ];
      for (const headers of variants) {
        const res = await download(memberA, path, headers).expect(200);
        expect(res.body).toEqual(pdf);
      }
      expect((await download(memberA, path, { Range: 'bytes=0-9', 'If-Range': `"${sha(pdf)}"` }).expect(206)).body).toEqual(
        pdf.subarray(0, 10),
      );
    });
  });

  it('serves a member only the files of published documents aimed at them', async () => {
    const pdf = pdfBytes('muc tieu');
    const admin = await tokenFor(t, 'admin', null);
    const draftA = await newDocument(tree.branchA, 'draft');
    const publishedB = await newDocument(tree.districtB, 'published');
    const publishedA = await newDocument(tree.grassA, 'published');
    const noFile = await newDocument(tree.districtA, 'published');
    for (const d of [draftA, publishedB, publishedA]) await upload(admin, d.id, pdf, 'muc-tieu.pdf').expect(200);

    expect((await download(memberA, `/api/me/documents/${publishedA.id}/file`).expect(200)).body).toEqual(pdf);
    const detail = await t.http().get(`/api/me/documents/${publishedA.id}`).set('Authorization', `Bearer ${memberA}`).expect(200);
    expect(detail.body).toMatchObject({
      hasFile: true,
      file: { size: pdf.length, mime: 'application/pdf', name: 'muc-tieu.pdf', sha256: sha(pdf) },
    });
    for (const d of [draftA, publishedB, noFile]) {
      const res = await t.http().get(`/api/me/documents/${d.id}/file`).set('Authorization', `Bearer ${memberA}`).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    // the editors' route: in scope only, drafts included; members are not editors
    expect((await download(editorA, `/api/documents/${draftA.id}/file`).expect(200)).body).toEqual(pdf);
    await download(editorB, `/api/documents/${draftA.id}/file`).expect(404);
    await download(memberA, `/api/documents/${publishedA.id}/file`).expect(403);
    // an editor of another district cannot upload into district A's document
    await upload(editorB, publishedA.id, pngBytes(), 'x.png').expect(404);
    expect(
      (await t.http().get(`/api/documents/${publishedA.id}`).set('Authorization', `Bearer ${editorA}`).expect(200)).body.file.sha256,
    ).toBe(sha(pdf));
  });
});
