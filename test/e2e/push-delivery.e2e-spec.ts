import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Committee } from '../../src/committees/committee.entity.js';
import { JOBS_SCHEMA } from '../../src/jobs/jobs.service.js';
import type { Member } from '../../src/members/member.entity.js';
import { formatClock, vietnamMinuteOfDay } from '../../src/notifications/quiet-hours.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { ApnsStub } from '../support/push-stubs/apns-stub.js';
import { FCM_REPLIES, FcmStub } from '../support/push-stubs/fcm-stub.js';
import { testPushCredentials } from '../support/push-stubs/push-credentials.js';
import { WebPushStub } from '../support/push-stubs/web-push-stub.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Push delivery (src/notifications/push/, docs/notifications.md) against the three provider stubs,
 * with the job workers on: fan-out, preferences, gone tokens, retries, dead letters, the report, and a
 * restart in the middle of a fan-out.
 */
const SERVER = process.env.DATABASE_URL;

async function until(what: string, check: () => Promise<boolean> | boolean, boundMs = 90_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > boundMs) throw new Error(`still waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const fcmToken = () => `${randomBytes(12).toString('base64url')}:APA91b${randomBytes(110).toString('base64url')}`;
const apnsToken = () => randomBytes(32).toString('hex');
const TITLE = 'Thông báo: Lịch sinh hoạt chi bộ tháng 12/2026 — đồng chí lưu ý';

type Row = { device_id: string; status: string; attempts: number; last_error: string | null; committee_id: number };
const deliveries = async (t: TestApp, notificationId: string): Promise<Row[]> =>
  t.db.query(`SELECT device_id, status, attempts, last_error, committee_id FROM push_deliveries WHERE notification_id = $1`, [
    notificationId,
  ]);

describe(`push delivery (${SERVER ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const credentials = testPushCredentials();
  let web: WebPushStub;
  let fcm: FcmStub;
  let apns: ApnsStub;
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let staffA: string;
  let staffB: string;

  beforeAll(async () => {
    web = await WebPushStub.start(credentials.vapidPublicKey);
    fcm = await FcmStub.start(credentials.fcm);
    apns = await ApnsStub.start(credentials.apns);
    t = await createTestApp({
      ...credentials.env,
      WEB_PUSH_EXTRA_HOSTS: '127.0.0.1',
      FCM_BASE_URL: fcm.url,
      FCM_TOKEN_URL: fcm.tokenUrl,
      APNS_BASE_URL: apns.url,
      JOBS_WORKERS: 'on',
      PUSH_MAX_ATTEMPTS: '3',
      PUSH_RETRY_DELAY_SECONDS: '1',
    });
    tree = await createTree(t.db);
    staffA = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtA))).accessToken;
    staffB = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtB))).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([web?.close(), fcm?.close(), apns?.close()]);
  });

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  let n = 0;
  /** A member of `committee` with one device registered through the API. */
  async function memberWith(committee: Committee, provider: 'webpush' | 'fcm' | 'apns') {
    const member: Member = await createMember(t.db, committee, { fullName: `Đảng viên ${++n}` });
    const user = await createUser(t.db, 'member', committee, { memberId: member.id });
    const token = (await login(t.http, user)).accessToken;
    const subscription = provider === 'webpush' ? web.subscribe() : null;
    const pushToken = provider === 'fcm' ? fcmToken() : provider === 'apns' ? apnsToken() : null;
    const push =
      provider === 'webpush'
        ? { provider, subscription: { endpoint: subscription!.endpoint, expirationTime: null, keys: subscription!.keys } }
        : { provider, token: pushToken };
    await as(token)
      .post('/api/me/devices', { deviceId: `device-${n}`, platform: provider === 'apns' ? 'ios' : 'android', appVersion: '3.1.0', push })
      .expect(201);
    const [{ id: deviceRowId }] = await t.db.query(`SELECT id FROM member_devices WHERE member_id = $1`, [member.id]);
    return { member, token, deviceRowId: deviceRowId as string, subscriptionId: subscription?.id, pushToken };
  }

  const bulletin = async (committee: Committee, title = TITLE) =>
    (
      await as(staffA)
        .post('/api/bulletins', { committeeId: committee.id, title, text: 'Sinh hoạt lúc 19h30 ngày 05/12 tại nhà văn hóa xóm.' })
        .expect(201)
    ).body.id as string;

  /** Waits until each of these devices has a final row for the notification. */
  const settled = (t2: TestApp, id: string, deviceIds: string[]) =>
    until(`deliveries of ${id} settled`, async () => {
      const rows = new Map((await deliveries(t2, id)).map((r) => [r.device_id, r.status]));
      return deviceIds.every((d) => rows.has(d) && rows.get(d) !== 'pending');
    });
  const webFor = (id: string, subscriptionId: string) =>
    web.received.filter(
      (r) => r.endpoint.endsWith(`/push/${subscriptionId}`) && (r.payload as { notificationId: string }).notificationId === id,
    );

  it('a bulletin reaches each device of the members in the subtree once, on all three services, and none outside; the report counts', async () => {
    const a1 = await memberWith(tree.branchA, 'webpush');
    const a2 = await memberWith(tree.branchA, 'fcm');
    const a3 = await memberWith(tree.grassA, 'apns');
    const outside = await memberWith(tree.branchB, 'webpush');

    const id = await bulletin(tree.districtA);
    await settled(t, id, [a1.deviceRowId, a2.deviceRowId, a3.deviceRowId]);

    const got = webFor(id, a1.subscriptionId!);
    expect(got).toHaveLength(1);
    expect(got[0].payload).toMatchObject({ notificationId: id, title: TITLE });
    expect(web.refused).toEqual([]);
    expect(fcm.received.filter((m) => m.token === a2.pushToken).map((m) => m.notification?.title)).toEqual([TITLE]);
    expect(apns.received.filter((p) => p.deviceToken === a3.pushToken).map((p) => p.payload.aps?.alert?.title)).toEqual([TITLE]);
    expect(web.received.filter((r) => r.endpoint.endsWith(`/push/${outside.subscriptionId}`))).toEqual([]);
    expect((await deliveries(t, id)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);

    // one member reads it; the report for the district and its sub-committees
    await as(a1.token).post(`/api/me/notifications/${id}/read`).expect(200);
    const report = (await as(staffA).get(`/api/notifications/${id}/report`).expect(200)).body;
    const [{ members }] = await t.db.query(
      `SELECT count(*)::int AS members FROM members m JOIN committees c ON c.id = m.committee_id WHERE c.path <@ $1::ltree AND m.end_state IS NULL`,
      [tree.districtA.path],
    );
    expect(report).toMatchObject({
      notificationId: id,
      kind: 'bulletin',
      title: TITLE,
      committee: { id: tree.districtA.id, name: tree.districtA.name },
      total: { committeeId: tree.districtA.id, members, read: 1, devices: 3, sent: 3, failed: 0, gone: 0, pending: 0, deliveredRate: 1 },
    });
    expect(report.total.readRate).toBeCloseTo(1 / members, 3);
    expect(report.children).toEqual([expect.objectContaining({ committeeId: tree.grassA.id, devices: 3, sent: 3, read: 1 })]);
    // drill down to the branch: a1 and a2 only
    const branch = (await as(staffA).get(`/api/notifications/${id}/report?committeeId=${tree.branchA.id}`).expect(200)).body;
    expect(branch.total).toMatchObject({ committeeId: tree.branchA.id, devices: 2, sent: 2, read: 1 });
    expect(branch.children).toEqual([]);
    // outside the audience, outside the caller's scope, another district's staff: 404 alike
    await as(staffA).get(`/api/notifications/${id}/report?committeeId=${tree.branchB.id}`).expect(404);
    await as(staffA).get(`/api/notifications/${id}/report?committeeId=${tree.province.id}`).expect(404);
    await as(staffB).get(`/api/notifications/${id}/report`).expect(404);
    await as(staffA).get(`/api/notifications/${id}/report?committeeId=abc`).expect(400);
  });

  it('a muted kind is not pushed but is in the inbox', async () => {
    const m = await memberWith(tree.branchA, 'webpush');
    await as(m.token)
      .put('/api/me/notification-preferences', { pushKinds: ['news_published'] })
      .expect(200);
    const id = await bulletin(tree.branchA);
    await settled(t, id, [m.deviceRowId]);
    expect((await deliveries(t, id)).find((r) => r.device_id === m.deviceRowId)?.status).toBe('muted');
    expect(webFor(id, m.subscriptionId!)).toEqual([]);
    const inbox = (await as(m.token).get('/api/me/notifications').expect(200)).body.items as { id: string }[];
    expect(inbox.map((i) => i.id)).toContain(id);
  });

  it('quiet hours hold the push until they end (a delayed job), to the target the install has by then; the inbox shows it at once', async () => {
    const m = await memberWith(tree.branchA, 'webpush');
    const renewed = await memberWith(tree.branchA, 'fcm');
    const withdrawn = await memberWith(tree.branchA, 'apns');
    const minute = vietnamMinuteOfDay(new Date());
    for (const who of [m, renewed, withdrawn]) {
      await as(who.token)
        .put('/api/me/notification-preferences', {
          quietHoursStart: formatClock((minute + 1440 - 60) % 1440),
          quietHoursEnd: formatClock((minute + 120) % 1440),
        })
        .expect(200);
    }
    const id = await bulletin(tree.branchA, 'Thông báo giờ yên lặng');
    const held = [m.deviceRowId, renewed.deviceRowId, withdrawn.deviceRowId];
    await until('the devices wait', async () => {
      const rows = await deliveries(t, id);
      return held.every((d) => rows.some((r) => r.device_id === d));
    });
    expect((await deliveries(t, id)).find((r) => r.device_id === m.deviceRowId)).toMatchObject({ status: 'pending', attempts: 0 });
    // while the push waits, one phone gets a new FCM token and another member turns push off
    const [renewedDevice] = await t.db.query(`SELECT device_id FROM member_devices WHERE id = $1`, [renewed.deviceRowId]);
    const [withdrawnDevice] = await t.db.query(`SELECT device_id FROM member_devices WHERE id = $1`, [withdrawn.deviceRowId]);
    const newToken = fcmToken();
    await as(renewed.token)
      .put(`/api/me/devices/${renewedDevice.device_id}/push`, { push: { provider: 'fcm', token: newToken } })
      .expect(200);
    await as(withdrawn.token).put(`/api/me/devices/${withdrawnDevice.device_id}/push`, { push: null }).expect(200);
    const [job] = await t.db.query(
      `SELECT start_after FROM ${JOBS_SCHEMA}.job WHERE name = 'push-deliver' AND data->>'notificationId' = $1 AND state = 'created'`,
      [id],
    );
    expect(new Date(job.start_after).getTime()).toBeGreaterThan(Date.now() + 100 * 60_000);
    expect(webFor(id, m.subscriptionId!)).toEqual([]);
    const inbox = (await as(m.token).get('/api/me/notifications').expect(200)).body.items as { id: string }[];
    expect(inbox.map((i) => i.id)).toContain(id);

    // the quiet hours are over (the job's time brought forward): delivered, once
    await t.db.query(`UPDATE ${JOBS_SCHEMA}.job SET start_after = now() WHERE name = 'push-deliver' AND data->>'notificationId' = $1`, [
      id,
    ]);
    await settled(t, id, held);
    expect(webFor(id, m.subscriptionId!)).toHaveLength(1);
    const rows = new Map((await deliveries(t, id)).map((r) => [r.device_id, r]));
    expect(rows.get(m.deviceRowId)).toMatchObject({ status: 'sent', attempts: 1 });
    // the renewed phone is reached at its new token, never at the old one; the withdrawn one not at all
    const toFcm = (token: string | null) => fcm.received.filter((r) => r.token === token && r.data?.notificationId === id);
    expect(toFcm(newToken)).toHaveLength(1);
    expect(toFcm(renewed.pushToken)).toEqual([]);
    expect(rows.get(renewed.deviceRowId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rows.get(withdrawn.deviceRowId)).toMatchObject({ status: 'skipped' });
    expect(apns.received.filter((r) => r.deviceToken === withdrawn.pushToken)).toEqual([]);
  });

  it('a token the service reports gone is removed from the device; a 503 then 201 is retried and delivered once', async () => {
    const goneFcm = await memberWith(tree.grassB, 'fcm');
    const goneWeb = await memberWith(tree.grassB, 'webpush');
    const flaky = await memberWith(tree.grassB, 'webpush');
    fcm.replies.queue(goneFcm.pushToken!, FCM_REPLIES.unregistered);
    web.replies.queue(goneWeb.subscriptionId!, { status: 410 });
    web.replies.queue(flaky.subscriptionId!, { status: 503 });
    const staffProvince = (await login(t.http, await createUser(t.db, 'committee_admin', tree.province))).accessToken;
    const id = (
      await as(staffProvince)
        .post('/api/bulletins', { committeeId: tree.grassB.id, title: 'Thông báo xã Kim Phượng', text: 'Nội dung' })
        .expect(201)
    ).body.id as string;
    await settled(t, id, [goneFcm.deviceRowId, goneWeb.deviceRowId, flaky.deviceRowId]);
    const rows = new Map((await deliveries(t, id)).map((r) => [r.device_id, r]));
    expect(rows.get(goneFcm.deviceRowId)).toMatchObject({ status: 'gone' });
    expect(rows.get(goneWeb.deviceRowId)).toMatchObject({ status: 'gone' });
    expect(rows.get(flaky.deviceRowId)).toMatchObject({ status: 'sent', attempts: 2 });
    const stored = await t.db.query(`SELECT id, push_provider FROM member_devices WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [goneFcm.deviceRowId, goneWeb.deviceRowId],
    ]);
    expect(stored.map((d: { push_provider: string | null }) => d.push_provider)).toEqual([null, null]);
    expect(web.attempts.get(flaky.subscriptionId!)).toBe(2);
    expect(webFor(id, flaky.subscriptionId!)).toHaveLength(1);
  });

  it('a provider outage never fails the publication; a device always failing ends in the dead letters after PUSH_MAX_ATTEMPTS', async () => {
    const m = await memberWith(tree.branchA, 'webpush');
    web.replies.always(m.subscriptionId!, { status: 500 });
    const id = await bulletin(tree.branchA, 'Thông báo khi dịch vụ đẩy hỏng');
    const others = (await deliveries(t, id)).length; // none yet; the branch's other devices settle with it
    expect(others).toBeGreaterThanOrEqual(0);
    await until('the failing device is given up', async () =>
      (await deliveries(t, id)).some((r) => r.device_id === m.deviceRowId && r.status === 'failed'),
    );
    expect(web.attempts.get(m.subscriptionId!)).toBe(3);
    const row = (await deliveries(t, id)).find((r) => r.device_id === m.deviceRowId)!;
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row.last_error).toMatch(/gave up after 3 attempts: 500/);

    const list = await as(staffA)
      .get(`/api/notifications/dead-letters?filter=${encodeURIComponent(JSON.stringify({ notificationId: id }))}`)
      .expect(200);
    expect(list.headers['content-range']).toBe('push-dead-letters 0-0/1');
    expect(list.body).toEqual([
      expect.objectContaining({ notificationId: id, deviceId: m.deviceRowId, attempts: 3, title: 'Thông báo khi dịch vụ đẩy hỏng' }),
    ]);
    // district B's staff do not see district A's dead letters
    const other = await as(staffB)
      .get(`/api/notifications/dead-letters?filter=${encodeURIComponent(JSON.stringify({ notificationId: id }))}`)
      .expect(200);
    expect(other.body).toEqual([]);
    web.replies.reset();
  });

  it('a cancelled scheduled bulletin pushes nothing', async () => {
    const m = await memberWith(tree.branchA, 'webpush');
    const created = await as(staffA)
      .post('/api/bulletins', {
        committeeId: tree.branchA.id,
        title: 'Sẽ hủy',
        text: 'Nội dung',
        publishAt: new Date(Date.now() + 3_000).toISOString(),
      })
      .expect(201);
    await t.http().delete(`/api/bulletins/${created.body.id}`).set('Authorization', `Bearer ${staffA}`).expect(200);
    const [job] = await t.db.query(`SELECT state FROM ${JOBS_SCHEMA}.job WHERE name = 'push-fanout' AND data->>'notificationId' = $1`, [
      created.body.id,
    ]);
    expect(job.state).toBe('cancelled');
    expect(webFor(created.body.id, m.subscriptionId!)).toEqual([]);
  });

  it('gives the web app the VAPID public key it subscribes with, and a push to that subscription arrives', async () => {
    const { token, subscriptionId } = await memberWith(tree.branchA, 'webpush');
    const config = await as(token).get('/api/me/web-push').expect(200);
    expect(config.body).toEqual({ enabled: true, vapidPublicKey: credentials.vapidPublicKey });
    const id = await bulletin(tree.branchA, 'Khóa VAPID của ứng dụng web');
    await until('the web push arrived', async () => webFor(id, subscriptionId!).length === 1);
  });
});

describe(`push delivery across a restart mid fan-out (${SERVER ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sotay-push-'));
  const credentials = testPushCredentials();
  let database: TestDatabase | undefined;
  let web: WebPushStub;
  const env = (): Record<string, string> => ({
    ...credentials.env,
    ...(SERVER ? { DATABASE_URL: database!.url! } : { PGLITE_DATA_DIR: join(dir, 'pglite') }),
    WEB_PUSH_EXTRA_HOSTS: '127.0.0.1',
    JOBS_WORKERS: 'on',
    PUSH_CHUNK_SIZE: '5',
    PUSH_FANOUT_PAGE_SIZE: '10',
  });

  beforeAll(async () => {
    if (SERVER) database = await createTestDatabase();
    web = await WebPushStub.start(credentials.vapidPublicKey);
  });
  afterAll(async () => {
    await web?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every device receives exactly one push when the app stops after some chunks and another one finishes', async () => {
    const DEVICES = 40;
    web.holdMs = 300; // each chunk takes a while: the stop lands in the middle
    const first = await createTestApp(env());
    let id: string;
    const subscriptions: string[] = [];
    try {
      const tree = await createTree(first.db);
      for (let i = 0; i < DEVICES; i++) {
        const member = await createMember(first.db, i % 2 ? tree.branchA : tree.grassA, { fullName: `Đảng viên ${i}` });
        const s = web.subscribe();
        subscriptions.push(s.id);
        await first.db.query(
          `INSERT INTO member_devices (member_id, device_id, platform, app_version, push_provider, push_endpoint, push_p256dh, push_auth, push_updated_at)
           VALUES ($1, $2, 'android', '3.1.0', 'webpush', $3, $4, $5, now())`,
          [member.id, `restart-${i}`, s.endpoint, s.keys.p256dh, s.keys.auth],
        );
      }
      const staff = (await login(first.http, await createUser(first.db, 'committee_admin', tree.districtA))).accessToken;
      id = (
        await first
          .http()
          .post('/api/bulletins')
          .set('Authorization', `Bearer ${staff}`)
          .send({ committeeId: tree.districtA.id, title: 'Thông báo khẩn', text: 'Nội dung' })
          .expect(201)
      ).body.id;
      await until('some chunks sent', () => web.received.length >= 10);
    } finally {
      await first.close();
    }
    const sentByFirst = web.received.length;
    expect(sentByFirst).toBeLessThan(DEVICES);

    web.holdMs = 0;
    const second = await createTestApp(env());
    try {
      await settled(second, id!, DEVICES);
      const perDevice = subscriptions.map((s) => web.received.filter((r) => r.endpoint.endsWith(`/push/${s}`)).length);
      expect(perDevice).toEqual(subscriptions.map(() => 1));
      expect((await deliveries(second, id!)).every((r) => r.status === 'sent')).toBe(true);
    } finally {
      await second.close();
    }
  });

  const settled = (t: TestApp, notificationId: string, count: number) =>
    until(`${count} deliveries settled`, async () => {
      const rows = await deliveries(t, notificationId);
      return rows.length === count && rows.every((r) => r.status !== 'pending');
    });
});
