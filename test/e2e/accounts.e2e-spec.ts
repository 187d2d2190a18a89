import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { User } from '../../src/auth/user.entity.js';
import { CURRENT_COST, hashPrefix } from '../../src/auth/passwords.js';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { SHEET_HEADERS } from '../../src/accounts/credentials-sheet.js';
import { createCommittee, createMember, createTree, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const USER_KEYS = [
  'committeeId',
  'committeeName',
  'createdAt',
  'fullName',
  'id',
  'isActive',
  'lastLoginAt',
  'lockedUntil',
  'memberId',
  'mustChangePassword',
  'role',
  'username',
].sort();
const INITIAL_PASSWORD = /^[A-HJ-NP-Za-km-np-z2-9]{4}-[A-HJ-NP-Za-km-np-z2-9]{4}-[A-HJ-NP-Za-km-np-z2-9]{4}$/;
const NEW_PASSWORD = 'Mat-khau-cua-toi-2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The operations of the committed OpenAPI document (kept equal to the code by openapi.e2e-spec). */
const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8'));
const operations = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  ['get', 'post', 'put', 'patch', 'delete']
    .filter((m) => item[m])
    .map((method) => ({
      method,
      path,
      id: item[method].operationId as string,
      isPublic: Array.isArray(item[method].security) && !item[method].security.length,
    })),
);
const ALLOWED_BEFORE_CHANGE = ['getCurrentUser', 'changePassword', 'logout', 'refreshToken'];

/** Reads a binary body (an .xlsx) into a Buffer. */
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The rows of a credentials sheet under its header row, as objects keyed by the Vietnamese headers. */
async function sheetRows(buffer: Buffer): Promise<{ title: string; committee: string; date: string; rows: Record<string, string>[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as any);
  const ws = wb.worksheets[0];
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && (row.values as unknown[]).includes('Tên đăng nhập')) headerRow = n;
  });
  expect(headerRow).toBeGreaterThan(0);
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1) as string[];
  const rows: Record<string, string>[] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const values = (ws.getRow(n).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, String(values[i])])));
  }
  return { title: String(ws.getCell('A1').value), committee: String(ws.getCell('A2').value), date: String(ws.getCell('A3').value), rows };
}

describe('accounts', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let adminToken: string;
  let districtAdminToken: string;
  let secretaryToken: string;
  let memberToken: string;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_PER_USERNAME: '1000', LOGIN_MAX_PER_CLIENT: '100000' });
    tree = await createTree(t.db);
    adminToken = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
    districtAdminToken = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtA))).accessToken;
    secretaryToken = (await login(t.http, await createUser(t.db, 'secretary', tree.branchA))).accessToken;
    memberToken = (await login(t.http, await createUser(t.db, 'member', tree.branchA))).accessToken;
  });
  afterAll(async () => t?.close());

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', `Bearer ${token}`).send(body),
    put: (url: string, body: object) => t.http().put(url).set('Authorization', `Bearer ${token}`).send(body),
  });
  const postLogin = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });
  const userRow = (where: Partial<User>) => t.db.getRepository(User).findOneBy(where as any);
  const countUsers = async (where: Partial<User>) => t.db.getRepository(User).countBy(where as any);
  const auditRows = async (action: string) =>
    (await t.db.query(`SELECT * FROM audit_log WHERE action = $1 ORDER BY id`, [action])) as {
      entity_id: string;
      details: any;
      committee_id: number;
    }[];
  const noSecrets = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain('password_hash');
    expect(text).not.toContain('$argon2');
  };

  describe('the account of a member', () => {
    it('without a password: a readable username and a generated password, answered once; the first login may only change it', async () => {
      const member = await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn Án' });
      const res = await as(secretaryToken).post(`/api/members/${member.id}/account`).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(['initialPassword', 'user']);
      expect(Object.keys(res.body.user).sort()).toEqual(USER_KEYS);
      noSecrets(res.body);
      expect(res.body.user).toMatchObject({
        role: 'member',
        memberId: member.id,
        fullName: 'Nguyễn Văn Án',
        committeeId: tree.branchA.id,
        committeeName: tree.branchA.name,
        isActive: true,
        mustChangePassword: true,
        lastLoginAt: null,
      });
      expect(res.body.user.username).toMatch(/^nguyenvanan\.\d{4}$/);
      const initialPassword: string = res.body.initialPassword;
      expect(initialPassword).toMatch(INITIAL_PASSWORD);

      // stored only as a hash, never readable again, audited without it
      const stored = (await userRow({ id: res.body.user.id }))!;
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(stored.passwordHash).not.toContain(initialPassword);
      const got = await as(adminToken).get(`/api/users/${stored.id}`).expect(200);
      expect(JSON.stringify(got.body)).not.toContain(initialPassword);
      noSecrets(got.body);
      const audit = (await auditRows('user.create')).filter((a) => a.entity_id === stored.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toMatchObject({ memberId: member.id, role: 'member', passwordGenerated: true });
      expect(JSON.stringify(audit)).not.toContain(initialPassword);

      // the one-time password logs in; until it is changed only the four auth routes answer
      const session = await login(t.http, { username: res.body.user.username, password: initialPassword });
      expect(session.user).toMatchObject({ role: 'member', memberId: member.id, mustChangePassword: true });
      const me = await as(session.accessToken).get('/api/auth/me').expect(200);
      expect(me.body.mustChangePassword).toBe(true);
      const blocked = await as(session.accessToken).get('/api/me').expect(403);
      expect(blocked.body).toMatchObject({ statusCode: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
      const refreshed = await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
      const token = refreshed.body.accessToken as string;

      await as(token).post('/api/auth/password', { currentPassword: initialPassword, newPassword: NEW_PASSWORD }).expect(204);
      expect((await as(token).get('/api/auth/me').expect(200)).body.mustChangePassword).toBe(false);
      expect((await as(token).get('/api/me')).body.code).not.toBe('PASSWORD_CHANGE_REQUIRED');
      // a member is still a member: staff routes answer the role rule now
      expect((await as(token).get('/api/members').expect(403)).body.code).toBe('FORBIDDEN');
      // the new password is hashed at the full cost; the initial one no longer logs in
      expect((await userRow({ id: stored.id }))!.passwordHash.startsWith(hashPrefix(CURRENT_COST))).toBe(true);
      await postLogin(res.body.user.username, initialPassword).expect(401);
      const again = await postLogin(res.body.user.username, NEW_PASSWORD).expect(200);
      expect(again.body.user.mustChangePassword).toBe(false);
    });

    it('with a chosen username and password: not to be changed; a weak password or a taken username creates nothing', async () => {
      const member = await createMember(t.db, tree.branchA, { fullName: 'Trần Văn Bình' });
      const taken = await createUser(t.db, 'editor', tree.districtA);
      const url = `/api/members/${member.id}/account`;

      const short = await as(districtAdminToken).post(url, { username: 'Tran.Binh-01', password: 'ngan' }).expect(400);
      expect(short.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(short.body.errors).toHaveProperty('password');
      const withName = await as(districtAdminToken).post(url, { username: 'tran.binh-01', password: 'xx-tran.binh-01-2026' }).expect(400);
      expect(withName.body.errors).toHaveProperty('password');
      const badName = await as(districtAdminToken).post(url, { username: 'a b', password: NEW_PASSWORD }).expect(400);
      expect(badName.body.errors).toHaveProperty('username');
      const clash = await as(districtAdminToken).post(url, { username: taken.username.toUpperCase(), password: NEW_PASSWORD }).expect(409);
      expect(clash.body).toMatchObject({ statusCode: 409, code: 'USERNAME_TAKEN' });
      expect(await countUsers({ memberId: member.id })).toBe(0);

      const res = await as(districtAdminToken).post(url, { username: 'Tran.Binh-01', password: NEW_PASSWORD }).expect(201);
      expect(res.body.initialPassword).toBeNull();
      expect(res.body.user).toMatchObject({ username: 'tran.binh-01', mustChangePassword: false, memberId: member.id });
      const session = await login(t.http, { username: 'tran.binh-01', password: NEW_PASSWORD });
      expect(session.user.mustChangePassword).toBe(false);
      expect((await as(session.accessToken).get('/api/me')).body.code).not.toBe('PASSWORD_CHANGE_REQUIRED');
    });

    it('refuses a second account for the same member (409) and leaves the first as it was', async () => {
      const member = await createMember(t.db, tree.branchA);
      const first = await as(secretaryToken).post(`/api/members/${member.id}/account`).expect(201);
      const before = (await userRow({ memberId: member.id }))!;
      const second = await as(districtAdminToken).post(`/api/members/${member.id}/account`, { password: NEW_PASSWORD }).expect(409);
      expect(second.body).toMatchObject({ statusCode: 409, code: 'ACCOUNT_EXISTS' });
      expect(await countUsers({ memberId: member.id })).toBe(1);
      const after = (await userRow({ memberId: member.id }))!;
      expect(after.passwordHash).toBe(before.passwordHash);
      expect(after.username).toBe(first.body.user.username);
    });

    it('refuses a member who left (409), one outside the scope or missing (404), and callers without the role (403)', async () => {
      const left = await createMember(t.db, tree.branchA, { endState: 'resigned', endedAt: '2024-01-02' });
      const res = await as(secretaryToken).post(`/api/members/${left.id}/account`).expect(409);
      expect(res.body.code).toBe('MEMBER_HAS_LEFT');
      expect(await countUsers({ memberId: left.id })).toBe(0);

      const elsewhere = await createMember(t.db, tree.branchB);
      const outside = await as(districtAdminToken).post(`/api/members/${elsewhere.id}/account`).expect(404);
      const missing = await as(districtAdminToken).post(`/api/members/00000000-0000-4000-8000-000000000000/account`).expect(404);
      expect(outside.body.code).toBe('NOT_FOUND');
      expect({ ...outside.body, requestId: 0 }).toEqual({ ...missing.body, requestId: 0 });
      expect(await countUsers({ memberId: elsewhere.id })).toBe(0);

      const editorToken = (await login(t.http, await createUser(t.db, 'editor', tree.districtA))).accessToken;
      for (const token of [memberToken, editorToken]) {
        const refused = await as(token).post(`/api/members/${elsewhere.id}/account`).expect(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
      expect(await countUsers({ memberId: elsewhere.id })).toBe(0);
    });
  });

  describe('bulk issue', () => {
    /** A grassroots organisation of district A with two branches: 4 current members without an account, 1 with one, 1 who left. */
    async function subtree(name: string) {
      const grass = await createCommittee(t.db, { parent: tree.districtA, name });
      const b1 = await createCommittee(t.db, { parent: grass, name: `Chi bộ 1 ${name}` });
      const b2 = await createCommittee(t.db, { parent: grass, name: `Chi bộ 2 ${name}` });
      const fresh = [
        await createMember(t.db, b1, { fullName: 'Nguyễn Văn An' }),
        await createMember(t.db, b1, { fullName: 'Nguyễn Văn An' }),
        await createMember(t.db, b2, { fullName: 'Đỗ Thị Hoa' }),
        await createMember(t.db, b2, { fullName: 'Lò Văn Páo' }),
      ];
      const withAccount = await createUser(t.db, 'member', b1);
      const left = await createMember(t.db, b2, { endState: 'transferred_out', endedAt: '2024-05-06' });
      return { grass, b1, b2, fresh, withAccount, left };
    }

    it('answers the credentials once as JSON; every one logs in and must change its password; a second issue creates none', async () => {
      const s = await subtree('Đảng bộ xã Phú Xuyên');
      const res = await as(districtAdminToken).post('/api/members/accounts/bulk', { committeeId: s.grass.id }).expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Object.keys(res.body).sort()).toEqual(['created', 'credentials', 'skipped']);
      expect(res.body).toMatchObject({ created: 4, skipped: 1 });
      const credentials: any[] = res.body.credentials;
      expect(credentials.map((c) => c.memberId).sort()).toEqual(s.fresh.map((m) => m.id).sort());
      expect(new Set(credentials.map((c) => c.username)).size).toBe(4);
      for (const c of credentials) {
        expect(Object.keys(c).sort()).toEqual(['committeeName', 'fullName', 'initialPassword', 'memberId', 'username']);
        const member = s.fresh.find((m) => m.id === c.memberId)!;
        expect(c.fullName).toBe(member.fullName);
        expect(c.committeeName).toBe(member.committeeId === s.b1.id ? s.b1.name : s.b2.name);
        expect(c.initialPassword).toMatch(INITIAL_PASSWORD);
        const session = await login(t.http, { username: c.username, password: c.initialPassword });
        expect(session.user).toMatchObject({
          role: 'member',
          memberId: c.memberId,
          mustChangePassword: true,
          committeeId: member.committeeId,
        });
        expect((await as(session.accessToken).get('/api/me').expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      }
      expect(credentials.filter((c) => /^nguyenvanan\.\d{4}$/.test(c.username))).toHaveLength(2);
      expect(await countUsers({ memberId: s.left.id })).toBe(0);

      // the passwords are nowhere: not in the audit line, not in the table
      const audit = (await auditRows('account.bulk_issue')).filter((a) => a.entity_id === String(s.grass.id));
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toEqual({ created: 4, skipped: 1, format: 'json' });
      const stored = JSON.stringify(await t.db.query(`SELECT * FROM users WHERE member_id = ANY($1::uuid[])`, [s.fresh.map((m) => m.id)]));
      for (const c of credentials) expect(stored).not.toContain(c.initialPassword);

      const again = await as(districtAdminToken)
        .post('/api/members/accounts/bulk', { committeeId: s.grass.id, format: 'json' })
        .expect(201);
      expect(again.body).toEqual({ created: 0, skipped: 5, credentials: [] });
    });

    it('answers an .xlsx sheet to print, whose rows log in; a second issue sheet has no rows', async () => {
      const s = await subtree('Đảng bộ xã Yên Lãng');
      const res = await as(districtAdminToken)
        .post('/api/members/accounts/bulk', { committeeId: s.grass.id, format: 'xlsx' })
        .buffer(true)
        .parse(binary)
        .expect(201);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tai-khoan-[A-Za-z0-9-]+-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const sheet = await sheetRows(res.body);
      expect(sheet.title).toBe('DANH SÁCH TÀI KHOẢN SỔ TAY ĐẢNG VIÊN ĐIỆN TỬ');
      expect(sheet.committee).toBe('Đảng bộ xã Yên Lãng');
      expect(sheet.date).toMatch(/^Ngày cấp: \d{2}\/\d{2}\/\d{4}/);
      expect(Object.keys(sheet.rows[0])).toEqual([...SHEET_HEADERS]);
      expect(sheet.rows).toHaveLength(4);
      expect(sheet.rows.map((r) => r['Họ và tên']).sort()).toEqual(['Lò Văn Páo', 'Nguyễn Văn An', 'Nguyễn Văn An', 'Đỗ Thị Hoa'].sort());
      for (const row of sheet.rows) {
        expect([s.b1.name, s.b2.name]).toContain(row['Chi bộ']);
        expect(row['Mật khẩu khởi tạo']).toMatch(INITIAL_PASSWORD);
        const session = await login(t.http, { username: row['Tên đăng nhập'], password: row['Mật khẩu khởi tạo'] });
        expect(session.user).toMatchObject({
          role: 'member',
          fullName: row['Họ và tên'],
          committeeName: row['Chi bộ'],
          mustChangePassword: true,
        });
      }
      const audit = (await auditRows('account.bulk_issue')).filter((a) => a.entity_id === String(s.grass.id));
      expect(audit.map((a) => a.details)).toEqual([{ created: 4, skipped: 1, format: 'xlsx' }]);

      const again = await as(districtAdminToken)
        .post('/api/members/accounts/bulk', { committeeId: s.grass.id, format: 'xlsx' })
        .buffer(true)
        .parse(binary)
        .expect(201);
      expect((await sheetRows(again.body)).rows).toEqual([]);
    });

    it("stays in the caller's scope: a committee outside it is 404 and nothing is created; bad input is 400; members are 403", async () => {
      const outside = await createCommittee(t.db, { parent: tree.grassB, name: 'Chi bộ ngoài phạm vi' });
      const m = await createMember(t.db, outside);
      const res = await as(districtAdminToken).post('/api/members/accounts/bulk', { committeeId: outside.id }).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await as(secretaryToken).post('/api/members/accounts/bulk', { committeeId: tree.grassA.id }).expect(404); // above the secretary's home
      expect(await countUsers({ memberId: m.id })).toBe(0);

      const bad = await as(districtAdminToken)
        .post('/api/members/accounts/bulk', { committeeId: tree.grassA.id, format: 'pdf' })
        .expect(400);
      expect(bad.body.errors).toHaveProperty('format');
      await as(districtAdminToken).post('/api/members/accounts/bulk', {}).expect(400);
      expect((await as(memberToken).post('/api/members/accounts/bulk', { committeeId: outside.id }).expect(403)).body.code).toBe(
        'FORBIDDEN',
      );
      expect(await countUsers({ memberId: m.id })).toBe(0);
    });
  });

  describe('staff accounts', () => {
    const staffBody = (over: object = {}) => ({
      username: `bithu.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`,
      password: 'Mat-khau-khoi-tao-2025',
      fullName: 'Phạm Thị Dung',
      role: 'secretary',
      committeeId: tree.branchA.id,
      ...over,
    });

    it('a committee_admin creates a secretary in their subtree, who must change the issued password first', async () => {
      const body = staffBody();
      const res = await as(districtAdminToken).post('/api/users', body).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
      noSecrets(res.body);
      expect(res.body).toMatchObject({
        username: body.username,
        fullName: 'Phạm Thị Dung',
        role: 'secretary',
        committeeId: tree.branchA.id,
        committeeName: tree.branchA.name,
        memberId: null,
        isActive: true,
        mustChangePassword: true,
      });
      expect((await as(districtAdminToken).get(`/api/users/${res.body.id}`).expect(200)).body).toEqual(res.body);
      const audit = (await auditRows('user.create')).filter((a) => a.entity_id === res.body.id);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(body.password);

      const session = await login(t.http, body);
      expect(session.user.mustChangePassword).toBe(true);
      expect((await as(session.accessToken).get('/api/members').expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      await as(session.accessToken).post('/api/auth/password', { currentPassword: body.password, newPassword: NEW_PASSWORD }).expect(204);
      await as(session.accessToken).get('/api/members').expect(200);
    });

    it('answers PASSWORD_CHANGE_REQUIRED on every authenticated operation but the four auth routes', async () => {
      const body = staffBody({ role: 'committee_admin', committeeId: tree.districtA.id });
      await as(adminToken).post('/api/users', body).expect(201);
      const token = (await login(t.http, body)).accessToken;
      const wrong: string[] = [];
      for (const o of operations.filter((o) => !o.isPublic && !ALLOWED_BEFORE_CHANGE.includes(o.id))) {
        const req = (t.http() as any)[o.method](o.path.replace(/\{[^}]+\}/g, '1')).set('Authorization', `Bearer ${token}`);
        const res = o.method === 'get' || o.method === 'delete' ? await req : await req.send({});
        if (res.status !== 403 || res.body.code !== 'PASSWORD_CHANGE_REQUIRED') wrong.push(`${o.id}: ${res.status} ${res.body.code}`);
      }
      expect(wrong).toEqual([]);
      expect(operations.map((o) => o.id)).toEqual(expect.arrayContaining(ALLOWED_BEFORE_CHANGE));
      await as(token).get('/api/auth/me').expect(200);
      await as(token).post('/api/auth/logout').expect(204);
    });

    it('cannot create one outside the subtree (400 on committeeId, like a missing committee); nothing is created', async () => {
      const outside = staffBody({ committeeId: tree.branchB.id });
      const res = await as(districtAdminToken).post('/api/users', outside).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { committeeId: 'committee not found' } });
      const missing = await as(districtAdminToken)
        .post('/api/users', staffBody({ committeeId: 2_000_000_000 }))
        .expect(400);
      expect({ ...missing.body, requestId: 0 }).toEqual({ ...res.body, requestId: 0 });
      expect(await countUsers({ username: outside.username })).toBe(0);
    });

    it('cannot create an admin (403 ROLE_NOT_GRANTABLE) nor a committee_admin above the home (400 on committeeId); the own level is allowed', async () => {
      const admin = staffBody({ role: 'admin', committeeId: tree.districtA.id });
      const res = await as(districtAdminToken).post('/api/users', admin).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'ROLE_NOT_GRANTABLE' });
      const wholeTree = await as(districtAdminToken)
        .post('/api/users', staffBody({ role: 'admin', committeeId: null }))
        .expect(403);
      expect(wholeTree.body.code).toBe('ROLE_NOT_GRANTABLE');
      const above = staffBody({ role: 'committee_admin', committeeId: tree.province.id });
      const aboveRes = await as(districtAdminToken).post('/api/users', above).expect(400);
      expect(aboveRes.body.errors).toEqual({ committeeId: 'committee not found' });
      expect(await countUsers({ username: admin.username })).toBe(0);
      expect(await countUsers({ username: above.username })).toBe(0);

      const peer = staffBody({ role: 'committee_admin', committeeId: tree.districtA.id });
      await as(districtAdminToken).post('/api/users', peer).expect(201);
      const editor = staffBody({ role: 'editor', committeeId: tree.grassA.id });
      await as(districtAdminToken).post('/api/users', editor).expect(201);
    });

    it('checks the role and home: a secretary sits on a branch or grassroots; member accounts and unknown roles are refused', async () => {
      const high = await as(districtAdminToken)
        .post('/api/users', staffBody({ committeeId: tree.districtA.id }))
        .expect(400);
      expect(high.body.errors.committeeId).toMatch(/branch/);
      await as(districtAdminToken)
        .post('/api/users', staffBody({ committeeId: tree.grassA.id }))
        .expect(201);
      const member = await as(districtAdminToken)
        .post('/api/users', staffBody({ role: 'member' }))
        .expect(400);
      expect(member.body.errors).toHaveProperty('role');
      const noHome = await as(districtAdminToken)
        .post('/api/users', staffBody({ committeeId: null }))
        .expect(400);
      expect(noHome.body.errors).toHaveProperty('committeeId');
      const weak = await as(districtAdminToken)
        .post('/api/users', staffBody({ password: 'ngan-qua' }))
        .expect(400);
      expect(weak.body.errors).toHaveProperty('password');
      const extra = await as(districtAdminToken)
        .post('/api/users', { ...staffBody(), passwordHash: 'x' })
        .expect(400);
      expect(extra.body.errors).toHaveProperty('passwordHash');
      const body = staffBody();
      await as(districtAdminToken).post('/api/users', body).expect(201);
      const dup = await as(districtAdminToken)
        .post('/api/users', { ...staffBody(), username: body.username.toUpperCase() })
        .expect(409);
      expect(dup.body.code).toBe('USERNAME_TAKEN');
    });

    it('an admin of the whole tree creates another; it is seen only by admins of the whole tree', async () => {
      const body = staffBody({ role: 'admin', committeeId: null });
      const res = await as(adminToken).post('/api/users', body).expect(201);
      expect(res.body).toMatchObject({ role: 'admin', committeeId: null, committeeName: null });
      await as(districtAdminToken).get(`/api/users/${res.body.id}`).expect(404);
      const list = await as(districtAdminToken)
        .get(`/api/users?filter=${encodeURIComponent(JSON.stringify({ role: 'admin' }))}`)
        .expect(200);
      expect(list.body).toEqual([]);
      const scopedAdmin = (await login(t.http, await createUser(t.db, 'admin', tree.districtA))).accessToken;
      const refused = await as(scopedAdmin)
        .post('/api/users', staffBody({ role: 'admin', committeeId: null }))
        .expect(400);
      expect(refused.body.errors).toHaveProperty('committeeId');
    });

    it('deactivation ends an existing session at once; reactivation does not bring it back', async () => {
      const user = await createUser(t.db, 'secretary', tree.branchA);
      const session = await login(t.http, user);
      await as(session.accessToken).get('/api/members').expect(200);

      const res = await as(districtAdminToken).put(`/api/users/${user.id}`, { isActive: false }).expect(200);
      expect(res.body.isActive).toBe(false);
      noSecrets(res.body);
      expect((await as(session.accessToken).get('/api/members').expect(401)).body.code).toBe('UNAUTHORIZED');
      await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      await postLogin(user.username, user.password).expect(401);
      const audit = (await auditRows('user.update')).filter((a) => a.entity_id === user.id);
      expect(audit.map((a) => a.details.changes)).toEqual([{ isActive: [true, false] }]);

      await as(districtAdminToken).put(`/api/users/${user.id}`, { isActive: true }).expect(200);
      await as(session.accessToken).get('/api/members').expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      const fresh = await login(t.http, user);
      await as(fresh.accessToken).get('/api/members').expect(200);
    });

    it('a change of role or home committee ends the sessions; a change of name does not', async () => {
      const user = await createUser(t.db, 'secretary', tree.branchA);
      const first = await login(t.http, user);
      await as(districtAdminToken).put(`/api/users/${user.id}`, { fullName: 'Tên mới' }).expect(200);
      await as(first.accessToken).get('/api/auth/me').expect(200);

      const res = await as(districtAdminToken).put(`/api/users/${user.id}`, { role: 'editor', committeeId: tree.grassA.id }).expect(200);
      expect(res.body).toMatchObject({ role: 'editor', committeeId: tree.grassA.id, committeeName: tree.grassA.name, fullName: 'Tên mới' });
      await as(first.accessToken).get('/api/auth/me').expect(401);
      const second = await login(t.http, user);
      expect(second.user).toMatchObject({ role: 'editor', committeeId: tree.grassA.id });

      await as(districtAdminToken).put(`/api/users/${user.id}`, { committeeId: tree.districtA.id }).expect(200);
      await as(second.accessToken).get('/api/auth/me').expect(401);
    });

    it('refuses to promote beyond the caller or to manage an account with more reach; nothing changes', async () => {
      const secretary = await createUser(t.db, 'secretary', tree.branchA);
      const toAdmin = await as(districtAdminToken).put(`/api/users/${secretary.id}`, { role: 'admin' }).expect(403);
      expect(toAdmin.body.code).toBe('ROLE_NOT_GRANTABLE');
      const up = await as(districtAdminToken)
        .put(`/api/users/${secretary.id}`, { role: 'committee_admin', committeeId: tree.province.id })
        .expect(400);
      expect(up.body.errors).toEqual({ committeeId: 'committee not found' });
      expect(await userRow({ id: secretary.id })).toMatchObject({ role: 'secretary', committeeId: tree.branchA.id });

      const scopedAdmin = await createUser(t.db, 'admin', tree.districtA);
      const session = await login(t.http, scopedAdmin);
      expect((await as(districtAdminToken).put(`/api/users/${scopedAdmin.id}`, { isActive: false }).expect(403)).body.code).toBe(
        'ROLE_NOT_GRANTABLE',
      );
      expect((await as(districtAdminToken).post(`/api/users/${scopedAdmin.id}/reset-password`).expect(403)).body.code).toBe(
        'ROLE_NOT_GRANTABLE',
      );
      expect(await userRow({ id: scopedAdmin.id })).toMatchObject({
        isActive: true,
        mustChangePassword: false,
        passwordHash: scopedAdmin.passwordHash,
      });
      await as(session.accessToken).get('/api/auth/me').expect(200);

      const outside = await createUser(t.db, 'secretary', tree.branchB);
      expect((await as(districtAdminToken).put(`/api/users/${outside.id}`, { isActive: false }).expect(404)).body.code).toBe('NOT_FOUND');
      expect(await userRow({ id: outside.id })).toMatchObject({ isActive: true });
    });

    it("keeps the caller's own role, home and activity for someone else to change (409); the own name is fine", async () => {
      const self = await createUser(t.db, 'committee_admin', tree.districtA);
      const token = (await login(t.http, self)).accessToken;
      expect((await as(token).put(`/api/users/${self.id}`, { isActive: false }).expect(409)).body.code).toBe('OWN_ACCOUNT');
      expect((await as(token).put(`/api/users/${self.id}`, { role: 'editor' }).expect(409)).body.code).toBe('OWN_ACCOUNT');
      expect((await as(token).post(`/api/users/${self.id}/reset-password`).expect(409)).body.code).toBe('OWN_ACCOUNT');
      await as(token).put(`/api/users/${self.id}`, { fullName: 'Tên của tôi', role: 'committee_admin', isActive: true }).expect(200);
      expect(await userRow({ id: self.id })).toMatchObject({ fullName: 'Tên của tôi', role: 'committee_admin', isActive: true });
    });

    it('lets a member account change only isActive (its name and branch follow the member record)', async () => {
      const account = await createUser(t.db, 'member', tree.branchA, { fullName: 'Nguyễn Văn An' });
      const role = await as(districtAdminToken).put(`/api/users/${account.id}`, { role: 'secretary' }).expect(400);
      expect(role.body.errors).toHaveProperty('role');
      const name = await as(districtAdminToken).put(`/api/users/${account.id}`, { fullName: 'Khác' }).expect(400);
      expect(name.body.errors).toHaveProperty('fullName');
      const res = await as(districtAdminToken)
        .put(`/api/users/${account.id}`, { fullName: 'Nguyễn Văn An', role: 'member', committeeId: tree.branchA.id, isActive: false })
        .expect(200);
      expect(res.body).toMatchObject({ role: 'member', isActive: false, memberId: account.memberId });
      const staffToMember = await as(districtAdminToken)
        .put(`/api/users/${(await createUser(t.db, 'editor', tree.grassA)).id}`, { role: 'member' })
        .expect(400);
      expect(staffToMember.body.errors).toHaveProperty('role');
    });

    it('reset-password answers a new password once; the old sessions and password die; it must be changed', async () => {
      const user = await createUser(t.db, 'secretary', tree.branchA);
      const session = await login(t.http, user);
      const res = await as(districtAdminToken).post(`/api/users/${user.id}/reset-password`).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['initialPassword', 'user']);
      noSecrets(res.body);
      expect(res.body.user).toMatchObject({ id: user.id, mustChangePassword: true });
      expect(res.body.initialPassword).toMatch(INITIAL_PASSWORD);

      await as(session.accessToken).get('/api/auth/me').expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      await postLogin(user.username, user.password).expect(401);
      const fresh = await login(t.http, { username: user.username, password: res.body.initialPassword });
      expect(fresh.user.mustChangePassword).toBe(true);
      expect((await as(fresh.accessToken).get('/api/members').expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(JSON.stringify((await as(districtAdminToken).get(`/api/users/${user.id}`).expect(200)).body)).not.toContain(
        res.body.initialPassword,
      );
      const audit = (await auditRows('user.reset_password')).filter((a) => a.entity_id === user.id);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(res.body.initialPassword);

      // a member account is reset the same way
      const member = await createUser(t.db, 'member', tree.branchA);
      const withField = await as(districtAdminToken).post(`/api/users/${member.id}/reset-password`, { password: NEW_PASSWORD }).expect(400);
      expect(withField.body.errors).toHaveProperty('password');
      const again = await t
        .http()
        .post(`/api/users/${member.id}/reset-password`)
        .set('Authorization', `Bearer ${districtAdminToken}`)
        .expect(200);
      expect((await login(t.http, { username: member.username, password: again.body.initialPassword })).user.mustChangePassword).toBe(true);
    });

    it('lists the accounts in scope with the admin-list contract, never with a hash', async () => {
      const grass = await createCommittee(t.db, { parent: tree.districtA, name: 'Đảng bộ xã Quân Chu' });
      const branch = await createCommittee(t.db, { parent: grass });
      const a = await createUser(t.db, 'secretary', branch, { fullName: 'Hà Thị Quyên' });
      const b = await createUser(t.db, 'editor', grass, { fullName: 'Vũ Văn Quang', isActive: false });
      const c = await createUser(t.db, 'member', branch, { fullName: 'Hà Văn Quý' });
      await createUser(t.db, 'secretary', tree.branchB, { fullName: 'Hà Thị Quyên' });
      const list = (filter: object, sort = ['fullName', 'ASC']) =>
        as(districtAdminToken).get(
          `/api/users?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent(JSON.stringify(sort))}&range=[0,49]`,
        );

      const all = await list({ committeeId: grass.id }).expect(200);
      expect(all.headers['content-range']).toBe('users 0-2/3');
      expect(all.body.map((u: any) => u.id)).toEqual([a.id, c.id, b.id]);
      for (const u of all.body) expect(Object.keys(u).sort()).toEqual(USER_KEYS);
      noSecrets(all.body);
      expect((await list({ committeeId: grass.id, role: 'member' }).expect(200)).body.map((u: any) => u.id)).toEqual([c.id]);
      expect((await list({ committeeId: grass.id, isActive: false }).expect(200)).body.map((u: any) => u.id)).toEqual([b.id]);
      expect((await list({ q: 'ha thi quyen' }).expect(200)).body.map((u: any) => u.id)).toEqual([a.id]);
      expect((await list({ id: [a.id, b.id] }, ['username', 'DESC']).expect(200)).body).toHaveLength(2);
      expect((await list({ committeeId: tree.branchB.id }).expect(200)).body).toEqual([]);
      expect((await list({ password: 'x' }).expect(400)).body.code).toBe('INVALID_LIST_QUERY');
      await as(districtAdminToken)
        .get(`/api/users?sort=${encodeURIComponent('["passwordHash","ASC"]')}`)
        .expect(400);
      expect((await auditRows('user.list')).length).toBeGreaterThan(0);
    });

    it('is for admins and committee admins only', async () => {
      const editorToken = (await login(t.http, await createUser(t.db, 'editor', tree.districtA))).accessToken;
      for (const token of [memberToken, secretaryToken, editorToken]) {
        expect((await as(token).get('/api/users').expect(403)).body.code).toBe('FORBIDDEN');
        await as(token).post('/api/users', staffBody()).expect(403);
      }
      await t.http().get('/api/users').expect(401);
    });
  });
});
