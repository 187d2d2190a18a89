import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { User } from '../../src/auth/user.entity.js';
import { createCommittee, createUser, login } from '../factories/index.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

const PROFILE_KEYS = ['committeeId', 'committeeName', 'fullName', 'id', 'memberId', 'mustChangePassword', 'role', 'username'];

/** The error body without the per-request id, to compare two answers. */
const withoutRequestId = (body: Record<string, unknown>) => {
  const { requestId, ...rest } = body;
  expect(typeof requestId).toBe('string');
  return rest;
};

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    // the public routes' rate limit (login, refresh) would run out before the end of this file's logins
    t = await createTestApp({ LOGIN_MAX_PER_USERNAME: '3', LOGIN_MAX_PER_CLIENT: '1000', RATE_LIMIT_PUBLIC: '1000' });
  });
  afterAll(async () => t?.close());

  const me = (accessToken: string) => t.http().get('/api/auth/me').set('Authorization', `Bearer ${accessToken}`);
  const postLogin = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });
  const refresh = (refreshToken: string) => t.http().post('/api/auth/refresh').send({ refreshToken });

  describe('login', () => {
    it('answers a token pair and the profile, case-insensitively; /me answers the same profile', async () => {
      const committee = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Thái Nguyên' });
      const user = await createUser(t.db, 'secretary', committee, { fullName: 'Lê Văn Cường', mustChangePassword: true });

      const res = await postLogin(user.username.toUpperCase(), user.password).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'deviceToken', 'expiresIn', 'refreshToken', 'user']);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.deviceToken).toEqual(expect.any(String));
      expect(res.body.refreshToken).toEqual(expect.any(String));
      expect(res.body.expiresIn).toBe(t.config.JWT_ACCESS_TTL);
      expect(Object.keys(res.body.user).sort()).toEqual(PROFILE_KEYS);
      expect(res.body.user).toEqual({
        id: user.id,
        username: user.username,
        fullName: 'Lê Văn Cường',
        role: 'secretary',
        committeeId: committee.id,
        committeeName: 'Tỉnh ủy Thái Nguyên',
        memberId: null,
        mustChangePassword: true,
      });

      const profile = await me(res.body.accessToken).expect(200);
      expect(profile.body).toEqual(res.body.user);
    });

    it('links a member account to its member record', async () => {
      const committee = await createCommittee(t.db, { kind: 'province' });
      const user = await createUser(t.db, 'member', committee);
      const session = await login(t.http, user);
      expect(session.user).toMatchObject({ role: 'member', memberId: user.memberId, committeeId: committee.id });
      expect(user.memberId).toEqual(expect.any(String));
      expect((await me(session.accessToken).expect(200)).body).toEqual(session.user);
    });

    it('answers an unknown user and a wrong password with the same 401 body', async () => {
      const user = await createUser(t.db, 'admin', null);
      const unknown = await postLogin('khong.ton.tai', 'Mat-khau-bat-ky-123').expect(401);
      const wrong = await postLogin(user.username, 'Mat-khau-sai-123456').expect(401);
      expect(unknown.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
      expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(unknown.body));
      expect(wrong.headers['retry-after']).toBeUndefined();
    });

    it('refuses a deactivated account, even with the right password, and ends its live sessions', async () => {
      const user = await createUser(t.db, 'editor', await createCommittee(t.db));
      const session = await login(t.http, user);
      await t.db.getRepository(User).update({ id: user.id }, { isActive: false });

      const res = await postLogin(user.username, user.password).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
      const unknown = await postLogin('cung.khong.co', user.password).expect(401);
      expect(withoutRequestId(res.body)).toEqual(withoutRequestId(unknown.body));

      await me(session.accessToken).expect(401);
      await refresh(session.refreshToken).expect(401);
    });
  });

  describe('rate limiting per username (3 per window)', () => {
    it('answers the 4th attempt with 429 and Retry-After, even with the right password; others are not affected', async () => {
      const user = await createUser(t.db, 'admin', null);
      const other = await createUser(t.db, 'admin', null);
      for (let i = 0; i < 3; i++) {
        const res = await postLogin(user.username, `Sai-mat-khau-${i}-xyz`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      const blocked = await postLogin(user.username, user.password).expect(429);
      expect(blocked.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(t.config.LOGIN_WINDOW_SECONDS);
      // the same username in another spelling is the same account, and still blocked
      await postLogin(user.username.toUpperCase(), user.password).expect(429);

      const ok = await postLogin(other.username, other.password).expect(200);
      expect(ok.body.user.id).toBe(other.id);
    });

    it('counts attempts for an unknown username too', async () => {
      for (let i = 0; i < 3; i++) await postLogin('ai.do.khong.co', `Sai-mat-khau-${i}-xyz`).expect(401);
      const res = await postLogin('ai.do.khong.co', 'Sai-mat-khau-9-xyz').expect(429);
      expect(res.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    });

    it('starts the count again after a successful login', async () => {
      const user = await createUser(t.db, 'admin', null);
      await postLogin(user.username, 'Sai-mat-khau-1-xyz').expect(401);
      await postLogin(user.username, 'Sai-mat-khau-2-xyz').expect(401);
      await postLogin(user.username, user.password).expect(200); // the 3rd attempt: allowed, and resets
      for (let i = 0; i < 3; i++) {
        const res = await postLogin(user.username, `Sai-mat-khau-${i}-abc`);
        expect(res.status).toBe(401); // without the reset the 2nd of these would already be refused
      }
      await postLogin(user.username, user.password).expect(429);
    });
  });

  describe('refresh', () => {
    it('rotates the refresh token; the new access token works', async () => {
      const user = await createUser(t.db, 'admin', null);
      const first = await login(t.http, user);
      const res = await refresh(first.refreshToken).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect(res.body.user).toEqual(first.user);
      expect((await me(res.body.accessToken).expect(200)).body.id).toBe(user.id);
      // and the rotated one can be used in turn
      const third = await refresh(res.body.refreshToken).expect(200);
      expect(third.body.refreshToken).not.toBe(res.body.refreshToken);
    });

    it('revokes the whole session when a spent refresh token comes back; other sessions live on', async () => {
      const user = await createUser(t.db, 'admin', null);
      const a = await login(t.http, user);
      const other = await login(t.http, user);
      const rotated = await refresh(a.refreshToken).expect(200);

      const reused = await refresh(a.refreshToken).expect(401);
      expect(reused.body).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_REUSED' });

      const newest = await refresh(rotated.body.refreshToken).expect(401);
      expect(newest.body.statusCode).toBe(401);
      await me(a.accessToken).expect(401);
      const dead = await me(rotated.body.accessToken).expect(401);
      expect(dead.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });

      await me(other.accessToken).expect(200);
      const otherRotated = await refresh(other.refreshToken).expect(200);
      await me(otherRotated.body.accessToken).expect(200);
    });

    it('refuses an unknown refresh token and a missing one', async () => {
      const res = await refresh('dGhpcyBpcyBub3QgYSByZWZyZXNoIHRva2Vu').expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_REFRESH_TOKEN' });
      const missing = await t.http().post('/api/auth/refresh').send({}).expect(400);
      expect(missing.body.errors).toHaveProperty('refreshToken');
    });
  });

  describe('logout', () => {
    it('ends the session at once: its access and refresh tokens stop working; another session does not', async () => {
      const user = await createUser(t.db, 'admin', null);
      const session = await login(t.http, user);
      const other = await login(t.http, user);
      await me(session.accessToken).expect(200);

      const res = await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${session.accessToken}`).send({}).expect(204);
      expect(res.text).toBe('');

      const after = await me(session.accessToken).expect(401);
      expect(after.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      await refresh(session.refreshToken).expect(401);
      await me(other.accessToken).expect(200);
    });

    it('with everywhere, ends every session of the account (a lost phone); a malformed flag ends none', async () => {
      const user = await createUser(t.db, 'admin', null);
      const [a, b] = [await login(t.http, user), await login(t.http, user)];
      await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${a.accessToken}`).send({ everywhere: 'yes' }).expect(400);
      await me(a.accessToken).expect(200);
      await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${a.accessToken}`).send({ everywhere: true }).expect(204);
      for (const session of [a, b]) {
        await me(session.accessToken).expect(401);
        await refresh(session.refreshToken).expect(401);
      }
    });

    it('needs a token', async () => {
      await t.http().post('/api/auth/logout').send({}).expect(401);
    });
  });

  describe('access tokens', () => {
    /** A fresh session, and the claims its access token carries. */
    async function liveSession() {
      const user = await createUser(t.db, 'admin', null);
      const session = await login(t.http, user);
      const claims = jwt.decode(session.accessToken) as { sub: string; sid: string };
      return { session, claims: { sub: claims.sub, sid: claims.sid } };
    }

    it('accepts a well-formed token of a live session (the control for the refusals below)', async () => {
      const { claims } = await liveSession();
      const token = jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 });
      await me(token).expect(200);
    });

    it('refuses an expired token', async () => {
      const { claims } = await liveSession();
      const now = Math.floor(Date.now() / 1000);
      const token = jwt.sign({ ...claims, iat: now - 120, exp: now - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' });
      const res = await me(token).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    });

    it('refuses a token signed with another secret', async () => {
      const { claims } = await liveSession();
      const token = jwt.sign(claims, 'another-secret-that-is-long-enough-987654321', { algorithm: 'HS256', expiresIn: 60 });
      await me(token).expect(401);
    });

    it('refuses a token whose signature was altered', async () => {
      const { session } = await liveSession();
      const [header, payload, signature] = session.accessToken.split('.');
      const i = 10; // a character in the middle of the signature (the last one may only carry padding bits)
      const altered = signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1);
      await me(`${header}.${payload}.${altered}`).expect(401);
      await me(session.accessToken).expect(200);
    });

    it('refuses an unsigned (alg none) token and a token of an unknown session', async () => {
      const { claims } = await liveSession();
      const none = jwt.sign(claims, '', { algorithm: 'none' });
      await me(none).expect(401);
      const forged = jwt.sign({ sub: claims.sub, sid: '00000000-0000-4000-8000-000000000000' }, TEST_JWT_SECRET, {
        algorithm: 'HS256',
        expiresIn: 60,
      });
      await me(forged).expect(401);
    });
  });

  describe('change password', () => {
    const NEW_PASSWORD = 'Mat-khau-moi-rat-dai-2026';
    const change = (accessToken: string, body: Record<string, unknown>) =>
      t.http().post('/api/auth/password').set('Authorization', `Bearer ${accessToken}`).send(body);

    it('refuses a wrong current password and a too short new one, and changes nothing', async () => {
      const user = await createUser(t.db, 'secretary', await createCommittee(t.db), { mustChangePassword: true });
      const session = await login(t.http, user);
      const hashBefore = (await t.db.getRepository(User).findOneByOrFail({ id: user.id })).passwordHash;

      const wrong = await change(session.accessToken, { currentPassword: 'Khong-phai-mat-khau', newPassword: NEW_PASSWORD }).expect(400);
      expect(wrong.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(wrong.body.errors).toHaveProperty('currentPassword');
      expect(wrong.body.errors).not.toHaveProperty('newPassword');

      const short = await change(session.accessToken, { currentPassword: user.password, newPassword: '123456789' }).expect(400);
      expect(short.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(short.body.errors).toHaveProperty('newPassword');

      const withName = await change(session.accessToken, { currentPassword: user.password, newPassword: `x${user.username}x2026` }).expect(
        400,
      );
      expect(withName.body.errors).toHaveProperty('newPassword');

      const after = await t.db.getRepository(User).findOneByOrFail({ id: user.id });
      expect(after.passwordHash).toBe(hashBefore);
      expect(after.mustChangePassword).toBe(true);
      await postLogin(user.username, NEW_PASSWORD).expect(401);
      expect((await login(t.http, user)).user.mustChangePassword).toBe(true);
    });

    it('changes the password: the old one no longer logs in, other sessions end, the current one lives on', async () => {
      const user = await createUser(t.db, 'secretary', await createCommittee(t.db), { mustChangePassword: true });
      const current = await login(t.http, user);
      const other = await login(t.http, user);
      expect(current.user.mustChangePassword).toBe(true);

      const res = await change(current.accessToken, { currentPassword: user.password, newPassword: NEW_PASSWORD }).expect(204);
      expect(res.text).toBe('');

      const profile = await me(current.accessToken).expect(200);
      expect(profile.body.mustChangePassword).toBe(false);
      const rotated = await refresh(current.refreshToken).expect(200);
      await me(rotated.body.accessToken).expect(200);

      await me(other.accessToken).expect(401);
      await refresh(other.refreshToken).expect(401);

      const old = await postLogin(user.username, user.password).expect(401);
      expect(old.body.code).toBe('INVALID_CREDENTIALS');
      const fresh = await postLogin(user.username, NEW_PASSWORD).expect(200);
      expect(fresh.body.user.mustChangePassword).toBe(false);
    });

    it('refuses the current password and the last 3 as the new one (PASSWORD_REUSED), the first-login change included', async () => {
      const user = await createUser(t.db, 'secretary', await createCommittee(t.db), { mustChangePassword: true });
      const session = await login(t.http, user);
      const hashBefore = (await t.db.getRepository(User).findOneByOrFail({ id: user.id })).passwordHash;

      // the issued password, unchanged, does not satisfy the required change
      const same = await change(session.accessToken, { currentPassword: user.password, newPassword: user.password }).expect(400);
      expect(same.body).toMatchObject({ statusCode: 400, code: 'PASSWORD_REUSED' });
      expect(same.body.errors).toHaveProperty('newPassword');
      const after = await t.db.getRepository(User).findOneByOrFail({ id: user.id });
      expect(after.passwordHash).toBe(hashBefore);
      expect(after.mustChangePassword).toBe(true);
      await t.http().get('/api/members').set('Authorization', `Bearer ${session.accessToken}`).expect(403);

      const passwords = [user.password, 'Mot-buoi-sang-mua-xuan', 'Hai-con-sao-tren-troi', 'Ba-chiec-la-vang-roi', 'Bon-mua-hoa-no-ruc-ro'];
      for (let i = 1; i < passwords.length; i++) {
        await change(session.accessToken, { currentPassword: passwords[i - 1], newPassword: passwords[i] }).expect(204);
      }
      // now: the 5th is current, the 4th, 3rd and 2nd are the last three; the first (issued) is older
      for (const reused of passwords.slice(1)) {
        const res = await change(session.accessToken, { currentPassword: passwords[4], newPassword: reused }).expect(400);
        expect(res.body.code).toBe('PASSWORD_REUSED');
      }
      await change(session.accessToken, { currentPassword: passwords[4], newPassword: passwords[0] }).expect(204);
      await postLogin(user.username, passwords[0]).expect(200);
    });

    it('after a reset by staff, the member cannot go back to the password they had', async () => {
      const admin = await login(t.http, await createUser(t.db, 'admin', null));
      const user = await createUser(t.db, 'editor', await createCommittee(t.db));
      const reset = await t
        .http()
        .post(`/api/users/${user.id}/reset-password`)
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .send({})
        .expect(200);
      const session = (await postLogin(user.username, reset.body.initialPassword).expect(200)).body;
      const res = await change(session.accessToken, { currentPassword: reset.body.initialPassword, newPassword: user.password }).expect(
        400,
      );
      expect(res.body.code).toBe('PASSWORD_REUSED');
      await change(session.accessToken, { currentPassword: reset.body.initialPassword, newPassword: NEW_PASSWORD }).expect(204);
    });

    it('counts a wrong current password toward the lockout: 10 lock the account (audited), like 10 wrong logins', async () => {
      const user = await createUser(t.db, 'secretary', await createCommittee(t.db));
      const session = await login(t.http, user);
      for (let i = 1; i <= 10; i++) {
        const res = await change(session.accessToken, { currentPassword: `Sai-mat-khau-${i}-xyz`, newPassword: NEW_PASSWORD });
        expect({ i, status: res.status, code: res.body.code }).toEqual({ i, status: 400, code: 'VALIDATION_FAILED' });
      }
      const row = await t.db.getRepository(User).findOneByOrFail({ id: user.id });
      expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
      const audit = await t.db.query(`SELECT details FROM audit_log WHERE action = 'user.locked' AND entity_id = $1`, [user.id]);
      expect(audit).toHaveLength(1);
      // locked: the right current password is not checked any more, and a login answers like a wrong password
      const right = await change(session.accessToken, { currentPassword: user.password, newPassword: NEW_PASSWORD }).expect(400);
      expect(right.body.errors).toHaveProperty('currentPassword');
      expect((await postLogin(user.username, user.password).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
      expect((await t.db.getRepository(User).findOneByOrFail({ id: user.id })).passwordHash).toBe(row.passwordHash);
    });

    it('needs a token', async () => {
      await t.http().post('/api/auth/password').send({ currentPassword: 'a', newPassword: NEW_PASSWORD }).expect(401);
    });
  });
});

describe('auth: rate limiting per client address (2 per window)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_PER_CLIENT: '2', LOGIN_MAX_PER_USERNAME: '100' });
  });
  afterAll(async () => t?.close());

  it('refuses the 3rd attempt from the same address whatever the username, even after a success', async () => {
    const a = await createUser(t.db, 'admin', null);
    const b = await createUser(t.db, 'admin', null);
    const c = await createUser(t.db, 'admin', null);
    await t.http().post('/api/auth/login').send({ username: a.username, password: 'Sai-mat-khau-xyz' }).expect(401);
    await t.http().post('/api/auth/login').send({ username: b.username, password: b.password }).expect(200);
    const res = await t.http().post('/api/auth/login').send({ username: c.username, password: c.password }).expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().post('/api/auth/login').send({ username: a.username, password: a.password }).expect(429);
  });
});
