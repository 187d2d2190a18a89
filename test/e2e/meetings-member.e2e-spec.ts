import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage } from '../../src/documents/storage/file-storage.js';
import type { Member } from '../../src/members/member.entity.js';
import { MeetingAttendance } from '../../src/meetings/entities/meeting-attendance.entity.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import { createDocument, createStoredFileRow, pdfBytes } from '../factories/content.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { createMeeting, type CreatedMeeting } from '../factories/meetings.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Tree = Awaited<ReturnType<typeof createTree>>;

const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const DAY = 86_400_000;

describe('meetings, before the meeting: the member’s list and meeting, excuses, comments', () => {
  let t: TestApp;
  let dataDir: string;
  let tree: Tree;
  let official: Member; // a full member of branch A, with the app
  let probationary: Member; // a probationary member of branch A, with the app
  let officialToken: string;
  let probationaryToken: string;
  let latecomerToken: string; // joined branch A after the meetings were sent
  let memberBToken: string; // a member of branch B
  let secretaryA: string;
  let secretaryB: string;
  let adminToken: string;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    download: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary),
  });
  const memberToken = async (member: Member) =>
    (await login(t.http, await createUser(t.db, 'member', null, { memberId: member.id, committeeId: member.committeeId }))).accessToken;
  const attendanceOf = async (meetingId: string, memberId: string) =>
    (await t.db.getRepository(MeetingAttendance).findOneByOrFail({ meetingId, memberId })).state;
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sotay-meetings-member-'));
    t = await createTestApp({ DATA_DIR: dataDir });
    tree = await createTree(t.db);
    official = await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn Chính' });
    probationary = await createMember(t.db, tree.branchA, { fullName: 'Lê Thị Dự', status: 'probationary', officialAt: null });
    officialToken = await memberToken(official);
    probationaryToken = await memberToken(probationary);
    memberBToken = await memberToken(await createMember(t.db, tree.branchB, { fullName: 'Phạm Văn Bắc' }));
    secretaryA = (await login(t.http, await createUser(t.db, 'secretary', tree.branchA))).accessToken;
    secretaryB = (await login(t.http, await createUser(t.db, 'secretary', tree.branchB))).accessToken;
    adminToken = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the list', () => {
    let meetings: Record<string, CreatedMeeting>;
    let token: string;

    beforeAll(async () => {
      // a branch of its own, so the other describes' meetings do not mix in
      const branch = await (await import('../factories/index.js')).createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Lập' });
      const me = await createMember(t.db, branch);
      const now = Date.now();
      meetings = {
        soon: await createMeeting(t.db, branch, { startsAt: new Date(now + 2 * DAY) }),
        later: await createMeeting(t.db, branch, { startsAt: new Date(now + 9 * DAY) }),
        postponed: await createMeeting(t.db, branch, { status: 'postponed', startsAt: new Date(now + 20 * DAY), statusReason: 'Mưa bão' }),
        running: await createMeeting(t.db, branch, { status: 'in_progress', startsAt: new Date(now - 3_600_000) }),
        held: await createMeeting(t.db, branch, { status: 'held', startsAt: new Date(now - 30 * DAY) }),
        locked: await createMeeting(t.db, branch, { status: 'minutes_locked', startsAt: new Date(now - 60 * DAY) }),
        cancelled: await createMeeting(t.db, branch, {
          status: 'cancelled',
          startsAt: new Date(now - 10 * DAY),
          statusReason: 'Trùng lịch',
        }),
        draft: await createMeeting(t.db, branch, { status: 'draft', startsAt: new Date(now + 5 * DAY) }),
      };
      // branch B's meeting is never in branch A's list
      await createMeeting(t.db, tree.branchB, { startsAt: new Date(now + 3 * DAY) });
      token = await memberToken(me);
    });

    const ORDER = ['running', 'soon', 'later', 'postponed', 'cancelled', 'held', 'locked'];

    it('puts upcoming meetings first, soonest first, then past ones most recent first; no drafts, no other branch', async () => {
      const res = await as(token).get('/api/me/meetings').expect(200);
      const names = Object.fromEntries(Object.entries(meetings).map(([k, v]) => [v.id, k]));
      expect(res.body.items.map((i: { id: string }) => names[i.id] ?? i.id)).toEqual(ORDER);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items[3]).toMatchObject({
        status: 'postponed',
        statusReason: 'Mưa bão',
        myAttendanceState: 'invited',
        kind: 'regular',
      });
      expect(res.body.items[0].month).toMatch(/^\d{4}-\d{2}$/);
    });

    it('pages by cursor through both parts without repeating or skipping a meeting, for every page size', async () => {
      for (const limit of [1, 2, 3, 4, 7]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: any = await as(token)
            .get(`/api/me/meetings?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
            .expect(200);
          expect(res.body.items.length).toBeLessThanOrEqual(limit);
          seen.push(...res.body.items.map((i: { id: string }) => i.id));
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        expect(seen).toEqual(ORDER.map((k) => meetings[k].id));
      }
    });

    it('answers 304 to a repeat with the ETag, and 400 INVALID_CURSOR to a cursor it did not give', async () => {
      const first = await as(token).get('/api/me/meetings').expect(200);
      await as(token).get('/api/me/meetings').set('If-None-Match', first.headers.etag).expect(304);
      for (const bad of ['x.abc', 'u.' + Buffer.from('["nope","1"]').toString('base64url'), 'q']) {
        const res = await as(token)
          .get(`/api/me/meetings?cursor=${encodeURIComponent(bad)}`)
          .expect(400);
        expect(res.body.code).toBe('INVALID_CURSOR');
      }
    });

    it('refuses staff tokens (the list is a member’s)', async () => {
      const res = await as(secretaryA).get('/api/me/meetings').expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });
  });

  describe('one meeting, its documents', () => {
    let meeting: CreatedMeeting;
    let libraryDoc: { id: string; title: string };
    let uploaded: Buffer;
    let libraryBytes: Buffer;

    beforeAll(async () => {
      const storage = t.app.get(FileStorage);
      libraryBytes = pdfBytes('Nghi quyet 57');
      await storage.put(libraryBytes);
      const libraryFile = await createStoredFileRow(t.db, libraryBytes);
      const doc = await createDocument(t.db, tree.districtA, {
        title: 'Nghị quyết số 57-NQ/TW',
        fileId: libraryFile.id,
        fileName: 'Nghị quyết 57-NQ-TW.pdf',
      });
      libraryDoc = { id: doc.id, title: doc.title };
      uploaded = pdfBytes('Bao cao thang');
      await storage.put(uploaded);
      const uploadedFile = await createStoredFileRow(t.db, uploaded);
      meeting = await createMeeting(t.db, tree.branchA, {
        agenda: [
          { title: 'Quán triệt Nghị quyết 57', presenterName: 'Đồng chí Bí thư', documents: [libraryDoc] },
          { title: 'Báo cáo tháng', files: [{ storedFileId: uploadedFile.id, title: 'Báo cáo tháng 12' }] },
        ],
      });
    });

    it('shows the agenda in order with its attachments, the caller’s attendance, no excuse, and no vote before the meeting', async () => {
      const res = await as(officialToken).get(`/api/me/meetings/${meeting.id}`).expect(200);
      expect(res.body).toMatchObject({
        id: meeting.id,
        committeeId: tree.branchA.id,
        committeeName: tree.branchA.name,
        status: 'scheduled',
        myAttendanceState: 'invited',
        myAttendance: { state: 'invited', official: true, exempt: false, checkedInAt: null },
        myExcuse: null,
        canVote: false,
        canAskExcuse: true,
        canComment: true,
      });
      expect(res.body.agenda.map((i: { position: number; title: string }) => [i.position, i.title])).toEqual([
        [1, 'Quán triệt Nghị quyết 57'],
        [2, 'Báo cáo tháng'],
      ]);
      expect(res.body.agenda[0].attachments).toEqual([
        {
          id: meeting.agenda[0].attachments[0].id,
          title: libraryDoc.title,
          kind: 'document',
          documentId: libraryDoc.id,
          url: `/api/me/meetings/${meeting.id}/attachments/${meeting.agenda[0].attachments[0].id}`,
        },
      ]);
      expect(res.body.agenda[1].attachments[0]).toMatchObject({ kind: 'file', documentId: null, title: 'Báo cáo tháng 12' });
      await as(officialToken).get(`/api/me/meetings/${meeting.id}`).set('If-None-Match', res.headers.etag).expect(304);
    });

    it('serves a library document and counts the read as a view of it; serves an uploaded file under its title', async () => {
      const views = () =>
        count(
          `SELECT count(*)::int AS n FROM access_events WHERE type = 'view' AND target_type = 'document' AND target_id = $1 AND member_id = $2`,
          [libraryDoc.id, official.id],
        );
      const before = await views();
      const doc = await as(officialToken)
        .download(meeting.agenda[0].attachments[0] && `/api/me/meetings/${meeting.id}/attachments/${meeting.agenda[0].attachments[0].id}`)
        .expect(200);
      expect(Buffer.compare(doc.body as Buffer, libraryBytes)).toBe(0);
      expect(doc.headers['content-type']).toBe('application/pdf');
      expect(await views()).toBe(before + 1);

      const file = await as(officialToken)
        .download(`/api/me/meetings/${meeting.id}/attachments/${meeting.agenda[1].attachments[0].id}`)
        .expect(200);
      expect(Buffer.compare(file.body as Buffer, uploaded)).toBe(0);
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo tháng 12.pdf')}`);
      expect(await views()).toBe(before + 1); // an uploaded file is no library read
    });

    it('answers 404 for an attachment of another meeting, and once the library document is unpublished', async () => {
      const other = await createMeeting(t.db, tree.branchA, { agenda: [{ title: 'Khác', documents: [libraryDoc] }] });
      await as(officialToken).download(`/api/me/meetings/${meeting.id}/attachments/${other.agenda[0].attachments[0].id}`).expect(404);
      await as(officialToken).download(`/api/me/meetings/${meeting.id}/attachments/not-a-uuid`).expect(404);
      await t.db.query(`UPDATE documents SET status = 'draft' WHERE id = $1`, [libraryDoc.id]);
      try {
        await as(officialToken).download(`/api/me/meetings/${other.id}/attachments/${other.agenda[0].attachments[0].id}`).expect(404);
      } finally {
        await t.db.query(`UPDATE documents SET status = 'published' WHERE id = $1`, [libraryDoc.id]);
      }
    });

    it('lets only a full member who checked in vote, and only while the meeting is in progress', async () => {
      const running = await createMeeting(t.db, tree.branchA, { status: 'in_progress', startsAt: new Date(Date.now() - 600_000) });
      const canVote = async (token: string) => (await as(token).get(`/api/me/meetings/${running.id}`).expect(200)).body.canVote;
      expect(await canVote(officialToken)).toBe(false); // not checked in yet
      await t.db
        .getRepository(MeetingAttendance)
        .update({ meetingId: running.id }, { state: 'present', checkedInAt: new Date(), checkInMethod: 'code' });
      expect(await canVote(officialToken)).toBe(true);
      expect(await canVote(probationaryToken)).toBe(false); // probationary members attend and speak, but do not vote
      await t.db.getRepository(Meeting).update({ id: running.id }, { status: 'held' });
      expect(await canVote(officialToken)).toBe(false);
    });

    it('answers 404 to a member of another branch on every route, and for a draft', async () => {
      const draft = await createMeeting(t.db, tree.branchA, { status: 'draft' });
      const att = meeting.agenda[0].attachments[0].id;
      for (const [token, id] of [
        [memberBToken, meeting.id],
        [officialToken, draft.id],
        [officialToken, 'not-a-uuid'],
      ] as const) {
        for (const res of [
          await as(token).get(`/api/me/meetings/${id}`),
          await as(token).download(`/api/me/meetings/${id}/attachments/${att}`),
          await as(token).post(`/api/me/meetings/${id}/excuse`, { reason: 'Bận việc gia đình' }),
          await as(token).get(`/api/me/meetings/${id}/comments`),
          await as(token).post(`/api/me/meetings/${id}/comments`, { agendaItemId: meeting.agenda[0].id, body: 'Góp ý' }),
        ]) {
          expect(res.status).toBe(404);
        }
      }
      expect(await count(`SELECT count(*)::int AS n FROM meeting_excuses WHERE meeting_id IN ($1, $2)`, [meeting.id, draft.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM meeting_comments WHERE meeting_id IN ($1, $2)`, [meeting.id, draft.id])).toBe(0);
    });

    it('still shows a meeting the member was invited to after they move to another branch', async () => {
      const mover = await createMember(t.db, tree.branchA, { fullName: 'Hoàng Văn Chuyển' });
      const past = await createMeeting(t.db, tree.branchA, { status: 'held', startsAt: new Date(Date.now() - 5 * DAY) });
      await t.db.query(`UPDATE members SET committee_id = $1 WHERE id = $2`, [tree.branchB.id, mover.id]);
      const token = await memberToken({ ...mover, committeeId: tree.branchB.id } as Member);
      const res = await as(token).get(`/api/me/meetings/${past.id}`).expect(200);
      expect(res.body.myAttendanceState).toBe('invited');
      // and branch A's meetings they were not invited to stay out of reach
      await as(token).get(`/api/me/meetings/${meeting.id}`).expect(404);
    });
  });

  describe('excuses', () => {
    it('takes a request, updates its reason while pending, and the secretary’s acceptance excuses the member (audited)', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const asked = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: '  Đi công tác  ' }).expect(200);
      expect(asked.body).toMatchObject({ status: 'pending', reason: 'Đi công tác', memberId: official.id, decidedAt: null });
      const again = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Đi công tác tại Hà Nội' }).expect(200);
      expect(again.body).toMatchObject({ id: asked.body.id, status: 'pending', reason: 'Đi công tác tại Hà Nội' });
      expect(await count(`SELECT count(*)::int AS n FROM meeting_excuses WHERE meeting_id = $1`, [meeting.id])).toBe(1);

      const list = await as(secretaryA).get(`/api/meetings/${meeting.id}/excuses`).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ id: asked.body.id, fullName: 'Nguyễn Văn Chính', status: 'pending' })]);

      const decided = await as(secretaryA)
        .post(`/api/meetings/${meeting.id}/excuses/${asked.body.id}/decision`, { accepted: true, note: 'Đồng ý' })
        .expect(200);
      expect(decided.body).toMatchObject({ status: 'accepted', decisionNote: 'Đồng ý' });
      expect(await attendanceOf(meeting.id, official.id)).toBe('excused');
      const mine = await as(officialToken).get(`/api/me/meetings/${meeting.id}`).expect(200);
      expect(mine.body).toMatchObject({
        myAttendanceState: 'excused',
        myExcuse: { status: 'accepted', decisionNote: 'Đồng ý' },
        canAskExcuse: false,
      });
      const audit = await t.db.query(`SELECT action, details FROM audit_log WHERE entity_type = 'meeting' AND entity_id = $1`, [
        meeting.id,
      ]);
      expect(audit).toEqual([
        { action: 'meeting.excuse.accept', details: expect.objectContaining({ excuseId: asked.body.id, memberId: official.id }) },
      ]);

      // decided: neither the member nor the secretary changes it any more
      const late = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Lý do khác' }).expect(409);
      expect(late.body.code).toBe('MEETING_EXCUSE_DECIDED');
      const twice = await as(secretaryA)
        .post(`/api/meetings/${meeting.id}/excuses/${asked.body.id}/decision`, { accepted: false })
        .expect(409);
      expect(twice.body.code).toBe('MEETING_EXCUSE_DECIDED');
      const still = await as(secretaryA).get(`/api/meetings/${meeting.id}/excuses`).expect(200);
      expect(still.body[0]).toMatchObject({ status: 'accepted', reason: 'Đi công tác tại Hà Nội' });
      expect(await attendanceOf(meeting.id, official.id)).toBe('excused');
    });

    it('a declined excuse leaves the member invited; a member who checked in stays present even when accepted', async () => {
      const meeting = await createMeeting(t.db, tree.branchA, { status: 'in_progress', startsAt: new Date(Date.now() - 600_000) });
      const asked = await as(probationaryToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Ốm' }).expect(200);
      await as(secretaryA)
        .post(`/api/meetings/${meeting.id}/excuses/${asked.body.id}/decision`, { accepted: false, note: 'Đề nghị dự họp' })
        .expect(200);
      expect(await attendanceOf(meeting.id, probationary.id)).toBe('invited');

      const other = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Có việc đột xuất' }).expect(200);
      // the member then came after all (the secretary marked them)
      await t.db
        .getRepository(MeetingAttendance)
        .update({ meetingId: meeting.id, memberId: official.id }, { state: 'present', checkedInAt: new Date() });
      await as(secretaryA).post(`/api/meetings/${meeting.id}/excuses/${other.body.id}/decision`, { accepted: true }).expect(200);
      expect(await attendanceOf(meeting.id, official.id)).toBe('present');
      // and a member who checked in cannot ask to be excused
      const checkedIn = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Về sớm' }).expect(409);
      expect(checkedIn.body.code).toBe('MEETING_ALREADY_CHECKED_IN');
    });

    it('refuses a request once the meeting is over or cancelled, from a member not invited, and without a reason; nothing is stored', async () => {
      for (const status of ['held', 'minutes_locked', 'cancelled'] as const) {
        const meeting = await createMeeting(t.db, tree.branchA, { status, startsAt: new Date(Date.now() - DAY) });
        const res = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Ốm' }).expect(409);
        expect(res.body.code).toBe('MEETING_EXCUSE_CLOSED');
        expect(await count(`SELECT count(*)::int AS n FROM meeting_excuses WHERE meeting_id = $1`, [meeting.id])).toBe(0);
      }
      const meeting = await createMeeting(t.db, tree.branchA);
      latecomerToken = await memberToken(await createMember(t.db, tree.branchA, { fullName: 'Vũ Văn Mới' }));
      const notInvited = await as(latecomerToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Ốm' }).expect(403);
      expect(notInvited.body.code).toBe('MEETING_NOT_INVITED');
      for (const reason of ['', '   ', 'x'.repeat(2001)]) {
        const res = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason }).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { reason: expect.any(String) } });
      }
      expect(await count(`SELECT count(*)::int AS n FROM meeting_excuses WHERE meeting_id = $1`, [meeting.id])).toBe(0);
    });

    it('answers 404 to a secretary of another branch, and keeps the excuse pending', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const asked = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Ốm' }).expect(200);
      await as(secretaryB).get(`/api/meetings/${meeting.id}/excuses`).expect(404);
      await as(secretaryB).post(`/api/meetings/${meeting.id}/excuses/${asked.body.id}/decision`, { accepted: true }).expect(404);
      // an excuse id of another meeting is a 404 too
      const other = await createMeeting(t.db, tree.branchA);
      await as(secretaryA).post(`/api/meetings/${other.id}/excuses/${asked.body.id}/decision`, { accepted: true }).expect(404);
      expect(await attendanceOf(meeting.id, official.id)).toBe('invited');
      expect((await as(adminToken).get(`/api/meetings/${meeting.id}/excuses`).expect(200)).body[0].status).toBe('pending');
    });

    it('refuses a decision once the minutes are locked', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const asked = await as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason: 'Ốm' }).expect(200);
      await t.db.getRepository(Meeting).update({ id: meeting.id }, { status: 'minutes_locked' });
      const res = await as(secretaryA)
        .post(`/api/meetings/${meeting.id}/excuses/${asked.body.id}/decision`, { accepted: true })
        .expect(409);
      expect(res.body.code).toBe('MEETING_MINUTES_LOCKED');
      expect(await count(`SELECT count(*)::int AS n FROM meeting_excuses WHERE id = $1 AND status = 'pending'`, [asked.body.id])).toBe(1);
    });
  });

  describe('comments', () => {
    it('takes a comment on an agenda item; the secretary hides one with a reason (audited); others stop seeing it, its author sees it marked', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const item = meeting.agenda[1].id;
      const mine = await as(officialToken)
        .post(`/api/me/meetings/${meeting.id}/comments`, { agendaItemId: item, body: ' Đề nghị bổ sung chỉ tiêu phát triển đảng viên. ' })
        .expect(201);
      expect(mine.body).toMatchObject({
        agendaItemId: item,
        body: 'Đề nghị bổ sung chỉ tiêu phát triển đảng viên.',
        fullName: 'Nguyễn Văn Chính',
        hidden: false,
        mine: true,
      });
      await as(probationaryToken).post(`/api/me/meetings/${meeting.id}/comments`, { agendaItemId: item, body: 'Nhất trí.' }).expect(201);

      const seen = await as(probationaryToken).get(`/api/me/meetings/${meeting.id}/comments`).expect(200);
      expect(seen.body.map((c: { body: string; mine: boolean }) => [c.body, c.mine])).toEqual([
        ['Đề nghị bổ sung chỉ tiêu phát triển đảng viên.', false],
        ['Nhất trí.', true],
      ]);

      const hidden = await as(secretaryA)
        .post(`/api/meetings/${meeting.id}/comments/${mine.body.id}/hide`, { reason: 'Trùng nội dung đã thống nhất' })
        .expect(200);
      expect(hidden.body).toMatchObject({ hidden: true, hiddenReason: 'Trùng nội dung đã thống nhất' });
      const audit = await t.db.query(`SELECT action, details FROM audit_log WHERE entity_type = 'meeting' AND entity_id = $1`, [
        meeting.id,
      ]);
      expect(audit).toEqual([
        {
          action: 'meeting.comment.hide',
          details: expect.objectContaining({ commentId: mine.body.id, reason: 'Trùng nội dung đã thống nhất' }),
        },
      ]);
      // hiding again changes nothing and writes no second audit line
      await as(secretaryA).post(`/api/meetings/${meeting.id}/comments/${mine.body.id}/hide`, { reason: 'Lần nữa' }).expect(200);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [meeting.id])).toBe(1);

      const others = await as(probationaryToken).get(`/api/me/meetings/${meeting.id}/comments`).expect(200);
      expect(others.body.map((c: { body: string }) => c.body)).toEqual(['Nhất trí.']);
      const author = await as(officialToken).get(`/api/me/meetings/${meeting.id}/comments`).expect(200);
      expect(author.body.map((c: { body: string; hidden: boolean }) => [c.body, c.hidden])).toEqual([
        ['Đề nghị bổ sung chỉ tiêu phát triển đảng viên.', true],
        ['Nhất trí.', false],
      ]);
      expect(author.body[0]).not.toHaveProperty('hiddenReason');
      const staff = await as(secretaryA).get(`/api/meetings/${meeting.id}/comments`).expect(200);
      expect(staff.body.map((c: { hidden: boolean; hiddenReason: string | null }) => [c.hidden, c.hiddenReason])).toEqual([
        [true, 'Trùng nội dung đã thống nhất'],
        [false, null],
      ]);
    });

    it('refuses an empty or too long body, an agenda item of another meeting, and a meeting no longer ahead; nothing is stored', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const other = await createMeeting(t.db, tree.branchA);
      const item = meeting.agenda[0].id;
      for (const body of ['', '  ', 'x'.repeat(2001)]) {
        const res = await as(officialToken).post(`/api/me/meetings/${meeting.id}/comments`, { agendaItemId: item, body }).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: { body: expect.any(String) } });
      }
      await as(officialToken)
        .post(`/api/me/meetings/${meeting.id}/comments`, { agendaItemId: item, body: 'x'.repeat(2000) })
        .expect(201);
      const bad = await as(officialToken)
        .post(`/api/me/meetings/${meeting.id}/comments`, { agendaItemId: 'abc', body: 'Góp ý' })
        .expect(400);
      expect(bad.body.errors).toHaveProperty('agendaItemId');
      const foreign = await as(officialToken)
        .post(`/api/me/meetings/${meeting.id}/comments`, { agendaItemId: other.agenda[0].id, body: 'Góp ý' })
        .expect(400);
      expect(foreign.body).toMatchObject({ code: 'MEETING_AGENDA_ITEM_NOT_FOUND', errors: { agendaItemId: expect.any(String) } });
      expect(await count(`SELECT count(*)::int AS n FROM meeting_comments WHERE meeting_id IN ($1, $2)`, [meeting.id, other.id])).toBe(1);

      for (const status of ['postponed', 'held', 'minutes_locked', 'cancelled'] as const) {
        const closed = await createMeeting(t.db, tree.branchA, { status });
        const res = await as(officialToken)
          .post(`/api/me/meetings/${closed.id}/comments`, { agendaItemId: closed.agenda[0].id, body: 'Góp ý' })
          .expect(409);
        expect(res.body.code).toBe('MEETING_COMMENTS_CLOSED');
        expect(await count(`SELECT count(*)::int AS n FROM meeting_comments WHERE meeting_id = $1`, [closed.id])).toBe(0);
      }
    });

    it('stores a comment sent twice, or several times at once (a retry), once', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const body = { agendaItemId: meeting.agenda[0].id, body: 'Đề nghị tổ chức học tập trực tuyến.' };
      const first = await as(officialToken).post(`/api/me/meetings/${meeting.id}/comments`, body).expect(201);
      const again = await as(officialToken).post(`/api/me/meetings/${meeting.id}/comments`, body).expect(201);
      expect(again.body.id).toBe(first.body.id);
      const burst = await Promise.all([1, 2, 3].map(() => as(probationaryToken).post(`/api/me/meetings/${meeting.id}/comments`, body)));
      expect(burst.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM meeting_comments WHERE meeting_id = $1`, [meeting.id])).toBe(2);
    });

    it('stores an excuse sent several times at once once', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const burst = await Promise.all(
        ['Ốm', 'Ốm nặng', 'Ốm'].map((reason) => as(officialToken).post(`/api/me/meetings/${meeting.id}/excuse`, { reason })),
      );
      expect(burst.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM meeting_excuses WHERE meeting_id = $1`, [meeting.id])).toBe(1);
    });

    it('answers 404 to a secretary of another branch, and the comment stays visible', async () => {
      const meeting = await createMeeting(t.db, tree.branchA);
      const c = await as(officialToken)
        .post(`/api/me/meetings/${meeting.id}/comments`, { agendaItemId: meeting.agenda[0].id, body: 'Góp ý' })
        .expect(201);
      await as(secretaryB).get(`/api/meetings/${meeting.id}/comments`).expect(404);
      await as(secretaryB).post(`/api/meetings/${meeting.id}/comments/${c.body.id}/hide`, { reason: 'Ẩn' }).expect(404);
      const res = await as(probationaryToken).get(`/api/me/meetings/${meeting.id}/comments`).expect(200);
      expect(res.body).toEqual([expect.objectContaining({ id: c.body.id, hidden: false })]);
      // members may not call the staff routes
      await as(officialToken).get(`/api/meetings/${meeting.id}/comments`).expect(403);
      void latecomerToken;
    });
  });
});
