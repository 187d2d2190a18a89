import { localDate } from '../../src/common/dates.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCommittee, createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { VIETNAMESE_ORDER } from '../support/vietnamese-names.js';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

describe('members register', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let admin: string;
  let districtAdminA: string;
  let secretaryA: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const valid = (committeeId: number) => ({
    fullName: 'Hoàng Thị Lan',
    gender: 'female',
    birthDate: '1990-02-14',
    status: 'official',
    admittedAt: '2015-05-19',
    officialAt: '2016-05-19',
    partyCardNumber: 'TN-55501234',
    committeeId,
  });

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    admin = await tokenFor(t, 'admin', null);
    districtAdminA = await tokenFor(t, 'committee_admin', tree.districtA);
    secretaryA = await tokenFor(t, 'secretary', tree.branchA);
    await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn An', partyCardNumber: 'TN-1' });
    await createMember(t.db, tree.branchA, {
      fullName: 'Trần Thị Bình',
      status: 'probationary',
      partyCardNumber: null,
      officialAt: null,
      admittedAt: '2026-01-10',
    });
    await createMember(t.db, tree.branchB, { fullName: 'Nguyễn Văn Anh', partyCardNumber: 'TN-2' });
    await createMember(t.db, tree.branchA, { fullName: 'Lê Văn Cũ', partyCardNumber: 'TN-3', endState: 'deceased', endedAt: '2024-01-01' });
  });
  afterAll(async () => t?.close());

  it('lists the current register in scope with Content-Range; a secretary sees only the branch', async () => {
    const all = await t.http().get('/api/members').set(auth(admin)).expect(200);
    expect(all.headers['content-range']).toBe('members 0-2/3');
    const branch = await t.http().get('/api/members').set(auth(secretaryA)).expect(200);
    expect(branch.body.map((m: any) => m.fullName).sort()).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(branch.body[0]).toHaveProperty('committeeName', 'Chi bộ xóm Đồng Kè');
  });

  it('searches names without diacritics and filters by status, installed and subtree', async () => {
    const q = await t
      .http()
      .get(`/api/members?filter=${enc({ q: 'nguyen van an' })}`)
      .set(auth(admin))
      .expect(200);
    expect(q.body.map((m: any) => m.fullName).sort()).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh']);
    const prob = await t
      .http()
      .get(`/api/members?filter=${enc({ status: 'probationary' })}`)
      .set(auth(admin))
      .expect(200);
    expect(prob.body.map((m: any) => m.fullName)).toEqual(['Trần Thị Bình']);
    const sub = await t
      .http()
      .get(`/api/members?filter=${enc({ committeeId: tree.districtB.id })}`)
      .set(auth(admin))
      .expect(200);
    expect(sub.body.map((m: any) => m.fullName)).toEqual(['Nguyễn Văn Anh']);
    const notInstalled = await t
      .http()
      .get(`/api/members?filter=${enc({ installed: false })}`)
      .set(auth(admin))
      .expect(200);
    expect(notInstalled.body).toHaveLength(3);
    const left = await t
      .http()
      .get(`/api/members?filter=${enc({ register: 'left' })}`)
      .set(auth(admin))
      .expect(200);
    expect(left.body.map((m: any) => [m.fullName, m.endState])).toEqual([['Lê Văn Cũ', 'deceased']]);
  });

  it('refuses a bad filter value with a 400', async () => {
    const res = await t
      .http()
      .get(`/api/members?filter=${enc({ status: 'leader' })}`)
      .set(auth(admin))
      .expect(400);
    expect(res.body.code).toBe('INVALID_LIST_QUERY');
  });

  it('creates a member in a branch in scope, and audits it', async () => {
    const res = await t.http().post('/api/members').set(auth(secretaryA)).send(valid(tree.branchA.id)).expect(201);
    expect(res.body).toMatchObject({ fullName: 'Hoàng Thị Lan', committeeId: tree.branchA.id, installedAt: null, endState: null });
    const log = await t
      .http()
      .get(`/api/audit-log?filter=${enc({ entityId: res.body.id })}`)
      .set(auth(admin))
      .expect(200);
    expect(log.body.map((l: any) => l.action)).toEqual(['member.create']);
    expect(log.body[0].clientAddress).not.toMatch(/\.1$/); // anonymised
  });

  it('refuses a member outside the branch scope or above the branch level, writing nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM members`);
    const other = await t
      .http()
      .post('/api/members')
      .set(auth(secretaryA))
      .send({ ...valid(tree.branchB.id), partyCardNumber: 'TN-X1' })
      .expect(400);
    expect(other.body.errors.committeeId).toBe('committee not found');
    const high = await t
      .http()
      .post('/api/members')
      .set(auth(admin))
      .send({ ...valid(tree.districtA.id), partyCardNumber: 'TN-X2' })
      .expect(400);
    expect(high.body.errors.committeeId).toMatch(/branch/);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM members`)).toEqual(before);
  });

  it('applies the register rules: probationary members have no card; admission from 18', async () => {
    const res = await t
      .http()
      .post('/api/members')
      .set(auth(admin))
      .send({ ...valid(tree.branchA.id), status: 'probationary', officialAt: null, birthDate: '2010-01-01', partyCardNumber: 'TN-Y' })
      .expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['admittedAt', 'partyCardNumber']);
    expect(res.body.errors.admittedAt).toMatch(/18 years/);
    const res2 = await t
      .http()
      .post('/api/members')
      .set(auth(admin))
      .send({ ...valid(tree.branchA.id), status: 'probationary', officialAt: null, partyCardNumber: 'TN-Y' })
      .expect(400);
    expect(res2.body.errors.partyCardNumber).toMatch(/full members only/);
  });

  it('refuses to clear a required field, and inherited names as sort or filter', async () => {
    const m = await createMember(t.db, tree.branchA, { partyCardNumber: 'TN-NULL' });
    const res = await t.http().put(`/api/members/${m.id}`).set(auth(admin)).send({ fullName: null, gender: null }).expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['fullName', 'gender']);
    await t
      .http()
      .get(`/api/members?sort=${enc(['__proto__', 'ASC'])}`)
      .set(auth(admin))
      .expect(400);
    await t
      .http()
      .get(`/api/members?filter=${enc({ constructor: 1 })}`)
      .set(auth(admin))
      .expect(400);
  });

  it('refuses an e-mail address holding a lone surrogate with a 400, like any other bad address', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM members`))[0].n;
    // JSON can carry an unpaired surrogate (\ud800); validator.js's isEmail threw on it (a 500)
    const body = JSON.stringify({ ...valid(tree.branchA.id), partyCardNumber: 'TN-EMAIL-1', email: '@EMAIL@' }).replace(
      '@EMAIL@',
      'a\\ud800b@example.vn',
    );
    for (const payload of [body, JSON.stringify({ ...valid(tree.branchA.id), partyCardNumber: 'TN-EMAIL-2', email: 'không phải email' })]) {
      const res = await t.http().post('/api/members').set(auth(admin)).set('Content-Type', 'application/json').send(payload).expect(400);
      expect(res.body.errors).toEqual({ email: 'email must be an email address' });
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM members`))[0].n).toBe(before);
  });

  it('refuses a duplicate party card with 409', async () => {
    const res = await t
      .http()
      .post('/api/members')
      .set(auth(admin))
      .send({ ...valid(tree.branchA.id), partyCardNumber: 'TN-1' })
      .expect(409);
    expect(res.body.code).toBe('PARTY_CARD_TAKEN');
  });

  it('does not let anyone set installedAt through the API', async () => {
    const m = await createMember(t.db, tree.branchA, { partyCardNumber: 'TN-RO' });
    const res = await t.http().put(`/api/members/${m.id}`).set(auth(admin)).send({ installedAt: '2024-01-01T00:00:00Z' }).expect(400);
    expect(res.body.errors.installedAt).toMatch(/not an accepted field/);
  });

  it('hides an out-of-scope member behind a 404, for reads and writes', async () => {
    const b = await createMember(t.db, tree.branchB, { partyCardNumber: 'TN-B9' });
    const get = await t.http().get(`/api/members/${b.id}`).set(auth(districtAdminA)).expect(404);
    const missing = await t.http().get(`/api/members/00000000-0000-4000-8000-000000000000`).set(auth(districtAdminA)).expect(404);
    expect(get.body.message).toBe(missing.body.message);
    await t.http().put(`/api/members/${b.id}`).set(auth(districtAdminA)).send({ fullName: 'X' }).expect(404);
    const [row] = await t.db.query(`SELECT full_name FROM members WHERE id = $1`, [b.id]);
    expect(row.full_name).toBe('Nguyễn Văn An');
  });

  it('transfers a member inside the scope with a dated history row', async () => {
    const newId = (await createCommittee(t.db, { parent: tree.grassA, kind: 'branch', name: 'Chi bộ xóm Mới' })).id;
    const m = await createMember(t.db, tree.branchA, { partyCardNumber: 'TN-T1' });
    const res = await t
      .http()
      .post(`/api/members/${m.id}/transfer`)
      .set(auth(districtAdminA))
      .send({ committeeId: newId, transferredOn: '2025-07-01', kind: 'temporary', reason: 'Chuyển sinh hoạt tạm thời' })
      .expect(200);
    expect(res.body.committeeId).toBe(newId);
    const history = await t.http().get(`/api/members/${m.id}/transfers`).set(auth(districtAdminA)).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ fromCommitteeId: tree.branchA.id, toCommitteeId: newId, transferredOn: '2025-07-01', kind: 'temporary' }),
    ]);
    // out of scope target: refused, nothing moves
    await t.http().post(`/api/members/${m.id}/transfer`).set(auth(districtAdminA)).send({ committeeId: tree.branchB.id }).expect(400);
    const [row] = await t.db.query(`SELECT committee_id FROM members WHERE id = $1`, [m.id]);
    expect(row.committee_id).toBe(newId);
  });

  it('ends a membership instead of deleting it, and brings it back', async () => {
    const m = await createMember(t.db, tree.branchA, { partyCardNumber: 'TN-E1' });
    const ended = await t
      .http()
      .put(`/api/members/${m.id}`)
      .set(auth(secretaryA))
      .send({ endState: 'transferred_out', endReason: 'Chuyển sinh hoạt đảng chính thức ra ngoài tỉnh' })
      .expect(200);
    expect(ended.body.endState).toBe('transferred_out');
    expect(ended.body.endedAt).toBe(localDate());
    const current = await t.http().get('/api/members').set(auth(secretaryA)).expect(200);
    expect(current.body.map((x: any) => x.id)).not.toContain(m.id);
    const back = await t.http().put(`/api/members/${m.id}`).set(auth(secretaryA)).send({ endState: null }).expect(200);
    expect(back.body).toMatchObject({ endState: null, endedAt: null });
  });

  it('closes the app account of a member who leaves, and moves it with a transfer', async () => {
    const user = await createUser(t.db, 'member', tree.branchA);
    const session = await login(t.http, user);
    const m = { id: user.memberId! };
    const other = [await createCommittee(t.db, { parent: tree.grassA, kind: 'branch', name: 'Chi bộ xóm Trại' })];
    await t.http().post(`/api/members/${m.id}/transfer`).set(auth(admin)).send({ committeeId: other[0].id }).expect(200);
    const [moved] = await t.db.query(`SELECT committee_id, is_active FROM users WHERE id = $1`, [user.id]);
    expect(moved).toEqual({ committee_id: other[0].id, is_active: true });
    await t.http().put(`/api/members/${m.id}`).set(auth(admin)).send({ endState: 'deceased', endedAt: '2026-01-02' }).expect(200);
    await t.http().get('/api/auth/me').set(auth(session.accessToken)).expect(401);
    await t.http().post('/api/auth/login').send({ username: user.username, password: user.password }).expect(401);
  });

  it('records an activity hold (temporary transfer, suspension) with its date and note; bad hold input is a 400 that changes nothing', async () => {
    const m = await createMember(t.db, tree.branchA, { fullName: 'Đặng Văn Tạm', partyCardNumber: 'TN-HOLD-1' });
    const put = (body: object) => t.http().put(`/api/members/${m.id}`).set(auth(secretaryA)).send(body);
    const read = async () => (await t.http().get(`/api/members/${m.id}`).set(auth(secretaryA)).expect(200)).body;
    const before = await read();
    expect(before).toMatchObject({ activityHold: null, activityHoldSince: null, activityHoldNote: null });
    const tomorrow = localDate(new Date(Date.now() + 2 * 86_400_000));

    // a kind without its date, a date in the future, a date without a kind, an unknown kind: 400 with the field
    const noDate = await put({ activityHold: 'temporary_transfer' }).expect(400);
    expect([noDate.body.code, Object.keys(noDate.body.errors)]).toEqual(['VALIDATION_FAILED', ['activityHoldSince']]);
    const future = await put({ activityHold: 'suspended', activityHoldSince: tomorrow }).expect(400);
    expect(future.body.errors.activityHoldSince).toMatch(/future/);
    const noKind = await put({ activityHoldSince: '2026-01-05', activityHoldNote: 'Chi bộ khác' }).expect(400);
    expect(Object.keys(noKind.body.errors).sort()).toEqual(['activityHoldNote', 'activityHoldSince']);
    const unknown = await put({ activityHold: 'on_leave', activityHoldSince: '2026-01-05' }).expect(400);
    expect(Object.keys(unknown.body.errors)).toEqual(['activityHold']);
    const badDate = await put({ activityHold: 'suspended', activityHoldSince: '05/01/2026' }).expect(400);
    expect(Object.keys(badDate.body.errors)).toEqual(['activityHoldSince']);
    // nor on create: nothing written
    const count = () => t.db.query(`SELECT count(*)::int AS n FROM members`);
    const n = await count();
    const created = await t
      .http()
      .post('/api/members')
      .set(auth(secretaryA))
      .send({ ...valid(tree.branchA.id), partyCardNumber: 'TN-HOLD-2', activityHold: 'suspended' })
      .expect(400);
    expect(Object.keys(created.body.errors)).toEqual(['activityHoldSince']);
    expect(await count()).toEqual(n);
    expect(await read()).toEqual(before);

    // a temporary transfer: kind, date and note; audited with the change
    const held = await put({
      activityHold: 'temporary_transfer',
      activityHoldSince: '2026-01-05',
      activityHoldNote: 'Chi bộ Trường THPT Nguyễn Huệ',
    }).expect(200);
    expect(held.body).toMatchObject({
      activityHold: 'temporary_transfer',
      activityHoldSince: '2026-01-05',
      activityHoldNote: 'Chi bộ Trường THPT Nguyễn Huệ',
    });
    const log = await t
      .http()
      .get(`/api/audit-log?filter=${enc({ entityId: m.id })}`)
      .set(auth(admin))
      .expect(200);
    expect(log.body[0]).toMatchObject({ action: 'member.update' });
    expect(JSON.stringify(log.body[0].details)).toContain('temporary_transfer');
    // the list filter
    const list = await t
      .http()
      .get(`/api/members?filter=${enc({ activityHold: 'temporary_transfer' })}`)
      .set(auth(secretaryA))
      .expect(200);
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect(
      (
        await t
          .http()
          .get(`/api/members?filter=${enc({ activityHold: 'suspended' })}`)
          .set(auth(secretaryA))
          .expect(200)
      ).body,
    ).toEqual([]);
    await t
      .http()
      .get(`/api/members?filter=${enc({ activityHold: 'on_leave' })}`)
      .set(auth(secretaryA))
      .expect(400);

    // suspended instead: a new kind keeps the date unless given; ending the hold clears date and note
    expect(
      (await put({ activityHold: 'suspended', activityHoldSince: '2026-02-01', activityHoldNote: 'QĐ số 15-QĐ/ĐU' }).expect(200)).body,
    ).toMatchObject({ activityHold: 'suspended', activityHoldSince: '2026-02-01' });
    expect((await put({ activityHold: null }).expect(200)).body).toMatchObject({
      activityHold: null,
      activityHoldSince: null,
      activityHoldNote: null,
    });
  });

  it('sorts the list by each sortable field both ways, ties by id, and pages it with the total', async () => {
    const branch = await createCommittee(t.db, { parent: tree.grassA, kind: 'branch', name: 'Chi bộ xóm Sắp Xếp' });
    const births = ['1971-03-02', '1985-11-30', '1960-07-15', '1985-11-30', '1999-01-01'];
    for (const [i, birthDate] of births.entries()) {
      await createMember(t.db, branch, {
        fullName: `Phạm Văn Số ${i}`,
        birthDate,
        partyCardNumber: `SORT-${i}`,
        admittedAt: `201${i}-05-19`,
      });
    }
    const page = async (field: string, order: 'ASC' | 'DESC', range = [0, 49]) =>
      t
        .http()
        .get(`/api/members?filter=${enc({ committeeId: branch.id })}&sort=${enc([field, order])}&range=${enc(range)}`)
        .set(auth(admin))
        .expect(200);
    const key = (m: Record<string, unknown>, field: string) => [String(m[field] ?? ''), String(m.id)] as const;
    const ordered = (rows: Record<string, unknown>[], field: string, order: 'ASC' | 'DESC') => {
      const keys = rows.map((m) => key(m, field));
      const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
      return order === 'ASC' ? sorted : sorted.reverse();
    };
    for (const field of ['id', 'birthDate', 'status', 'admittedAt', 'committeeId', 'createdAt', 'updatedAt']) {
      for (const order of ['ASC', 'DESC'] as const) {
        const rows = (await page(field, order)).body as Record<string, unknown>[];
        expect(rows).toHaveLength(5);
        expect(rows.map((m) => key(m, field))).toEqual(ordered(rows, field, order));
      }
    }
    expect((await page('birthDate', 'DESC')).body.map((m: { birthDate: string }) => m.birthDate)).toEqual([
      '1999-01-01',
      '1985-11-30',
      '1985-11-30',
      '1971-03-02',
      '1960-07-15',
    ]);
    // a second page of two, with the list's total
    const second = await page('birthDate', 'ASC', [2, 3]);
    expect(second.headers['content-range']).toBe('members 2-3/5');
    expect(second.body.map((m: { birthDate: string }) => m.birthDate)).toEqual(['1985-11-30', '1985-11-30']);
    // a search (one term over three columns) with a status and ids, in the branch's scope
    const ids = (await page('id', 'ASC')).body.map((m: { id: string }) => m.id);
    const found = await t
      .http()
      .get(`/api/members?filter=${enc({ q: 'pham van so', status: ['official'], id: ids.slice(0, 3) })}`)
      .set(auth(admin))
      .expect(200);
    expect(found.headers['content-range']).toBe('members 0-2/3');
    expect(found.body.map((m: { id: string }) => m.id).sort()).toEqual(ids.slice(0, 3).sort());
  });

  it('refuses the member list to editors and members', async () => {
    await t
      .http()
      .get('/api/members')
      .set(auth(await tokenFor(t, 'editor', tree.province)))
      .expect(403);
    const member = await createUser(t.db, 'member', tree.branchA);
    await t
      .http()
      .get('/api/members')
      .set(auth((await login(t.http, member)).accessToken))
      .expect(403);
  });

  it('sorts people as Vietnamese lists do: given name, middle, family name, Vietnamese alphabet and tones; in the export too', async () => {
    const branch = await createCommittee(t.db, { parent: tree.grassA, kind: 'branch', name: 'Chi bộ xóm Thứ Tự' });
    const shuffled = [...VIETNAMESE_ORDER].reverse();
    for (const [i, fullName] of shuffled.entries()) await createMember(t.db, branch, { fullName, partyCardNumber: `VN-ORDER-${i}` });
    const list = async (order: 'ASC' | 'DESC') =>
      (
        await t
          .http()
          .get(`/api/members?filter=${enc({ committeeId: branch.id })}&sort=${enc(['fullName', order])}&range=${enc([0, 49])}`)
          .set(auth(admin))
          .expect(200)
      ).body.map((m: { fullName: string }) => m.fullName);
    expect(await list('ASC')).toEqual(VIETNAMESE_ORDER);
    expect(await list('DESC')).toEqual([...VIETNAMESE_ORDER].reverse());
    // the default order is the same
    const byDefault = await t
      .http()
      .get(`/api/members?filter=${enc({ committeeId: branch.id })}&range=${enc([0, 49])}`)
      .set(auth(admin));
    expect(byDefault.body.map((m: { fullName: string }) => m.fullName)).toEqual(VIETNAMESE_ORDER);
    const csv = await t
      .http()
      .get(`/api/members/export?format=csv&filter=${enc({ committeeId: branch.id })}`)
      .set(auth(admin))
      .expect(200);
    const names = csv.text
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0]);
    expect(names).toEqual(VIETNAMESE_ORDER);
    // a renamed member moves to their new place (the key follows every write of the name)
    const [first] = await t.db.query(`SELECT id FROM members WHERE full_name = $1 AND committee_id = $2`, [VIETNAMESE_ORDER[0], branch.id]);
    await t.http().put(`/api/members/${first.id}`).set(auth(admin)).send({ fullName: 'Nguyễn Văn Yết' }).expect(200);
    expect((await list('ASC')).at(-1)).toBe('Nguyễn Văn Yết');
  });
});
