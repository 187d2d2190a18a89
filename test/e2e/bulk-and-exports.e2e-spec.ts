import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { createDocument } from '../factories/content.js';
import { createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Tree = Awaited<ReturnType<typeof createTree>>;

/** A response body read as bytes (supertest leaves text/csv as text and xlsx unparsed otherwise). */
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('bulk actions and list exports (issue 19 #13)', () => {
  let t: TestApp;
  let tree: Tree;
  let admin: string;
  let editorA: string;
  let secretaryA: string;
  let adminA: string;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    file: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const auditCount = async (action: string, entityId?: string) =>
    Number(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2)`, [
          action,
          entityId ?? null,
        ])
      )[0].n,
    );
  const statusOf = async (table: 'documents' | 'news_items', id: string) =>
    (await t.db.query(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0].status as string;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    admin = await tokenFor(t, 'admin', null);
    editorA = await tokenFor(t, 'editor', tree.districtA);
    secretaryA = await tokenFor(t, 'secretary', tree.branchA);
    adminA = await tokenFor(t, 'committee_admin', tree.districtA);
  });
  afterAll(async () => t?.close());

  describe('publish and unpublish several documents', () => {
    it('publishes every chosen draft in one call, each audited as the single publish', async () => {
      const a = await createDocument(t.db, tree.districtA, { status: 'draft' });
      const b = await createDocument(t.db, tree.branchA, { status: 'draft' });
      const already = await createDocument(t.db, tree.grassA, { status: 'published' });
      const res = await as(editorA)
        .post('/api/documents/bulk-status', { ids: [a.id, b.id, already.id], status: 'published' })
        .expect(200);
      expect(res.body).toEqual({
        changed: 2,
        unchanged: 1,
        items: [
          { id: a.id, changed: true },
          { id: b.id, changed: true },
          { id: already.id, changed: false },
        ],
      });
      expect(await statusOf('documents', a.id)).toBe('published');
      expect(await statusOf('documents', b.id)).toBe('published');
      expect(await auditCount('document.publish', a.id)).toBe(1);
      expect(await auditCount('document.publish', b.id)).toBe(1);
      expect(await auditCount('document.publish', already.id)).toBe(0);
      // members of the publishing committees are told, as by the single publish
      const n = await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = ANY($1)`, [
        [`document:${a.id}`, `document:${b.id}`],
      ]);
      expect(n[0].n).toBe(2);

      await as(editorA)
        .post('/api/documents/bulk-status', { ids: [a.id, b.id], status: 'draft' })
        .expect(200);
      expect(await statusOf('documents', a.id)).toBe('draft');
      expect(await auditCount('document.unpublish', b.id)).toBe(1);
    });

    it('refuses the whole set when one id is unknown or outside the scope, naming each, and changes nothing', async () => {
      const mine = await createDocument(t.db, tree.districtA, { status: 'draft' });
      const theirs = await createDocument(t.db, tree.districtB, { status: 'draft' });
      const unknown = randomUUID();
      const res = await as(editorA)
        .post('/api/documents/bulk-status', { ids: [mine.id, theirs.id, unknown], status: 'published' })
        .expect(422);
      expect(res.body.code).toBe('BULK_ACTION_REFUSED');
      // out of scope and unknown answer alike: nothing tells one from the other
      expect(res.body.failures).toEqual([
        { id: theirs.id, code: 'NOT_FOUND', message: expect.any(String) },
        { id: unknown, code: 'NOT_FOUND', message: expect.any(String) },
      ]);
      expect(res.body.failures[0].message).toBe(res.body.failures[1].message);
      expect(await statusOf('documents', mine.id)).toBe('draft');
      expect(await statusOf('documents', theirs.id)).toBe('draft');
      expect(await auditCount('document.publish', mine.id)).toBe(0);
    });

    it('answers 400 with a code for no ids, too many, repeated or malformed ids, or a bad status', async () => {
      const doc = await createDocument(t.db, tree.districtA, { status: 'draft' });
      const bad = async (body: object, field: string) => {
        const res = await as(editorA).post('/api/documents/bulk-status', body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(res.body.errors)).toContain(field);
      };
      await bad({ ids: [], status: 'published' }, 'ids');
      await bad({ ids: Array.from({ length: 501 }, () => randomUUID()), status: 'published' }, 'ids');
      await bad({ ids: [doc.id, doc.id], status: 'published' }, 'ids');
      await bad({ ids: ['1'], status: 'published' }, 'ids');
      await bad({ ids: [doc.id], status: 'archived' }, 'status');
      expect(await statusOf('documents', doc.id)).toBe('draft');
      // 500 is allowed (and refused here only because they are unknown)
      const five = await as(editorA)
        .post('/api/documents/bulk-status', { ids: Array.from({ length: 500 }, () => randomUUID()), status: 'published' })
        .expect(422);
      expect(five.body.failures).toHaveLength(500);
    });

    it('is for editors: a secretary is refused', async () => {
      const doc = await createDocument(t.db, tree.branchA, { status: 'draft' });
      await as(secretaryA)
        .post('/api/documents/bulk-status', { ids: [doc.id], status: 'published' })
        .expect(403);
    });
  });

  describe('publish and unpublish several news items', () => {
    it('publishes in scope, refuses out of scope as a whole', async () => {
      const a = await createNews(t.db, tree.districtA, { status: 'draft' });
      const b = await createNews(t.db, tree.branchA, { status: 'draft' });
      const theirs = await createNews(t.db, tree.districtB, { status: 'draft' });
      const refused = await as(editorA)
        .post('/api/news/bulk-status', { ids: [a.id, theirs.id], status: 'published' })
        .expect(422);
      expect(refused.body.failures.map((f: any) => [f.id, f.code])).toEqual([[theirs.id, 'NOT_FOUND']]);
      expect(await statusOf('news_items', a.id)).toBe('draft');

      const res = await as(editorA)
        .post('/api/news/bulk-status', { ids: [a.id, b.id], status: 'published' })
        .expect(200);
      expect(res.body.changed).toBe(2);
      expect(await statusOf('news_items', b.id)).toBe('published');
      expect(await auditCount('news.publish', a.id)).toBe(1);
      expect(await auditCount('news.publish', b.id)).toBe(1);
    });
  });

  describe('approve or reject several corrections', () => {
    async function requestBy(fullName: string, phone: string) {
      const member = await createMember(t.db, tree.branchA, { fullName, phone: '0911111111' });
      const user = await createUser(t.db, 'member', tree.branchA, { memberId: member.id });
      const token = (await login(t.http, user)).accessToken;
      const res = await as(token).post('/api/me/corrections', { changes: { phone }, reason: 'Đổi số điện thoại' }).expect(201);
      return { member, id: res.body.id as string };
    }
    const phoneOf = async (memberId: string) => (await t.db.query(`SELECT phone FROM members WHERE id = $1`, [memberId]))[0].phone;
    const statusOfRequest = async (id: string) =>
      (await t.db.query(`SELECT status FROM member_correction_requests WHERE id = $1`, [id]))[0].status;

    it('approves each: the records change, each audited as member.update and correction.approve', async () => {
      const one = await requestBy('Nguyễn Văn Một', '0981000001');
      const two = await requestBy('Lê Thị Hai', '0981000002');
      const res = await as(secretaryA)
        .post('/api/corrections/bulk-approve', { ids: [one.id, two.id], note: 'Đã đối chiếu' })
        .expect(200);
      expect(res.body.changed).toBe(2);
      expect(await phoneOf(one.member.id)).toBe('0981000001');
      expect(await phoneOf(two.member.id)).toBe('0981000002');
      for (const r of [one, two]) {
        expect(await auditCount('correction.approve', r.id)).toBe(1);
        expect(await auditCount('member.update', r.member.id)).toBe(1);
      }
    });

    it('refuses a set holding a decided request (its 409 code named), leaving the pending one pending', async () => {
      const decided = await requestBy('Trần Văn Ba', '0981000003');
      const pending = await requestBy('Phạm Thị Bốn', '0981000004');
      await as(secretaryA).post(`/api/corrections/${decided.id}/reject`, { note: 'Không khớp hồ sơ' }).expect(200);
      const res = await as(secretaryA)
        .post('/api/corrections/bulk-reject', { ids: [pending.id, decided.id], note: 'Sai' })
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'BULK_ACTION_REFUSED',
        failures: [{ id: decided.id, code: 'CORRECTION_ALREADY_DECIDED' }],
      });
      expect(await statusOfRequest(pending.id)).toBe('pending');
      expect(await auditCount('correction.reject', pending.id)).toBe(0);
      // a rejection needs its note, as the single one does
      const noNote = await as(secretaryA)
        .post('/api/corrections/bulk-reject', { ids: [pending.id], note: '  ' })
        .expect(400);
      expect(noNote.body.errors).toHaveProperty('note');
      await as(secretaryA)
        .post('/api/corrections/bulk-reject', { ids: [pending.id], note: 'Không khớp hồ sơ' })
        .expect(200);
      expect(await statusOfRequest(pending.id)).toBe('rejected');
      expect(await auditCount('correction.reject', pending.id)).toBe(1);
    });

    it('a secretary of another branch cannot decide them', async () => {
      const r = await requestBy('Đỗ Văn Năm', '0981000005');
      const secretaryB = await tokenFor(t, 'secretary', tree.branchB);
      const res = await as(secretaryB)
        .post('/api/corrections/bulk-approve', { ids: [r.id] })
        .expect(422);
      expect(res.body.failures[0].code).toBe('NOT_FOUND');
      expect(await statusOfRequest(r.id)).toBe('pending');
    });
  });

  describe('issue accounts to chosen members', () => {
    const accountsOf = async (ids: string[]) =>
      Number((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE member_id = ANY($1)`, [ids]))[0].n);

    it('creates the missing accounts, skips those who have one, audits each as user.create', async () => {
      const a = await createMember(t.db, tree.branchA, { fullName: 'Hoàng Văn Sáu' });
      const b = await createMember(t.db, tree.branchA, { fullName: 'Vũ Thị Bảy' });
      const has = await createMember(t.db, tree.branchA, { fullName: 'Ngô Văn Tám' });
      await createUser(t.db, 'member', tree.branchA, { memberId: has.id });
      const res = await as(secretaryA)
        .post('/api/members/accounts/selected', { ids: [a.id, b.id, has.id] })
        .expect(201);
      expect(res.body.created).toBe(2);
      expect(res.body.skipped).toBe(1);
      expect(res.body.credentials.map((c: any) => c.memberId).sort()).toEqual([a.id, b.id].sort());
      expect(res.body.credentials[0].initialPassword).toEqual(expect.any(String));
      const audit = await t.db.query(
        `SELECT entity_id, details FROM audit_log WHERE action = 'user.create' AND details->>'memberId' = ANY($1)`,
        [[a.id, b.id]],
      );
      expect(audit).toHaveLength(2);
      expect(audit.every((r: any) => r.entity_id)).toBe(true);
    });

    it('refuses members outside the scope or who left, creating nothing', async () => {
      const mine = await createMember(t.db, tree.branchA, { fullName: 'Bùi Văn Chín' });
      const theirs = await createMember(t.db, tree.branchB, { fullName: 'Đinh Thị Mười' });
      const left = await createMember(t.db, tree.branchA, { fullName: 'Lý Văn Mười Một' });
      await t.db.query(`UPDATE members SET end_state = 'deceased' WHERE id = $1`, [left.id]);
      const res = await as(secretaryA)
        .post('/api/members/accounts/selected', { ids: [mine.id, theirs.id, left.id] })
        .expect(422);
      expect(res.body.failures.map((f: any) => [f.id, f.code])).toEqual([
        [theirs.id, 'NOT_FOUND'],
        [left.id, 'MEMBER_HAS_LEFT'],
      ]);
      expect(await accountsOf([mine.id, theirs.id, left.id])).toBe(0);
      await as(secretaryA)
        .post('/api/members/accounts/selected', { ids: Array.from({ length: 501 }, () => randomUUID()) })
        .expect(400);
    });
  });

  describe('exports', () => {
    const rowsOf = (body: Buffer, delimiter: ',' | ';') => {
      const text = body.toString('utf8');
      expect(text.startsWith('\ufeff')).toBe(true);
      return parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][];
    };

    it('documents: the scope and filters of the list, a BOM, ; for Vietnamese Excel, audited', async () => {
      const inScope = await createDocument(t.db, tree.districtA, { title: 'Kế hoạch; tuyên truyền năm 2026', status: 'published' });
      const draft = await createDocument(t.db, tree.grassA, { title: 'Dự thảo quy chế', status: 'draft' });
      const outside = await createDocument(t.db, tree.districtB, { title: 'Văn bản của Định Hóa', status: 'published' });
      const filter = encodeURIComponent(JSON.stringify({ status: 'published' }));
      const res = await as(editorA).file(`/api/documents/export?delimiter=semicolon&filter=${filter}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="van-ban-\d{8}\.csv"$/);
      const rows = rowsOf(res.body, ';');
      expect(rows[0].slice(0, 3)).toEqual(['Số hiệu', 'Tiêu đề', 'Loại văn bản']);
      const titles = rows.slice(1).map((r) => r[1]);
      expect(titles).toContain('Kế hoạch; tuyên truyền năm 2026');
      expect(titles).not.toContain(draft.title);
      expect(titles).not.toContain(outside.title);
      const row = rows.find((r) => r[1] === inScope.title)!;
      expect(row[2]).toBe('Nghị quyết');
      expect(row[4]).toBe('15/03/2024');
      expect(row[6]).toBe('Đã đăng');
      // the default separator is the comma; the list's sort is kept
      const comma = await as(editorA)
        .file(`/api/documents/export?filter=${filter}&sort=${encodeURIComponent('["title","ASC"]')}`)
        .expect(200);
      const commaRows = rowsOf(comma.body, ',');
      expect(commaRows.length).toBe(rows.length);
      expect(commaRows[0]).toEqual(rows[0]);
      const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE action = 'document.export' ORDER BY id DESC LIMIT 2`);
      expect(audit.details).toMatchObject({ format: 'csv', delimiter: 'comma', count: commaRows.length - 1 });
      expect(await auditCount('document.export')).toBe(2);
    });

    it('documents as xlsx; a bad delimiter, format or filter is a 400 with a code', async () => {
      const res = await as(editorA).file('/api/documents/export?format=xlsx').expect(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      expect(res.body.subarray(0, 2).toString()).toBe('PK');
      expect((await as(editorA).get('/api/documents/export?delimiter=tab').expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await as(editorA).get('/api/documents/export?format=pdf').expect(400)).body.code).toBe('VALIDATION_FAILED');
      const badFilter = encodeURIComponent(JSON.stringify({ nope: 1 }));
      expect((await as(editorA).get(`/api/documents/export?filter=${badFilter}`).expect(400)).body.code).toBe('INVALID_LIST_QUERY');
    });

    it('news, accounts and the audit log: scoped, with a BOM and the ; option', async () => {
      const mine = await createNews(t.db, tree.branchA, { title: 'Tin chi bộ Đồng Kè' });
      const theirs = await createNews(t.db, tree.branchB, { title: 'Tin chi bộ Bản Lác' });
      const news = rowsOf((await as(editorA).file('/api/news/export?delimiter=semicolon').expect(200)).body, ';');
      expect(news[0][0]).toBe('Tiêu đề');
      expect(news.map((r) => r[0])).toContain(mine.title);
      expect(news.map((r) => r[0])).not.toContain(theirs.title);

      const userB = await createUser(t.db, 'editor', tree.districtB, { username: 'bientap.dinhhoa' });
      const users = rowsOf((await as(adminA).file('/api/users/export?delimiter=semicolon').expect(200)).body, ';');
      expect(users[0].slice(0, 3)).toEqual(['Tên đăng nhập', 'Họ và tên', 'Vai trò']);
      expect(users.length).toBeGreaterThan(2);
      expect(users.map((r) => r[0])).not.toContain(userB.username);
      expect(JSON.stringify(users)).not.toMatch(/argon2|passwordHash/);
      expect(await auditCount('user.export')).toBe(1);

      const log = rowsOf((await as(adminA).file('/api/audit-log/export?delimiter=semicolon').expect(200)).body, ';');
      expect(log[0].slice(0, 4)).toEqual(['Thời gian', 'Người thực hiện', 'Vai trò', 'Hành động']);
      expect(log[1][0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      // a committee admin of district A reads only the lines about its subtree
      const committeeIds = new Set(log.slice(1).map((r) => r[6]));
      expect(committeeIds.has(String(tree.districtB.id))).toBe(false);
      const all = rowsOf((await as(admin).file('/api/audit-log/export').expect(200)).body, ',');
      expect(all.length).toBeGreaterThan(log.length);
      await as(editorA).get('/api/audit-log/export').expect(403);
    });

    it('the older CSV exports take the ; option too (members, analytics)', async () => {
      await createMember(t.db, tree.branchA, { fullName: 'Tạ Văn Mười Hai' });
      const members = rowsOf((await as(secretaryA).file('/api/members/export?delimiter=semicolon').expect(200)).body, ';');
      expect(members[0]).toContain('Họ và tên');
      expect(members.length).toBeGreaterThan(1);
      const rates = rowsOf(
        (await as(adminA).file(`/api/analytics/install-rates?format=csv&delimiter=semicolon&committeeId=${tree.districtA.id}`).expect(200))
          .body,
        ';',
      );
      expect(rates[0].slice(0, 2)).toEqual(['Mã hệ thống', 'Tổ chức đảng']);
    });
  });
});
