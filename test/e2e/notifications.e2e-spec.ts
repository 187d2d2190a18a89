import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Member } from '../../src/members/member.entity.js';
import { NotificationDispatcher, type PublishedNotification } from '../../src/notifications/notification-dispatcher.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { createMeeting } from '../factories/meetings.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Tree = Awaited<ReturnType<typeof createTree>>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('notifications: the member inbox, unread count, preferences, expiry, bulletins', () => {
  let t: TestApp;
  let dataDir: string;
  let tree: Tree;
  let service: NotificationsService;
  let memberA: Member; // branch A (under district A)
  let memberATwo: Member; // branch A too
  let tokenA: string;
  let tokenATwo: string;
  let tokenB: string; // branch B (under district B)
  let staffA: string; // committee admin of district A
  let editorA: string;
  const dispatched: PublishedNotification[] = [];

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const memberToken = async (member: Member) =>
    (await login(t.http, await createUser(t.db, 'member', null, { memberId: member.id, committeeId: member.committeeId }))).accessToken;
  const inboxIds = async (token: string) =>
    ((await as(token).get('/api/me/notifications?limit=50').expect(200)).body.items as { id: string }[]).map((i) => i.id);
  const unread = async (token: string) => (await as(token).get('/api/me/notifications/unread-count').expect(200)).body;
  const bulletin = (over: object = {}) => ({
    committeeId: tree.districtA.id,
    title: 'Lịch sinh hoạt chi bộ tháng 12/2026',
    text: 'Sinh hoạt lúc 19h30 ngày 05/12.',
    ...over,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sotay-notifications-'));
    t = await createTestApp({ DATA_DIR: dataDir });
    service = t.app.get(NotificationsService);
    const dispatcher = t.app.get(NotificationDispatcher, { strict: false });
    dispatcher.onPublished = async (n) => {
      dispatched.push(n);
    };
    tree = await createTree(t.db);
    memberA = await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn An' });
    memberATwo = await createMember(t.db, tree.branchA, { fullName: 'Trần Thị Bình' });
    tokenA = await memberToken(memberA);
    tokenATwo = await memberToken(memberATwo);
    tokenB = await memberToken(await createMember(t.db, tree.branchB, { fullName: 'Phạm Văn Bắc' }));
    staffA = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtA))).accessToken;
    editorA = (await login(t.http, await createUser(t.db, 'editor', tree.districtA))).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a bulletin to a subtree reaches its members and no one outside it; one row whatever the audience', async () => {
    const before = Number((await t.db.query(`SELECT count(*) AS n FROM notifications`))[0].n);
    const created = await as(staffA)
      .post('/api/bulletins', bulletin({ link: { type: 'url', id: 'https://dangcongsan.vn/tin' } }))
      .expect(201);
    expect(created.body).toMatchObject({
      committeeId: tree.districtA.id,
      status: 'published',
      link: { type: 'url', id: 'https://dangcongsan.vn/tin' },
    });
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM notifications`))[0].n)).toBe(before + 1);

    const page = await as(tokenA).get('/api/me/notifications').expect(200);
    expect(page.body.items[0]).toMatchObject({
      id: created.body.id,
      kind: 'bulletin',
      title: 'Lịch sinh hoạt chi bộ tháng 12/2026',
      link: { type: 'url', id: 'https://dangcongsan.vn/tin' },
      read: false,
    });
    expect(await inboxIds(tokenB)).not.toContain(created.body.id);
    // the dispatcher heard of it once, after the commit
    expect(dispatched.filter((n) => n.id === created.body.id)).toHaveLength(1);
  });

  it('a personal notification reaches only its member; another member reading it is a 404', async () => {
    const n = await service.publish({
      kind: 'excuse_decided',
      title: 'Đơn xin vắng của đồng chí đã được chấp thuận',
      link: { type: 'meeting', id: '00000000-0000-4000-8000-000000000001' },
      audience: { memberId: memberA.id },
    });
    expect(await inboxIds(tokenA)).toContain(n!.id);
    expect(await inboxIds(tokenATwo)).not.toContain(n!.id);
    await as(tokenATwo).post(`/api/me/notifications/${n!.id}/read`).expect(404);
    await as(tokenA).post(`/api/me/notifications/not-a-uuid/read`).expect(404);
    // a subtree kind addressed to one member is a programming error, refused
    await expect(service.publish({ kind: 'bulletin', title: 'x', audience: { memberId: memberA.id } })).rejects.toThrow();
  });

  it('the unread count falls on read and read-all; a newer notification after read-all counts 1', async () => {
    const one = await service.publish({ kind: 'bulletin', title: 'Thông báo 1', audience: { committeeId: tree.branchA.id } });
    await service.publish({ kind: 'bulletin', title: 'Thông báo 2', audience: { committeeId: tree.grassA.id } });
    const start = await unread(tokenATwo);
    expect(start.capped).toBe(false);
    expect(start.count).toBeGreaterThanOrEqual(2);

    const read = await as(tokenATwo).post(`/api/me/notifications/${one!.id}/read`).expect(200);
    expect(read.body).toMatchObject({ id: one!.id, read: true });
    expect((await unread(tokenATwo)).count).toBe(start.count - 1);
    await as(tokenATwo).post(`/api/me/notifications/${one!.id}/read`).expect(200); // idempotent
    expect((await unread(tokenATwo)).count).toBe(start.count - 1);
    // the other member's count is their own
    expect((await unread(tokenA)).count).toBeGreaterThanOrEqual(2);

    expect((await as(tokenATwo).post('/api/me/notifications/read-all').expect(200)).body).toEqual({ count: 0, capped: false });
    const items = (await as(tokenATwo).get('/api/me/notifications?limit=50').expect(200)).body.items as { read: boolean }[];
    expect(items.every((i) => i.read)).toBe(true);

    await new Promise((r) => setTimeout(r, 5)); // a later millisecond than the watermark
    const newer = await service.publish({
      kind: 'news_published',
      title: 'Tin mới: Hội nghị',
      audience: { committeeId: tree.province.id },
    });
    expect(await unread(tokenATwo)).toEqual({ count: 1, capped: false });
    const first = (await as(tokenATwo).get('/api/me/notifications').expect(200)).body.items[0];
    expect(first).toMatchObject({ id: newer!.id, read: false });
  });

  it('the count stops at 99 and says capped', async () => {
    const member = await createMember(t.db, tree.branchB);
    const token = await memberToken(member);
    for (let i = 0; i < 101; i++)
      await service.publish({ kind: 'task_overdue', title: `Nhiệm vụ quá hạn ${i}`, audience: { memberId: member.id } });
    expect(await unread(token)).toEqual({ count: 99, capped: true });
  });

  it('pages by cursor, newest first, with an ETag and 304', async () => {
    const first = await as(tokenA).get('/api/me/notifications?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await as(tokenA).get(`/api/me/notifications?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(4);
    const times = [...first.body.items, ...second.body.items].map((i: { publishedAt: string }) => i.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const etag = first.headers.etag;
    await as(tokenA).get('/api/me/notifications?limit=2').set('If-None-Match', etag).expect(304);
    await as(tokenA).post(`/api/me/notifications/${first.body.items[0].id}/read`).expect(200);
    const after = await as(tokenA).get('/api/me/notifications?limit=2').set('If-None-Match', etag).expect(200);
    expect(after.body.items[0].read).toBe(true);
    await as(tokenA).get('/api/me/notifications?cursor=garbage!').expect(400);
  });

  it('preferences round-trip; unknown kinds and bad hours are 400 with a code, nothing changed', async () => {
    const defaults = (await as(tokenA).get('/api/me/notification-preferences').expect(200)).body;
    expect(defaults.quietHoursStart).toBeNull();
    expect(defaults.pushKinds).toContain('bulletin');
    expect(defaults.pushKinds).toHaveLength(13);

    const saved = await as(tokenA)
      .put('/api/me/notification-preferences', {
        pushKinds: ['bulletin', 'meeting_scheduled'],
        quietHoursStart: '22:00',
        quietHoursEnd: '06:00',
      })
      .expect(200);
    expect(saved.body).toEqual({ pushKinds: ['meeting_scheduled', 'bulletin'], quietHoursStart: '22:00', quietHoursEnd: '06:00' });
    expect((await as(tokenA).get('/api/me/notification-preferences').expect(200)).body).toEqual(saved.body);

    const bad = async (body: object, code: string) =>
      expect((await as(tokenA).put('/api/me/notification-preferences', body).expect(400)).body.code).toBe(code);
    await bad({ pushKinds: ['bulletin', 'gossip'] }, 'NOTIFICATION_UNKNOWN_KIND');
    await bad({ quietHoursStart: '25:00', quietHoursEnd: '06:00' }, 'NOTIFICATION_INVALID_QUIET_HOURS');
    await bad({ quietHoursStart: '22:00' }, 'NOTIFICATION_INVALID_QUIET_HOURS');
    await bad({ quietHoursStart: '22:00', quietHoursEnd: '22:00' }, 'NOTIFICATION_INVALID_QUIET_HOURS');
    await bad({ quietHoursStart: '22:00', quietHoursEnd: null }, 'NOTIFICATION_INVALID_QUIET_HOURS');
    await bad({ pushKinds: 'bulletin' }, 'VALIDATION_FAILED');
    expect((await as(tokenA).get('/api/me/notification-preferences').expect(200)).body).toEqual(saved.body);

    // the push fan-out's view of them
    const prefs = await service.pushPreferences([memberA.id, memberATwo.id]);
    expect(service.pushAt(prefs.get(memberA.id), 'news_published', new Date())).toBeNull();
    expect(service.pushAt(prefs.get(memberA.id), 'bulletin', new Date('2026-12-01T15:30:00Z'))).toEqual(new Date('2026-12-01T23:00:00Z'));
    expect(service.pushAt(prefs.get(memberATwo.id), 'news_published', new Date('2026-12-01T15:30:00Z'))).toEqual(
      new Date('2026-12-01T15:30:00Z'),
    );

    const cleared = await as(tokenA).put('/api/me/notification-preferences', { quietHoursStart: null, quietHoursEnd: null }).expect(200);
    expect(cleared.body).toMatchObject({ pushKinds: ['meeting_scheduled', 'bulletin'], quietHoursStart: null, quietHoursEnd: null });
  });

  it('an expired notification never shows and the purge deletes it', async () => {
    const old = await service.publish({
      kind: 'bulletin',
      title: 'Thông báo cũ',
      audience: { committeeId: tree.branchA.id },
      publishAt: new Date(Date.now() - 100 * DAY),
      expiresAt: new Date(Date.now() - 10 * DAY),
    });
    expect(await inboxIds(tokenA)).not.toContain(old!.id);
    await as(tokenA).post(`/api/me/notifications/${old!.id}/read`).expect(404);
    expect(await service.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await t.db.query(`SELECT id FROM notifications WHERE id = $1`, [old!.id])).toEqual([]);
    // the default expiry is publishAt + NOTIFICATION_TTL_DAYS (90)
    const fresh = await service.publish({ kind: 'bulletin', title: 'Thông báo mới', audience: { committeeId: tree.branchA.id } });
    expect(fresh!.expiresAt.getTime() - fresh!.publishAt.getTime()).toBe(90 * DAY);
  });

  describe('bulletins', () => {
    it('a scheduled bulletin is invisible before publishAt, listed as scheduled, and may be cancelled', async () => {
      const at = new Date(Date.now() + 2 * HOUR).toISOString();
      const created = await as(staffA)
        .post('/api/bulletins', bulletin({ title: 'Hẹn giờ', publishAt: at }))
        .expect(201);
      expect(created.body).toMatchObject({ status: 'scheduled', publishAt: at });
      expect(await inboxIds(tokenA)).not.toContain(created.body.id);
      await as(tokenA).post(`/api/me/notifications/${created.body.id}/read`).expect(404);

      const list = await as(staffA)
        .get(`/api/bulletins?filter=${encodeURIComponent(JSON.stringify({ status: 'scheduled' }))}`)
        .expect(200);
      expect(list.body.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
      expect(list.headers['content-range']).toBe('bulletins 0-0/1');

      // its time comes
      const due = await as(staffA)
        .post('/api/bulletins', bulletin({ title: 'Sắp gửi', publishAt: at }))
        .expect(201);
      await t.db.query(`UPDATE notifications SET publish_at = now() - interval '1 second' WHERE id = $1`, [due.body.id]);
      expect(await inboxIds(tokenA)).toContain(due.body.id);
      expect((await as(staffA).delete(`/api/bulletins/${due.body.id}`).expect(409)).body.code).toBe('BULLETIN_ALREADY_PUBLISHED');

      expect((await as(staffA).delete(`/api/bulletins/${created.body.id}`).expect(200)).body.id).toBe(created.body.id);
      await as(staffA).get(`/api/bulletins/${created.body.id}`).expect(404);
    });

    it('to a committee outside the caller’s scope is a 404; over-size 413; a past publishAt and a bad link 400', async () => {
      expect(
        (
          await as(staffA)
            .post('/api/bulletins', bulletin({ committeeId: tree.districtB.id }))
            .expect(404)
        ).body.code,
      ).toBe('NOT_FOUND');
      expect(
        (
          await as(staffA)
            .post('/api/bulletins', bulletin({ text: 'x'.repeat(4001) }))
            .expect(413)
        ).body.code,
      ).toBe('BULLETIN_TOO_LARGE');
      await as(staffA)
        .post('/api/bulletins', bulletin({ text: 'đ'.repeat(4000) }))
        .expect(201);
      const past = new Date(Date.now() - DAY).toISOString();
      expect(
        (
          await as(staffA)
            .post('/api/bulletins', bulletin({ publishAt: past }))
            .expect(400)
        ).body.code,
      ).toBe('BULLETIN_PUBLISH_AT_PAST');
      const badLink = await as(staffA)
        .post('/api/bulletins', bulletin({ link: { type: 'url', id: 'javascript:alert(1)' } }))
        .expect(400);
      expect(badLink.body.code).toBe('NOTIFICATION_INVALID_LINK');
      await as(staffA)
        .post('/api/bulletins', bulletin({ title: '   ' }))
        .expect(400);
      await as(tokenA).post('/api/bulletins', bulletin()).expect(403);
      // nothing of the refused ones was written
      const titles = (await t.db.query(`SELECT count(*) AS n FROM notifications WHERE audience_committee_id = $1`, [tree.districtB.id]))[0];
      expect(Number(titles.n)).toBe(0);
    });

    it('staff of another subtree neither list nor read nor cancel them', async () => {
      const created = await as(staffA)
        .post('/api/bulletins', bulletin({ publishAt: new Date(Date.now() + HOUR).toISOString() }))
        .expect(201);
      const staffB = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtB))).accessToken;
      expect((await as(staffB).get('/api/bulletins').expect(200)).body).toEqual([]);
      await as(staffB).get(`/api/bulletins/${created.body.id}`).expect(404);
      await as(staffB).delete(`/api/bulletins/${created.body.id}`).expect(404);
    });
  });

  describe('publishing modules', () => {
    it('publishing a document notifies its subtree once, after the commit', async () => {
      const created = await as(editorA)
        .post('/api/documents', {
          committeeId: tree.districtA.id,
          title: 'Nghị quyết về công tác xây dựng Đảng năm 2026',
          type: 'resolution',
          issuingBody: 'Ban Thường vụ Huyện ủy Đại Từ',
          summary: 'Nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng.',
        })
        .expect(201);
      const id = created.body.id;
      const ofDocument = async (token: string) =>
        (
          (await as(token).get('/api/me/notifications?limit=50').expect(200)).body.items as { link: { id: string } | null; title: string }[]
        ).filter((i) => i.link?.id === id);
      expect(await ofDocument(tokenA)).toEqual([]); // a draft notifies no one

      await as(editorA).put(`/api/documents/${id}`, { status: 'published' }).expect(200);
      expect(await ofDocument(tokenA)).toEqual([
        expect.objectContaining({ kind: 'document_published', title: 'Văn bản mới: Nghị quyết về công tác xây dựng Đảng năm 2026' }),
      ]);
      expect(await ofDocument(tokenB)).toEqual([]);
      expect(dispatched.filter((n) => n.linkId === id)).toHaveLength(1);

      // withdrawn and published again: still one notification
      await as(editorA).put(`/api/documents/${id}`, { status: 'draft' }).expect(200);
      await as(editorA).put(`/api/documents/${id}`, { status: 'published' }).expect(200);
      expect(await ofDocument(tokenA)).toHaveLength(1);
      expect(dispatched.filter((n) => n.linkId === id)).toHaveLength(1);
    });

    it('scheduling and cancelling a meeting tell its branch; deciding an excuse tells its member', async () => {
      const secretaryA = (await login(t.http, await createUser(t.db, 'secretary', tree.branchA))).accessToken;
      const meeting = await createMeeting(t.db, tree.branchA, { status: 'draft', title: 'Sinh hoạt chi bộ tháng 12/2026' });
      await as(secretaryA).post(`/api/meetings/${meeting.id}/schedule`).expect(200);
      const ofMeeting = async (token: string) =>
        (
          (await as(token).get('/api/me/notifications?limit=50').expect(200)).body.items as {
            kind: string;
            title: string;
            link: { id: string } | null;
          }[]
        )
          .filter((i) => i.link?.id === meeting.id)
          .map((i) => [i.kind, i.title]);
      expect(await ofMeeting(tokenATwo)).toEqual([['meeting_scheduled', 'Lịch sinh hoạt: Sinh hoạt chi bộ tháng 12/2026']]);
      expect(await ofMeeting(tokenB)).toEqual([]);

      await as(tokenATwo).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Đi công tác' }).expect(200);
      const excuses = await as(secretaryA).get(`/api/meetings/${meeting.id}/excuses`).expect(200);
      await as(secretaryA).post(`/api/meetings/${meeting.id}/excuses/${excuses.body[0].id}/decision`, { accepted: true }).expect(200);
      expect(await ofMeeting(tokenATwo)).toContainEqual([
        'excuse_decided',
        'Đơn xin vắng đã được chấp thuận: Sinh hoạt chi bộ tháng 12/2026',
      ]);
      expect((await ofMeeting(tokenA)).map(([kind]) => kind)).not.toContain('excuse_decided');

      await as(secretaryA).post(`/api/meetings/${meeting.id}/cancel`, { reason: 'Mưa bão' }).expect(200);
      expect((await ofMeeting(tokenA))[0]).toEqual(['meeting_cancelled', 'Hủy sinh hoạt: Sinh hoạt chi bộ tháng 12/2026']);
    });

    it('a publication rolled back notifies no one; a failing dispatcher fails nothing', async () => {
      const before = dispatched.length;
      await expect(
        t.db.transaction(async (tx) => {
          await service.publish({ kind: 'bulletin', title: 'Không bao giờ gửi', audience: { committeeId: tree.branchA.id } }, tx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(dispatched.length).toBe(before);

      // committed inside a caller's transaction: heard only once the row is visible to others
      let seenFromOutside: unknown[] | undefined;
      const dispatcher = t.app.get(NotificationDispatcher, { strict: false });
      const record = dispatcher.onPublished;
      dispatcher.onPublished = async (n) => {
        seenFromOutside = await t.db.query(`SELECT id FROM notifications WHERE id = $1`, [n.id]);
        throw new Error('push provider down');
      };
      try {
        const created = await as(staffA)
          .post('/api/bulletins', bulletin({ title: 'Dù đẩy lỗi' }))
          .expect(201);
        expect(seenFromOutside).toEqual([{ id: created.body.id }]);
        expect(await inboxIds(tokenA)).toContain(created.body.id);
      } finally {
        dispatcher.onPublished = record;
      }
    });
  });
});
