import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9 part 6 (OWASP API3:2023 broken object property level authorization): nobody sets a field
 * they do not own through any route. Every write a member may call is tried with the fields of
 * their account and record (role, committee, installedAt, status, memberId, ...): each is refused
 * as "not an accepted field" (or, on a route without a body, ignored), and the stored values stay.
 * Staff: a secretary cannot set installedAt, nobody raises an account above their own reach.
 * docs/security.md links here.
 */

const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8'));
const memberWrites = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  ['post', 'put', 'patch', 'delete']
    .filter((m) => item[m] && (path.startsWith('/api/auth/') || path === '/api/me' || path.startsWith('/api/me/')))
    .map((method) => {
      const op = item[method];
      const schema = op.requestBody?.content?.['application/json']?.schema;
      return { method, path, id: op.operationId as string, takesFields: Boolean(schema?.$ref) };
    }),
);

/** The fields of an account and of a member record that only staff (or the system) set. */
const NOT_THE_MEMBERS = (other: { memberId: string; committeeId: number }) => ({
  role: 'admin',
  committeeId: other.committeeId,
  installedAt: '2020-01-01T00:00:00.000Z',
  status: 'probationary',
  memberId: other.memberId,
  mustChangePassword: false,
  isActive: true,
  lockedUntil: null,
  passwordHash: '$argon2id$v=19$m=4096,t=2,p=1$AAAA$BBBB',
  endState: 'died',
});

describe('security: object-property authorization', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let user: Awaited<ReturnType<typeof createUser>>;
  let token: string;
  let forbidden: Record<string, unknown>;

  const snapshot = async () => ({
    account: (
      await t.db.query(
        `SELECT role, committee_id, member_id, must_change_password, is_active, password_hash, locked_until, failed_logins FROM users WHERE id = $1`,
        [user.id],
      )
    )[0],
    member: (
      await t.db.query(
        `SELECT status, committee_id, installed_at, end_state, full_name, party_card_number, updated_at FROM members WHERE id = $1`,
        [user.memberId],
      )
    )[0],
    corrections: (await t.db.query(`SELECT count(*)::int AS n FROM member_correction_requests WHERE member_id = $1`, [user.memberId]))[0].n,
    devices: (await t.db.query(`SELECT count(*)::int AS n FROM member_devices WHERE member_id = $1`, [user.memberId]))[0].n,
  });

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    user = await createUser(t.db, 'member', tree.branchA);
    token = (await login(t.http, user)).accessToken;
    const other = await createMember(t.db, tree.branchB);
    forbidden = NOT_THE_MEMBERS({ memberId: other.id, committeeId: tree.branchB.id });
  });
  afterAll(async () => t?.close());

  const as = (tok: string) => ({
    send: (method: string, path: string, body?: object) =>
      (t.http() as any)
        [method](path)
        .set('Authorization', `Bearer ${tok}`)
        .send(body ?? {}),
  });

  it('knows the member writes it sweeps', () => {
    expect(memberWrites.map((o) => o.id)).toEqual(
      expect.arrayContaining([
        'changePassword',
        'logout',
        'registerMyDevice',
        'createMyCorrection',
        'sendMyEvents',
        'submitMySurveyResponse',
        'bookmarkMyDocument',
      ]),
    );
  });

  it('refuses every field a member does not own, on every write a member may call; nothing stored changes', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const o of memberWrites) {
      const path = o.path.replace(/\{[^}]+\}/g, randomUUID());
      const res = await as(token).send(o.method, path, forbidden);
      if (o.takesFields) {
        const missing = Object.keys(forbidden).filter((f) => !/not an accepted field/.test(res.body.errors?.[f] ?? ''));
        if (res.status !== 400 || missing.length) wrong.push(`${o.id}: ${res.status}, accepted ${missing.join(', ')}`);
      } else if (res.status < 400 && o.method !== 'delete') {
        wrong.push(`${o.id}: ${res.status} on a route that takes no body`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('takes a valid device registration but none of the fields around it: installedAt is set by the server', async () => {
    const device = { deviceId: 'c3f1a2b4-7d9e-4f60', platform: 'android', appVersion: '2.3.1' };
    const refused = await as(token).send('post', '/api/me/devices', {
      ...device,
      installedAt: '2020-01-01T00:00:00.000Z',
      memberId: forbidden.memberId,
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.errors).sort()).toEqual(['installedAt', 'memberId']);
    expect((await snapshot()).devices).toBe(0);
    await as(token).send('post', '/api/me/devices', device).expect(201);
    const installedAt = (await t.db.query(`SELECT installed_at FROM members WHERE id = $1`, [user.memberId]))[0].installed_at;
    expect(new Date(installedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('lets a member ask to correct personal fields only: status, committee and installedAt are not correctable', async () => {
    const before = await snapshot();
    for (const field of ['status', 'committeeId', 'installedAt', 'endState', 'memberId', 'role']) {
      const res = await as(token).send('post', '/api/me/corrections', { changes: { [field]: forbidden[field] }, reason: 'Thử' });
      expect({ field, status: res.status, error: res.body.errors?.[`changes.${field}`] }).toEqual({
        field,
        status: 400,
        error: `changes.${field} is not an accepted field`,
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses usage events that name another member or committee (counted for the caller only)', async () => {
    const event = { id: randomUUID(), type: 'app_open', occurredAt: new Date().toISOString() };
    const res = await as(token).send('post', '/api/me/events', {
      events: [{ ...event, memberId: forbidden.memberId, committeeId: forbidden.committeeId }],
    });
    expect(res.status).toBeLessThan(300);
    expect(JSON.stringify(res.body)).toContain('invalid');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM access_events`))[0].n).toBe(0);
  });

  describe('staff', () => {
    it('a secretary cannot set installedAt (or ids and timestamps) of a member record', async () => {
      const secretary = (await login(t.http, await createUser(t.db, 'secretary', tree.branchA))).accessToken;
      const m = await createMember(t.db, tree.branchA);
      for (const field of ['installedAt', 'id', 'createdAt', 'updatedAt']) {
        const res = await as(secretary).send('put', `/api/members/${m.id}`, {
          [field]: field === 'id' ? randomUUID() : '2020-01-01T00:00:00.000Z',
        });
        expect({ field, status: res.status, error: res.body.errors?.[field] }).toEqual({
          field,
          status: 400,
          error: `${field} is not an accepted field`,
        });
      }
      const row = (await t.db.query(`SELECT installed_at, updated_at FROM members WHERE id = $1`, [m.id]))[0];
      expect(row.installed_at).toBeNull();
      expect(new Date(row.updated_at).getTime()).toBe(m.updatedAt.getTime());
    });

    it('nobody raises an account above their own reach, their own included; account-only fields are not accepted', async () => {
      const secretaryUser = await createUser(t.db, 'secretary', tree.branchA);
      const secretary = (await login(t.http, secretaryUser)).accessToken;
      const districtAdminUser = await createUser(t.db, 'committee_admin', tree.districtA);
      const districtAdmin = (await login(t.http, districtAdminUser)).accessToken;
      const editor = await createUser(t.db, 'editor', tree.districtA);
      const rows = async () =>
        t.db.query(`SELECT id, role, committee_id, must_change_password, is_active FROM users WHERE id = ANY($1) ORDER BY id`, [
          [secretaryUser.id, districtAdminUser.id, editor.id],
        ]);
      const before = await rows();
      const userCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM users`))[0].n;
      const count = await userCount();

      // a secretary has no account routes at all
      expect((await as(secretary).send('put', `/api/users/${secretaryUser.id}`, { role: 'admin' })).status).toBe(403);
      expect(
        (
          await as(secretary).send('post', '/api/users', {
            username: 'leo.thang',
            password: 'Mot-mat-khau-rat-dai-9',
            fullName: 'X',
            role: 'admin',
            committeeId: null,
          })
        ).status,
      ).toBe(403);
      // a committee admin: not an admin, not for themselves, not above the subtree
      const create = await as(districtAdmin).send('post', '/api/users', {
        username: 'leo.thang',
        password: 'Mot-mat-khau-rat-dai-9',
        fullName: 'X',
        role: 'admin',
        committeeId: tree.districtA.id,
      });
      expect([create.status, create.body.code]).toEqual([403, 'ROLE_NOT_GRANTABLE']);
      expect((await as(districtAdmin).send('put', `/api/users/${editor.id}`, { role: 'admin' })).body.code).toBe('ROLE_NOT_GRANTABLE');
      expect((await as(districtAdmin).send('put', `/api/users/${districtAdminUser.id}`, { role: 'admin' })).status).toBeGreaterThanOrEqual(
        400,
      );
      expect(
        (await as(districtAdmin).send('put', `/api/users/${districtAdminUser.id}`, { committeeId: tree.province.id })).status,
      ).toBeGreaterThanOrEqual(400);
      expect((await as(districtAdmin).send('put', `/api/users/${editor.id}`, { committeeId: tree.province.id })).body.errors).toEqual({
        committeeId: 'committee not found',
      });
      // fields of an account that no route sets
      for (const field of ['mustChangePassword', 'memberId', 'passwordHash', 'lockedUntil', 'failedLogins', 'username']) {
        const res = await as(districtAdmin).send('put', `/api/users/${editor.id}`, {
          [field]: field === 'mustChangePassword' ? false : null,
        });
        expect({ field, status: res.status, error: res.body.errors?.[field] }).toEqual({
          field,
          status: 400,
          error: `${field} is not an accepted field`,
        });
      }
      expect(await rows()).toEqual(before);
      expect(await userCount()).toBe(count);
    });
  });
});
