import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createECDH, randomBytes } from 'node:crypto';
import type { Committee } from '../../src/committees/committee.entity.js';
import { Member } from '../../src/members/member.entity.js';
import { PushTargetsService, type PushTargetRow } from '../../src/self-service/push-targets.service.js';
import { createCommittee, createMember, createTree, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A browser's subscription: a real P-256 key pair's public half, a 16-byte auth secret. */
function webPushSubscription(endpoint = `https://fcm.googleapis.com/fcm/send/${randomBytes(12).toString('base64url')}`) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}
const fcmToken = () => `${randomBytes(12).toString('base64url')}:APA91b${randomBytes(110).toString('base64url')}`;
const apnsToken = () => randomBytes(32).toString('hex');

describe('push subscriptions on the member devices', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;

  beforeAll(async () => {
    t = await createTestApp({ WEB_PUSH_EXTRA_HOSTS: '127.0.0.1' });
    tree = await createTree(t.db);
  });
  afterAll(async () => t?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const register = (token: string, body: object) => t.http().post('/api/me/devices').set(auth(token)).send(body);
  const setPush = (token: string, deviceId: string, push: object | null) =>
    t.http().put(`/api/me/devices/${deviceId}/push`).set(auth(token)).send({ push });
  const stored = async (memberId: string) =>
    t.db.query(
      `SELECT device_id, push_provider, push_token, push_endpoint, push_p256dh, push_auth, unregistered_at
         FROM member_devices WHERE member_id = $1 ORDER BY registered_at, device_id`,
      [memberId],
    );

  let n = 0;
  async function memberSession(committee: Committee = tree.branchA) {
    const member = await createMember(t.db, committee, { fullName: `Đảng viên ${++n}` });
    const user = await createUser(t.db, 'member', committee, { memberId: member.id });
    return { member, token: (await login(t.http, user)).accessToken };
  }
  const device = (deviceId: string, push?: object) => ({ deviceId, platform: 'android', appVersion: '3.1.0', ...(push ? { push } : {}) });

  it('tells the web app that Web Push is off while the server has no VAPID key', async () => {
    const { token } = await memberSession();
    const res = await t.http().get('/api/me/web-push').set(auth(token)).expect(200);
    expect(res.body).toEqual({ enabled: false, vapidPublicKey: null });
  });

  it('accepts Web Push, FCM and APNs subscriptions and lists the provider, never the token or keys', async () => {
    const { member, token } = await memberSession();
    const web = webPushSubscription('https://web.push.apple.com/QGuQyavXutnMH6Lp');
    const fcm = fcmToken();
    const apns = apnsToken();
    const a = await register(token, device('push-web-0001', { provider: 'webpush', subscription: web })).expect(201);
    expect(a.body).toMatchObject({ deviceId: 'push-web-0001', pushProvider: 'webpush', pushUpdatedAt: expect.any(String) });
    await register(token, device('push-fcm-0001', { provider: 'fcm', token: fcm })).expect(201);
    await register(token, { ...device('push-ios-0001', { provider: 'apns', token: apns }), platform: 'ios' }).expect(201);
    await register(token, device('push-none-0001')).expect(201);

    const list = await t.http().get('/api/me/devices').set(auth(token)).expect(200);
    const byId = Object.fromEntries(list.body.map((d: { deviceId: string; pushProvider: string | null }) => [d.deviceId, d.pushProvider]));
    expect(byId).toEqual({ 'push-web-0001': 'webpush', 'push-fcm-0001': 'fcm', 'push-ios-0001': 'apns', 'push-none-0001': null });
    const text = JSON.stringify(list.body);
    for (const secret of [web.endpoint, web.keys.p256dh, web.keys.auth, fcm, apns]) expect(text).not.toContain(secret);

    expect(await stored(member.id)).toEqual([
      expect.objectContaining({
        device_id: 'push-web-0001',
        push_provider: 'webpush',
        push_endpoint: web.endpoint,
        push_p256dh: web.keys.p256dh,
        push_auth: web.keys.auth,
        push_token: null,
      }),
      expect.objectContaining({ device_id: 'push-fcm-0001', push_provider: 'fcm', push_token: fcm, push_endpoint: null }),
      expect.objectContaining({ device_id: 'push-ios-0001', push_provider: 'apns', push_token: apns }),
      expect.objectContaining({ device_id: 'push-none-0001', push_provider: null }),
    ]);
  });

  it('keeps the stored subscription on a repeat registration without one, changes it and removes it through PUT', async () => {
    const { member, token } = await memberSession();
    const first = fcmToken();
    await register(token, device('push-later-0001')).expect(201);
    expect((await setPush(token, 'push-later-0001', { provider: 'fcm', token: first }).expect(200)).body.pushProvider).toBe('fcm');
    await register(token, device('push-later-0001')).expect(200);
    expect((await stored(member.id))[0].push_token).toBe(first);

    const web = webPushSubscription('https://updates.push.services.mozilla.com/wpush/v2/gAAAAABm');
    await setPush(token, 'push-later-0001', { provider: 'webpush', subscription: web }).expect(200);
    expect(await stored(member.id)).toEqual([
      expect.objectContaining({ push_provider: 'webpush', push_token: null, push_endpoint: web.endpoint }),
    ]);

    expect((await setPush(token, 'push-later-0001', null).expect(200)).body.pushProvider).toBeNull();
    expect((await stored(member.id))[0]).toMatchObject({ push_provider: null, push_endpoint: null, push_p256dh: null, push_auth: null });

    // an install that is not the member's, or unregistered: 404
    await setPush(token, 'never-registered-01', { provider: 'fcm', token: first }).expect(404);
    await setPush(token, 'push-later-0001', { provider: 'fcm', token: first }).expect(200);
    await t.http().delete('/api/me/devices/push-later-0001').set(auth(token)).expect(204);
    expect((await stored(member.id))[0]).toMatchObject({ push_provider: null, push_token: null }); // unregistering forgets the target
    await setPush(token, 'push-later-0001', { provider: 'fcm', token: first }).expect(404);
  });

  it('answers 400 for a malformed subscription and stores nothing', async () => {
    const { member, token } = await memberSession();
    const good = webPushSubscription();
    const offCurve = Buffer.from(good.keys.p256dh, 'base64url');
    offCurve[64] ^= 1;
    const cases: [object, string, string][] = [
      [
        { provider: 'webpush', subscription: { ...good, keys: { ...good.keys, p256dh: offCurve.toString('base64url') } } },
        'PUSH_SUBSCRIPTION_INVALID',
        'push.subscription.keys.p256dh',
      ],
      [
        { provider: 'webpush', subscription: { ...good, keys: { ...good.keys, p256dh: randomBytes(33).toString('base64url') } } },
        'PUSH_SUBSCRIPTION_INVALID',
        'push.subscription.keys.p256dh',
      ],
      [
        { provider: 'webpush', subscription: { ...good, keys: { ...good.keys, auth: randomBytes(12).toString('base64url') } } },
        'PUSH_SUBSCRIPTION_INVALID',
        'push.subscription.keys.auth',
      ],
      [
        { provider: 'webpush', subscription: { ...good, keys: { ...good.keys, auth: 'not base64!' } } },
        'PUSH_SUBSCRIPTION_INVALID',
        'push.subscription.keys.auth',
      ],
      [
        { provider: 'webpush', subscription: { ...good, endpoint: 'not a url' } },
        'PUSH_SUBSCRIPTION_INVALID',
        'push.subscription.endpoint',
      ],
      [{ provider: 'webpush', subscription: { endpoint: good.endpoint } }, 'VALIDATION_FAILED', 'push.subscription.keys'],
      [{ provider: 'webpush', token: fcmToken() }, 'VALIDATION_FAILED', 'push.subscription'],
      [{ provider: 'fcm', token: 'short' }, 'VALIDATION_FAILED', 'push.token'],
      [{ provider: 'fcm', token: `${fcmToken()} with spaces` }, 'VALIDATION_FAILED', 'push.token'],
      [{ provider: 'apns', token: randomBytes(16).toString('hex') }, 'VALIDATION_FAILED', 'push.token'],
      [{ provider: 'apns', token: `${randomBytes(31).toString('hex')}zz` }, 'VALIDATION_FAILED', 'push.token'],
      [{ provider: 'sms', token: fcmToken() }, 'VALIDATION_FAILED', 'push.provider'],
      [{ token: fcmToken() }, 'VALIDATION_FAILED', 'push.provider'],
    ];
    for (const [i, [push, code, field]] of cases.entries()) {
      const res = await register(token, device(`push-bad-${String(i).padStart(4, '0')}`, push)).expect(400);
      expect([i, res.body.code]).toEqual([i, code]);
      expect([i, Object.keys(res.body.errors)]).toEqual([
        i,
        expect.arrayContaining([expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}`))]),
      ]);
    }
    const notObject = await register(token, device('push-bad-string', 'fcm' as unknown as object)).expect(400);
    expect(notObject.body.code).toBe('VALIDATION_FAILED');
    expect(await stored(member.id)).toEqual([]);
    expect((await t.db.getRepository(Member).findOneByOrFail({ id: member.id })).installedAt).toBeNull();
  });

  it('answers 400 PUSH_ENDPOINT_NOT_ALLOWED for an endpoint outside the push services (the server would POST there) and stores nothing', async () => {
    const { member, token } = await memberSession();
    await register(token, device('push-foreign-base')).expect(201);
    const foreign = [
      'https://attacker.example/push',
      'https://169.254.169.254/latest/meta-data',
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com:8443/fcm/send/abc',
      'https://fcm.googleapis.com.attacker.example/fcm/send/abc',
      'https://notfcm.googleapis.com/fcm/send/abc',
      'https://push.apple.com.evil.example/x',
      'https://localhost/push',
      'http://10.0.0.5/push',
    ];
    for (const endpoint of foreign) {
      const push = { provider: 'webpush', subscription: webPushSubscription(endpoint) };
      const created = await register(token, device('push-foreign-0001', push)).expect(400);
      expect([endpoint, created.body.code]).toEqual([endpoint, 'PUSH_ENDPOINT_NOT_ALLOWED']);
      const changed = await setPush(token, 'push-foreign-base', push).expect(400);
      expect([endpoint, changed.body.code]).toEqual([endpoint, 'PUSH_ENDPOINT_NOT_ALLOWED']);
    }
    // credentials in the URL are malformed whatever the host
    const withUser = await register(
      token,
      device('push-foreign-0002', {
        provider: 'webpush',
        subscription: webPushSubscription('https://user:pw@fcm.googleapis.com/fcm/send/x'),
      }),
    ).expect(400);
    expect(withUser.body.code).toBe('PUSH_SUBSCRIPTION_INVALID');
    expect(await stored(member.id)).toEqual([expect.objectContaining({ device_id: 'push-foreign-base', push_provider: null })]);

    // the real services' subdomains, and the hosts of WEB_PUSH_EXTRA_HOSTS over http (a local stub)
    for (const [i, endpoint] of [
      'https://db5p.notify.windows.com/w/?token=AwYAAAB',
      'https://api.push.apple.com/3/device/abc',
      'https://updates-autopush.push.services.mozilla.com/wpush/v2/x',
      'http://127.0.0.1:41234/push/abc',
    ].entries()) {
      await register(token, device(`push-allowed-000${i}`, { provider: 'webpush', subscription: webPushSubscription(endpoint) })).expect(
        201,
      );
    }
  });

  it('answers 404 for an install another member has registered, and moves a push target to the install that sends it', async () => {
    const one = await memberSession();
    const other = await memberSession();
    const token = fcmToken();
    await register(one.token, device('shared-phone-0001', { provider: 'fcm', token })).expect(201);
    const taken = await register(other.token, device('shared-phone-0001', { provider: 'fcm', token: fcmToken() })).expect(404);
    expect(taken.body.code).toBe('NOT_FOUND');
    expect(await stored(other.member.id)).toEqual([]);
    expect((await stored(one.member.id))[0]).toMatchObject({ push_token: token, unregistered_at: null });

    // after the first member logs out on it, the phone is the other member's
    await t.http().delete('/api/me/devices/shared-phone-0001').set(auth(one.token)).expect(204);
    await register(other.token, device('shared-phone-0001', { provider: 'fcm', token })).expect(201);

    // the same token sent from another install (the app was reinstalled) leaves the old row
    await register(one.token, device('first-install-01', { provider: 'fcm', token: fcmToken() })).expect(201);
    const moved = fcmToken();
    await setPush(one.token, 'first-install-01', { provider: 'fcm', token: moved }).expect(200);
    await register(other.token, device('second-install-1', { provider: 'fcm', token: moved })).expect(201);
    expect((await stored(one.member.id)).find((d: { device_id: string }) => d.device_id === 'first-install-01')).toMatchObject({
      push_provider: null,
    });
    expect((await stored(other.member.id)).find((d: { device_id: string }) => d.device_id === 'second-install-1')).toMatchObject({
      push_token: moved,
    });
  });

  it('shows staff which members have push enabled: the member list and record answer pushEnabled', async () => {
    const branch = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Na Mao' });
    const secretary = await login(t.http, await createUser(t.db, 'secretary', branch));
    const withPush = await memberSession(branch);
    const installedNoPush = await memberSession(branch);
    const unregistered = await memberSession(branch);
    const noApp = await createMember(t.db, branch, { fullName: 'Đảng viên chưa cài ứng dụng' });
    await register(withPush.token, device('status-push-0001')).expect(201);
    await register(withPush.token, device('status-push-0002', { provider: 'fcm', token: fcmToken() })).expect(201);
    await register(installedNoPush.token, device('status-nopush-001')).expect(201);
    await register(unregistered.token, device('status-gone-00001', { provider: 'apns', token: apnsToken() })).expect(201);
    await t.http().delete('/api/me/devices/status-gone-00001').set(auth(unregistered.token)).expect(204);

    const list = await t
      .http()
      .get('/api/members')
      .query({ filter: JSON.stringify({ committeeId: branch.id }), range: '[0,24]' })
      .set(auth(secretary.accessToken))
      .expect(200);
    const pushOf = Object.fromEntries(list.body.map((m: { id: string; pushEnabled: boolean }) => [m.id, m.pushEnabled]));
    expect(pushOf).toEqual({
      [withPush.member.id]: true,
      [installedNoPush.member.id]: false,
      [unregistered.member.id]: false,
      [noApp.id]: false,
    });
    const one = await t.http().get(`/api/members/${withPush.member.id}`).set(auth(secretary.accessToken)).expect(200);
    expect(one.body.pushEnabled).toBe(true);
    const other = await t.http().get(`/api/members/${installedNoPush.member.id}`).set(auth(secretary.accessToken)).expect(200);
    expect(other.body.pushEnabled).toBe(false);

    // switching push off on the phone shows at once
    await setPush(withPush.token, 'status-push-0002', null).expect(200);
    const after = await t.http().get(`/api/members/${withPush.member.id}`).set(auth(secretary.accessToken)).expect(200);
    expect(after.body.pushEnabled).toBe(false);
  });

  describe('pushTargets, for the fan-out', () => {
    it('pages through the subtree by device row, leaving out unregistered installs, installs without a target and departed members', async () => {
      const targets = t.app.get(PushTargetsService);
      const district = tree.districtB;
      const reached: string[] = [];
      // members of branchB (under districtB) with one to three installs each
      for (let i = 0; i < 4; i++) {
        const { token } = await memberSession(tree.branchB);
        for (let k = 0; k <= i % 3; k++) {
          const id = `sub-${i}-${k}-install`;
          await register(token, device(id, { provider: 'fcm', token: fcmToken() })).expect(201);
          reached.push(id);
        }
      }
      const web = await memberSession(tree.grassB);
      await register(web.token, device('sub-web-install', { provider: 'webpush', subscription: webPushSubscription() })).expect(201);
      reached.push('sub-web-install');
      // not reached: an unregistered install, one without a target, a departed member's, a member of another district
      const gone = await memberSession(tree.branchB);
      await register(gone.token, device('sub-unregistered', { provider: 'fcm', token: fcmToken() })).expect(201);
      await t.http().delete('/api/me/devices/sub-unregistered').set(auth(gone.token)).expect(204);
      await register(gone.token, device('sub-no-target-01')).expect(201);
      const departed = await memberSession(tree.branchB);
      await register(departed.token, device('sub-departed-001', { provider: 'apns', token: apnsToken() })).expect(201);
      await t.db.getRepository(Member).update({ id: departed.member.id }, { endState: 'transferred_out', endedAt: '2025-01-10' });
      const elsewhere = await memberSession(tree.branchA);
      await register(elsewhere.token, device('sub-elsewhere-01', { provider: 'fcm', token: fcmToken() })).expect(201);

      const deviceIds = async (rows: PushTargetRow[]) =>
        (await t.db.query(`SELECT device_id FROM member_devices WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.deviceRowId)])).map(
          (r: { device_id: string }) => r.device_id,
        );
      const pages: PushTargetRow[][] = [];
      let after: string | null = null;
      for (;;) {
        const page = await targets.pushTargets({ committeePath: district.path }, after, 3);
        pages.push(page);
        if (page.length < 3) break;
        after = page[page.length - 1].deviceRowId;
      }
      const all = pages.flat();
      expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true);
      expect(all.map((r) => r.deviceRowId)).toEqual([...all.map((r) => r.deviceRowId)].sort());
      expect(new Set(all.map((r) => r.deviceRowId)).size).toBe(all.length);
      expect((await deviceIds(all)).sort()).toEqual([...reached].sort());
      const webRow = all.find((r) => r.target.provider === 'webpush')!;
      expect(webRow).toMatchObject({
        memberId: web.member.id,
        target: {
          provider: 'webpush',
          endpoint: expect.stringMatching(/^https:\/\/fcm\.googleapis\.com\//),
          p256dh: expect.any(String),
          auth: expect.any(String),
        },
      });

      // one member's installs; a departed member has none
      expect(await deviceIds(await targets.pushTargets({ memberId: web.member.id }, null, 10))).toEqual(['sub-web-install']);
      expect(await targets.pushTargets({ memberId: departed.member.id }, null, 10)).toEqual([]);

      // a target the provider reported gone is forgotten once
      expect([
        ...(await targets.currentTargets([webRow.deviceRowId, '00000000-0000-4000-8000-000000000000']).then((m) => m.keys())),
      ]).toEqual([webRow.deviceRowId]);
      expect(await targets.clearPush([webRow.deviceRowId])).toBe(1);
      expect(await targets.clearPush([webRow.deviceRowId])).toBe(0);
      expect((await targets.currentTargets([webRow.deviceRowId])).size).toBe(0);
      expect(await targets.pushTargets({ memberId: web.member.id }, null, 10)).toEqual([]);
      expect((await t.http().get('/api/me/devices').set(auth(web.token)).expect(200)).body[0]).toMatchObject({
        pushProvider: null,
        active: true,
      });

      expect([...(await targets.membersWithPush([web.member.id, elsewhere.member.id, departed.member.id]))].sort()).toEqual(
        [elsewhere.member.id, departed.member.id].sort(),
      );
    });
  });
});
