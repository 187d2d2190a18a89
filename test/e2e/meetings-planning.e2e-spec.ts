import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDate } from '../../src/common/dates.js';
import type { Committee } from '../../src/committees/committee.entity.js';
import { MeetingAttendance } from '../../src/meetings/entities/meeting-attendance.entity.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import { schedulingDeadline } from '../../src/meetings/meetings.rules.js';
import { createDocument, elfExecutableBytes, pdfBytes } from '../factories/content.js';
import { createCommittee, createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** 'YYYY-MM' of the Vietnam month `offset` months from now. */
function monthFromNow(offset: number): string {
  const [y, m] = localDate().split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** Planning branch meetings, the staff side (issue 16 item 1): drafts, scheduling, invitations, templates, guidance. */
describe('meetings planning', () => {
  let t: TestApp;
  let dataDir: string;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let secretaryA: string;
  let secretaryB: string;
  let districtA: string;
  let districtB: string;
  let province: string;
  let official: { id: string };
  let probationary: { id: string };
  let exempted: { id: string };
  let left: { id: string };
  let provinceDoc: { id: string; title: string };
  let siblingDoc: { id: string };
  let draftDoc: { id: string };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'meetings-'));
    t = await createTestApp({ DATA_DIR: dataDir });
    tree = await createTree(t.db);
    secretaryA = (await login(t.http, await createUser(t.db, 'secretary', tree.branchA))).accessToken;
    secretaryB = await tokenFor(t, 'secretary', tree.branchB);
    districtA = await tokenFor(t, 'committee_admin', tree.districtA);
    districtB = await tokenFor(t, 'committee_admin', tree.districtB);
    province = await tokenFor(t, 'committee_admin', tree.province);
    official = await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn Chính' });
    probationary = await createMember(t.db, tree.branchA, { fullName: 'Lê Thị Dự', status: 'probationary', officialAt: null });
    exempted = await createMember(t.db, tree.branchA, {
      fullName: 'Phạm Văn Miễn',
      exempted: true,
      exemptedAt: '2020-01-01',
      exemptedReason: 'Tuổi cao, sức yếu',
    });
    left = await createMember(t.db, tree.branchA, { fullName: 'Trần Văn Đi', endState: 'resigned', endedAt: '2024-01-01' });
    provinceDoc = await createDocument(t.db, tree.province);
    await t
      .http()
      .post(`/api/documents/${provinceDoc.id}/file`)
      .set(auth(province))
      .attach('file', pdfBytes('Nghi quyet Tinh uy'), { filename: 'nghi-quyet.pdf', contentType: 'application/pdf' })
      .expect(200);
    siblingDoc = await createDocument(t.db, tree.districtB);
    draftDoc = await createDocument(t.db, tree.districtA, { status: 'draft' });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const create = (token: string, body: object) => t.http().post('/api/meetings').set(auth(token)).send(body);
  const get = (token: string, id: string) => t.http().get(`/api/meetings/${id}`).set(auth(token));
  const act = (token: string, id: string, action: string, body: object = {}) =>
    t.http().post(`/api/meetings/${id}/${action}`).set(auth(token)).send(body);
  const meetingCount = () => t.db.getRepository(Meeting).count();
  const attendance = (meetingId: string) =>
    t.db.getRepository(MeetingAttendance).find({ where: { meetingId }, order: { memberId: 'ASC' } });
  const draft = (over: object = {}) =>
    create(secretaryA, {
      committeeId: tree.branchA.id,
      kind: 'thematic',
      month: monthFromNow(1),
      title: 'Sinh hoạt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      startsAt: inDays(10),
      place: 'Nhà văn hóa xóm Đồng Kè',
      ...over,
    });

  describe('drafts and the agenda', () => {
    it('drafts a meeting with an agenda whose documents come from the library, and audits it', async () => {
      const res = await draft({
        agenda: [
          { title: 'Quán triệt nghị quyết của Tỉnh ủy', presenterMemberId: official.id, documentIds: [provinceDoc.id, provinceDoc.id] },
          { title: 'Thảo luận', presenterName: 'Đồng chí Bí thư Đảng ủy xã' },
        ],
      }).expect(201);
      expect(res.body).toMatchObject({
        committeeId: tree.branchA.id,
        committeeName: 'Chi bộ xóm Đồng Kè',
        kind: 'thematic',
        month: monthFromNow(1),
        status: 'draft',
        late: false,
        scheduledAt: null,
        counts: { invited: 0, present: 0, excused: 0, pendingExcuses: 0, comments: 0 },
      });
      expect(res.body.agenda).toHaveLength(2);
      expect(res.body.agenda[0]).toMatchObject({ position: 1, title: 'Quán triệt nghị quyết của Tỉnh ủy', presenterMemberId: official.id });
      expect(res.body.agenda[0].attachments).toEqual([
        expect.objectContaining({ documentId: provinceDoc.id, storedFileId: null, title: provinceDoc.title }),
      ]);
      expect(res.body.agenda[1]).toMatchObject({ position: 2, presenterName: 'Đồng chí Bí thư Đảng ủy xã', attachments: [] });
      expect((await get(secretaryA, res.body.id).expect(200)).body).toEqual(res.body);
      const log = await t
        .http()
        .get(`/api/audit-log?filter=${enc({ entityType: 'meeting', entityId: res.body.id })}`)
        .set(auth(province))
        .expect(200);
      expect(log.body.map((e: { action: string }) => e.action)).toEqual(['meeting.create']);
    });

    it('refuses documents the branch may not read (a sibling district’s, a draft) and stores nothing', async () => {
      const before = await meetingCount();
      const res = await draft({
        agenda: [
          { title: 'A', documentIds: [siblingDoc.id] },
          { title: 'B', documentIds: [draftDoc.id] },
        ],
      }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.errors).sort()).toEqual(['agenda.0.documentIds', 'agenda.1.documentIds']);
      expect(await meetingCount()).toBe(before);
    });

    it('refuses a presenter who is not a current member of the branch', async () => {
      const res = await draft({ agenda: [{ title: 'A', presenterMemberId: left.id }] }).expect(400);
      expect(res.body.errors).toHaveProperty(['agenda.0.presenterMemberId']);
    });

    it('holds meetings only in branches and grassroots committees', async () => {
      const before = await meetingCount();
      const res = await create(districtA, { committeeId: tree.districtA.id, kind: 'regular', month: monthFromNow(1), title: 'Họp' }).expect(
        400,
      );
      expect(res.body.code).toBe('MEETING_COMMITTEE_NOT_MEMBER_HOLDING');
      await create(districtA, {
        committeeId: tree.grassA.id,
        kind: 'extraordinary',
        month: monthFromNow(1),
        title: 'Họp bất thường',
      }).expect(201);
      expect(await meetingCount()).toBe(before + 1);
    });

    it('refuses an end before the start', async () => {
      const res = await draft({ startsAt: inDays(3), endsAt: inDays(2) }).expect(400);
      expect(res.body.errors).toHaveProperty('endsAt');
    });

    it('keeps one regular meeting per month: a second is 409 until the first is cancelled', async () => {
      const month = monthFromNow(5);
      const first = await draft({ kind: 'regular', month }).expect(201);
      const second = await draft({ kind: 'regular', month }).expect(409);
      expect(second.body.code).toBe('MEETING_REGULAR_EXISTS');
      await act(secretaryA, first.body.id, 'cancel', { reason: 'Lập lại kế hoạch' }).expect(200);
      await draft({ kind: 'regular', month }).expect(201);
    });
  });

  describe('scheduling', () => {
    it('refuses a start in the past with MEETING_IN_PAST and changes nothing', async () => {
      const m = await draft({ startsAt: inDays(-1) }).expect(201);
      const res = await act(secretaryA, m.body.id, 'schedule').expect(400);
      expect(res.body.code).toBe('MEETING_IN_PAST');
      expect((await get(secretaryA, m.body.id)).body).toMatchObject({ status: 'draft', scheduledAt: null });
      expect(await attendance(m.body.id)).toEqual([]);
    });

    it('refuses to schedule a draft without a start time', async () => {
      const m = await draft({ startsAt: null }).expect(201);
      const res = await act(secretaryA, m.body.id, 'schedule').expect(400);
      expect(res.body.errors).toHaveProperty('startsAt');
    });

    it('invites every current member of the branch: full members official, exempted members exempt, former members not', async () => {
      const m = await draft().expect(201);
      const res = await act(secretaryA, m.body.id, 'schedule').expect(200);
      expect(res.body).toMatchObject({ status: 'scheduled', counts: { invited: 3 } });
      expect(res.body.scheduledAt).not.toBeNull();
      expect(res.body.endsAt).not.toBeNull(); // a default duration when none was given
      const rows = await attendance(m.body.id);
      const byMember = Object.fromEntries(rows.map((r) => [r.memberId, { official: r.official, exempt: r.exempt, state: r.state }]));
      expect(byMember).toEqual({
        [official.id]: { official: true, exempt: false, state: 'invited' },
        [probationary.id]: { official: false, exempt: false, state: 'invited' },
        [exempted.id]: { official: true, exempt: true, state: 'invited' },
      });
      const log = await t
        .http()
        .get(`/api/audit-log?filter=${enc({ entityType: 'meeting', entityId: m.body.id })}`)
        .set(auth(province))
        .expect(200);
      expect(log.body[0]).toMatchObject({ action: 'meeting.schedule', details: expect.objectContaining({ invitedAdded: 3 }) });
    });

    it('marks a regular meeting late when scheduled after day 20 of the month before, by default', async () => {
      // this month's deadline (day 20 of last month) has passed; the deadline of the month after next is still ahead
      const lateOne = await draft({ kind: 'regular', month: monthFromNow(0), startsAt: inDays(1) }).expect(201);
      expect((await act(secretaryA, lateOne.body.id, 'schedule').expect(200)).body.late).toBe(true);
      const onTime = await draft({ kind: 'regular', month: monthFromNow(2), startsAt: inDays(40) }).expect(201);
      expect((await act(secretaryA, onTime.body.id, 'schedule').expect(200)).body.late).toBe(false);
      // thematic meetings have no deadline
      const thematic = await draft({ kind: 'thematic', month: monthFromNow(0), startsAt: inDays(1) }).expect(201);
      expect((await act(secretaryA, thematic.body.id, 'schedule').expect(200)).body.late).toBe(false);
    });

    it("uses the committee's own deadline day from its template, counted in Vietnam days", async () => {
      const branch = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Hạ' });
      await createMember(t.db, branch);
      // deadline: day 1 of this month (for next month's meeting): late unless today is the 1st in Vietnam
      await t.http().put(`/api/meeting-templates/${branch.id}`).set(auth(districtA)).send({ deadlineDay: 1 }).expect(200);
      const m = await create(districtA, {
        committeeId: branch.id,
        kind: 'regular',
        month: monthFromNow(1),
        title: 'Thường kỳ',
        startsAt: inDays(20),
      }).expect(201);
      const res = await act(districtA, m.body.id, 'schedule').expect(200);
      expect(res.body.late).toBe(localDate() > schedulingDeadline(monthFromNow(1), 1));
      // deadline day 28 of this month: on time unless today is the 29th or later
      const other = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Thượng' });
      await t.http().put(`/api/meeting-templates/${other.id}`).set(auth(districtA)).send({ deadlineDay: 28 }).expect(200);
      const n = await create(districtA, {
        committeeId: other.id,
        kind: 'regular',
        month: monthFromNow(1),
        title: 'Thường kỳ',
        startsAt: inDays(20),
      }).expect(201);
      expect((await act(districtA, n.body.id, 'schedule').expect(200)).body.late).toBe(
        localDate() > schedulingDeadline(monthFromNow(1), 28),
      );
    });
  });

  describe('status transitions', () => {
    it('postpones with a reason, re-schedules (inviting newcomers, keeping the rows), then cancels; refuses what the status does not allow', async () => {
      const m = await draft().expect(201);
      const id = m.body.id;
      expect((await act(secretaryA, id, 'postpone', { reason: 'Chưa lên lịch' }).expect(409)).body.code).toBe('MEETING_INVALID_TRANSITION');
      const first = await act(secretaryA, id, 'schedule').expect(200);
      expect((await act(secretaryA, id, 'schedule').expect(409)).body.code).toBe('MEETING_INVALID_TRANSITION');
      expect((await act(secretaryA, id, 'postpone', { reason: '  ' }).expect(400)).body.errors).toHaveProperty('reason');
      const postponed = await act(secretaryA, id, 'postpone', { reason: 'Trùng lịch họp Đảng ủy xã' }).expect(200);
      expect(postponed.body).toMatchObject({ status: 'postponed', statusReason: 'Trùng lịch họp Đảng ủy xã' });
      // an excuse accepted before the postponement stays; a member who joined since is invited
      await t.db.getRepository(MeetingAttendance).update({ meetingId: id, memberId: probationary.id }, { state: 'excused' });
      const newcomer = await createMember(t.db, tree.branchA, { fullName: 'Hoàng Văn Mới' });
      await t
        .http()
        .put(`/api/meetings/${id}`)
        .set(auth(secretaryA))
        .send({ startsAt: inDays(12) })
        .expect(200);
      const again = await act(secretaryA, id, 'schedule').expect(200);
      expect(again.body).toMatchObject({ status: 'scheduled', statusReason: null, counts: { invited: 4, excused: 1 } });
      // first sent on: kept (the late mark is about the first scheduling)
      expect(again.body.scheduledAt).toBe(first.body.scheduledAt);
      expect((await attendance(id)).map((r) => r.memberId)).toContain(newcomer.id);
      await t.http().delete(`/api/meetings/${id}`).set(auth(secretaryA)).expect(409);
      await act(secretaryA, id, 'cancel', { reason: 'Hủy theo chỉ đạo của Đảng ủy xã' }).expect(200);
      expect((await t.http().put(`/api/meetings/${id}`).set(auth(secretaryA)).send({ title: 'Đổi' }).expect(409)).body.code).toBe(
        'MEETING_INVALID_TRANSITION',
      );
      expect((await act(secretaryA, id, 'schedule').expect(409)).body.code).toBe('MEETING_INVALID_TRANSITION');
      expect((await get(secretaryA, id)).body).toMatchObject({ status: 'cancelled', statusReason: 'Hủy theo chỉ đạo của Đảng ủy xã' });
    });

    it('refuses to move a scheduled meeting into the past', async () => {
      const m = await draft().expect(201);
      await act(secretaryA, m.body.id, 'schedule').expect(200);
      const res = await t
        .http()
        .put(`/api/meetings/${m.body.id}`)
        .set(auth(secretaryA))
        .send({ startsAt: inDays(-1) })
        .expect(400);
      expect(res.body.code).toBe('MEETING_IN_PAST');
    });

    it('deletes a draft and answers it as it was', async () => {
      const m = await draft().expect(201);
      const res = await t.http().delete(`/api/meetings/${m.body.id}`).set(auth(secretaryA)).expect(200);
      expect(res.body).toMatchObject({ id: m.body.id, status: 'draft' });
      await get(secretaryA, m.body.id).expect(404);
    });
  });

  describe('scope', () => {
    it("answers 404 for a sibling's meeting and lists none of it", async () => {
      const m = await draft().expect(201);
      for (const token of [districtB, secretaryB]) {
        expect((await get(token, m.body.id).expect(404)).body.code).toBe('NOT_FOUND');
        await act(token, m.body.id, 'schedule').expect(404);
        await t.http().put(`/api/meetings/${m.body.id}`).set(auth(token)).send({ title: 'Đổi' }).expect(404);
        const list = await t
          .http()
          .get(`/api/meetings?range=${enc([0, 499])}`)
          .set(auth(token))
          .expect(200);
        expect(list.body.map((x: { id: string }) => x.id)).not.toContain(m.body.id);
      }
      const own = await t
        .http()
        .get(`/api/meetings?filter=${enc({ committeeId: tree.grassA.id, month: monthFromNow(1) })}&range=${enc([0, 499])}`)
        .set(auth(districtA))
        .expect(200);
      expect(own.body.map((x: { id: string }) => x.id)).toContain(m.body.id);
      expect(own.headers['content-range']).toMatch(/^meetings 0-\d+\/\d+$/);
      expect((await get(secretaryA, m.body.id)).body.title).toBe(m.body.title);
      // a secretary cannot draft for another branch
      expect(
        (await create(secretaryA, { committeeId: tree.branchB.id, kind: 'regular', month: monthFromNow(1), title: 'X' }).expect(400)).body
          .errors,
      ).toHaveProperty('committeeId');
    });
  });

  describe('the library an agenda attaches from', () => {
    const titles = (res: { body: { title: string }[] }) => res.body.map((d) => d.title);

    it('lists for a secretary the published documents of the branch and the committees above, and nothing else', async () => {
      const own = await createDocument(t.db, tree.branchA, { title: 'Kế hoạch của chi bộ' });
      const res = await t.http().get('/api/meetings/library').set(auth(secretaryA)).expect(200);
      expect(titles(res)).toEqual(expect.arrayContaining([provinceDoc.title, own.title]));
      const ids = res.body.map((d: { id: string }) => d.id);
      expect(ids).not.toContain(siblingDoc.id); // another district's
      expect(ids).not.toContain(draftDoc.id); // a draft
      expect(res.headers['content-range']).toMatch(/^meetings\/library 0-\d+\/\d+$/);
      // the dashboard's search and its getMany of the picked ids
      const q = await t
        .http()
        .get('/api/meetings/library')
        .query({ filter: JSON.stringify({ q: 'ke hoach cua chi bo' }) })
        .set(auth(secretaryA))
        .expect(200);
      expect(titles(q)).toEqual([own.title]);
      const many = await t
        .http()
        .get('/api/meetings/library')
        .query({ filter: JSON.stringify({ id: [provinceDoc.id, siblingDoc.id] }) })
        .set(auth(secretaryA))
        .expect(200);
      expect(many.body.map((d: { id: string }) => d.id)).toEqual([provinceDoc.id]);
    });

    it('takes the chain of a committee in the caller’s scope, and refuses one outside it', async () => {
      const forBranchB = await t
        .http()
        .get('/api/meetings/library')
        .query({ filter: JSON.stringify({ committeeId: tree.branchB.id }) })
        .set(auth(districtB))
        .expect(200);
      expect(forBranchB.body.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([provinceDoc.id, siblingDoc.id]));
      const outside = await t
        .http()
        .get('/api/meetings/library')
        .query({ filter: JSON.stringify({ committeeId: tree.branchB.id }) })
        .set(auth(secretaryA))
        .expect(400);
      expect(outside.body.errors).toEqual({ committeeId: 'committee not found' });
      await t
        .http()
        .get('/api/meetings/library')
        .query({ filter: JSON.stringify({ committeeId: 'x' }) })
        .set(auth(secretaryA))
        .expect(400, /INVALID_LIST_QUERY/);
      // a national admin has no committee of their own: nothing until they name one
      const nationalAdmin = await tokenFor(t, 'admin', null);
      const none = await t.http().get('/api/meetings/library').set(auth(nationalAdmin)).expect(200);
      expect(none.body).toEqual([]);
    });
  });

  describe('agenda attachments', () => {
    it('uploads a paper for an agenda item, serves it, keeps it across an agenda edit, releases it when its item goes', async () => {
      const m = await draft({ agenda: [{ title: 'Báo cáo tình hình tháng' }, { title: 'Phương hướng tháng tới' }] }).expect(201);
      const [item1, item2] = m.body.agenda;
      const bytes = pdfBytes('Bao cao thang');
      const up = await t
        .http()
        .post(`/api/meetings/${m.body.id}/agenda/${item1.id}/attachments`)
        .set(auth(secretaryA))
        .attach('file', bytes, { filename: 'bao-cao-thang.pdf', contentType: 'application/pdf' })
        .expect(201);
      expect(up.body).toMatchObject({
        title: 'bao-cao-thang.pdf',
        documentId: null,
        url: `/api/meetings/${m.body.id}/attachments/${up.body.id}/file`,
      });
      const file = await t.http().get(up.body.url).set(auth(secretaryA)).buffer(true).parse(binary).expect(200);
      expect(sha(file.body)).toBe(sha(bytes));
      await t.http().get(up.body.url).set(auth(districtB)).expect(404);
      // an executable renamed .pdf is refused by its bytes
      const bad = await t
        .http()
        .post(`/api/meetings/${m.body.id}/agenda/${item1.id}/attachments`)
        .set(auth(secretaryA))
        .attach('file', elfExecutableBytes(), { filename: 'x.pdf', contentType: 'application/pdf' })
        .expect(415);
      expect(bad.body.code).toBe('UNSUPPORTED_FILE_TYPE');
      // an item that is not on this meeting's agenda is a 404
      await t
        .http()
        .post(`/api/meetings/${m.body.id}/agenda/${randomUUID()}/attachments`)
        .set(auth(secretaryA))
        .attach('file', bytes, { filename: 'a.pdf', contentType: 'application/pdf' })
        .expect(404);
      // the agenda is edited: item 1 kept by its id (with a library document added), item 2 dropped
      const edited = await t
        .http()
        .put(`/api/meetings/${m.body.id}`)
        .set(auth(secretaryA))
        .send({
          agenda: [
            { title: 'Mới', documentIds: [provinceDoc.id] },
            { id: item1.id, title: 'Báo cáo tình hình tháng (sửa)' },
          ],
        })
        .expect(200);
      expect(edited.body.agenda.map((i: { title: string; position: number }) => [i.position, i.title])).toEqual([
        [1, 'Mới'],
        [2, 'Báo cáo tình hình tháng (sửa)'],
      ]);
      expect(edited.body.agenda[1]).toMatchObject({ id: item1.id, attachments: [expect.objectContaining({ id: up.body.id })] });
      expect(edited.body.agenda[0].attachments).toEqual([expect.objectContaining({ documentId: provinceDoc.id })]);
      const libraryFile = await t
        .http()
        .get(edited.body.agenda[0].attachments[0].url)
        .set(auth(secretaryA))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(libraryFile.headers['content-type']).toBe('application/pdf');
      // a library document a meeting sends ahead is not deleted from under it
      const held = await t.http().delete(`/api/documents/${provinceDoc.id}`).set(auth(province)).expect(409);
      expect(held.body.code).toBe('DOCUMENT_IN_USE');
      await t.http().get(`/api/documents/${provinceDoc.id}`).set(auth(province)).expect(200);
      // an id that is not an item of this meeting is refused
      await t
        .http()
        .put(`/api/meetings/${m.body.id}`)
        .set(auth(secretaryA))
        .send({ agenda: [{ id: item2.id, title: 'Đã xóa' }] })
        .expect(400);
      // dropping the item with the upload releases its stored file
      const fileRows = () => t.db.query(`SELECT count(*)::int AS n FROM stored_files WHERE sha256 = $1`, [sha(bytes)]);
      expect((await fileRows())[0].n).toBe(1);
      await t.http().put(`/api/meetings/${m.body.id}`).set(auth(secretaryA)).send({ agenda: [] }).expect(200);
      expect((await fileRows())[0].n).toBe(0);
    });

    it('refuses to drop an agenda item members have commented on', async () => {
      const m = await draft({ agenda: [{ title: 'Góp ý dự thảo' }] }).expect(201);
      await act(secretaryA, m.body.id, 'schedule').expect(200);
      await t.db.query(`INSERT INTO meeting_comments (meeting_id, agenda_item_id, member_id, body) VALUES ($1, $2, $3, 'Tôi đồng ý')`, [
        m.body.id,
        m.body.agenda[0].id,
        official.id,
      ]);
      const res = await t
        .http()
        .put(`/api/meetings/${m.body.id}`)
        .set(auth(secretaryA))
        .send({ agenda: [{ title: 'Khác' }] })
        .expect(409);
      expect(res.body.code).toBe('MEETING_AGENDA_ITEM_HAS_COMMENTS');
      const kept = await t
        .http()
        .put(`/api/meetings/${m.body.id}`)
        .set(auth(secretaryA))
        .send({ agenda: [{ id: m.body.agenda[0].id, title: 'Góp ý dự thảo (sửa)' }] })
        .expect(200);
      expect(kept.body.counts.comments).toBe(1);
    });
  });

  describe('guidance', () => {
    let guidanceId: string;

    it('is written by a committee, invisible below until published, then fixed', async () => {
      const g = await t
        .http()
        .post('/api/meeting-guidance')
        .set(auth(province))
        .send({
          committeeId: tree.province.id,
          month: monthFromNow(3),
          title: 'Định hướng nội dung sinh hoạt chi bộ',
          topics: [{ title: 'Học tập nghị quyết', documentIds: [provinceDoc.id] }, { title: 'Công tác phát triển đảng viên' }],
        })
        .expect(201);
      guidanceId = g.body.id;
      expect(g.body).toMatchObject({ committeeId: tree.province.id, month: monthFromNow(3), publishedAt: null });
      await t.http().get(`/api/meeting-guidance/${guidanceId}`).set(auth(secretaryA)).expect(404);
      const hidden = await t
        .http()
        .get(`/api/meeting-guidance?range=${enc([0, 499])}`)
        .set(auth(districtA))
        .expect(200);
      expect(hidden.body.map((x: { id: string }) => x.id)).not.toContain(guidanceId);
      // a branch cannot adopt unpublished guidance
      expect((await draft({ guidanceId }).expect(400)).body.errors).toHaveProperty('guidanceId');
      await t.http().put(`/api/meeting-guidance/${guidanceId}`).set(auth(province)).send({ title: 'Định hướng tháng' }).expect(200);
      await t.http().post(`/api/meeting-guidance/${guidanceId}/publish`).set(auth(province)).expect(200);
      for (const token of [secretaryA, districtA, districtB]) {
        const seen = await t
          .http()
          .get(`/api/meeting-guidance?range=${enc([0, 499])}`)
          .set(auth(token))
          .expect(200);
        expect(seen.body.map((x: { id: string }) => x.id)).toContain(guidanceId);
        await t.http().get(`/api/meeting-guidance/${guidanceId}`).set(auth(token)).expect(200);
      }
      expect(
        (await t.http().put(`/api/meeting-guidance/${guidanceId}`).set(auth(province)).send({ title: 'Sửa' }).expect(409)).body.code,
      ).toBe('MEETING_GUIDANCE_PUBLISHED');
      expect((await t.http().delete(`/api/meeting-guidance/${guidanceId}`).set(auth(province)).expect(409)).body.code).toBe(
        'MEETING_GUIDANCE_PUBLISHED',
      );
      expect((await t.http().post(`/api/meeting-guidance/${guidanceId}/publish`).set(auth(province)).expect(409)).body.code).toBe(
        'MEETING_GUIDANCE_PUBLISHED',
      );
      // those below read it but do not change it
      await t.http().put(`/api/meeting-guidance/${guidanceId}`).set(auth(districtA)).send({ title: 'Sửa' }).expect(404);
    });

    it("does not show a district's guidance to a sibling district, drafts or published", async () => {
      const g = await t
        .http()
        .post('/api/meeting-guidance')
        .set(auth(districtA))
        .send({
          committeeId: tree.districtA.id,
          month: monthFromNow(3),
          title: 'Định hướng của Huyện ủy',
          topics: [{ title: 'Chuyển đổi số' }],
        })
        .expect(201);
      await t.http().get(`/api/meeting-guidance/${g.body.id}`).set(auth(secretaryA)).expect(404);
      await t.http().post(`/api/meeting-guidance/${g.body.id}/publish`).set(auth(districtA)).expect(200);
      await t.http().get(`/api/meeting-guidance/${g.body.id}`).set(auth(secretaryA)).expect(200);
      await t.http().get(`/api/meeting-guidance/${g.body.id}`).set(auth(districtB)).expect(404);
      await t.http().get(`/api/meeting-guidance/${g.body.id}`).set(auth(secretaryB)).expect(404);
      // unpublished guidance can be deleted
      const d = await t
        .http()
        .post('/api/meeting-guidance')
        .set(auth(districtA))
        .send({ committeeId: tree.districtA.id, month: monthFromNow(4), title: 'Nháp', topics: [] })
        .expect(201);
      await t.http().delete(`/api/meeting-guidance/${d.body.id}`).set(auth(districtA)).expect(200);
      await t.http().get(`/api/meeting-guidance/${d.body.id}`).set(auth(districtA)).expect(404);
      // a topic document the subtree may not read is refused
      const bad = await t
        .http()
        .post('/api/meeting-guidance')
        .set(auth(districtA))
        .send({
          committeeId: tree.districtA.id,
          month: monthFromNow(4),
          title: 'X',
          topics: [{ title: 'Y', documentIds: [siblingDoc.id] }],
        })
        .expect(400);
      expect(bad.body.errors).toHaveProperty(['topics.0.documentIds']);
    });

    it('drafts the month from the template with the guidance topics appended', async () => {
      const month = monthFromNow(3);
      const defaults = await t.http().get(`/api/meeting-templates/${tree.branchA.id}`).set(auth(secretaryA)).expect(200);
      expect(defaults.body).toMatchObject({ saved: false, dayOfMonth: 5, startTime: '14:00', deadlineDay: 20, agenda: [] });
      const saved = await t
        .http()
        .put(`/api/meeting-templates/${tree.branchA.id}`)
        .set(auth(secretaryA))
        .send({
          title: 'Sinh hoạt chi bộ thường kỳ',
          dayOfMonth: 8,
          startTime: '19:30',
          durationMinutes: 90,
          place: 'Nhà văn hóa xóm',
          agenda: [{ title: 'Đánh giá kết quả tháng trước', presenterMemberId: official.id }],
        })
        .expect(200);
      expect(saved.body).toMatchObject({ saved: true, dayOfMonth: 8, startTime: '19:30', durationMinutes: 90, deadlineDay: 20 });
      // the branch's own secretary does not move its deadline
      const own = await t
        .http()
        .put(`/api/meeting-templates/${tree.branchA.id}`)
        .set(auth(secretaryA))
        .send({ deadlineDay: 28 })
        .expect(403);
      expect(own.body.code).toBe('FORBIDDEN');
      const res = await t
        .http()
        .post(`/api/meeting-templates/${tree.branchA.id}/drafts`)
        .set(auth(secretaryA))
        .send({ month, guidanceId })
        .expect(201);
      expect(res.body).toMatchObject({
        kind: 'regular',
        status: 'draft',
        month,
        title: `Sinh hoạt chi bộ thường kỳ tháng ${month.slice(5)}/${month.slice(0, 4)}`,
        place: 'Nhà văn hóa xóm',
        guidanceId,
        // 19:30 in Vietnam is 12:30 UTC
        startsAt: `${month}-08T12:30:00.000Z`,
        endsAt: `${month}-08T14:00:00.000Z`,
      });
      expect(res.body.agenda.map((i: { title: string }) => i.title)).toEqual([
        'Đánh giá kết quả tháng trước',
        'Học tập nghị quyết',
        'Công tác phát triển đảng viên',
      ]);
      expect(res.body.agenda[0].presenterMemberId).toBe(official.id);
      expect(res.body.agenda[1].attachments).toEqual([expect.objectContaining({ documentId: provinceDoc.id })]);
      const again = await t
        .http()
        .post(`/api/meeting-templates/${tree.branchA.id}/drafts`)
        .set(auth(secretaryA))
        .send({ month })
        .expect(409);
      expect(again.body.code).toBe('MEETING_REGULAR_EXISTS');
    });

    it("scopes templates to the caller's branches that hold members", async () => {
      await t.http().get(`/api/meeting-templates/${tree.branchB.id}`).set(auth(secretaryA)).expect(404);
      await t.http().put(`/api/meeting-templates/${tree.branchB.id}`).set(auth(districtA)).send({ dayOfMonth: 3 }).expect(404);
      await t
        .http()
        .post(`/api/meeting-templates/${tree.branchB.id}/drafts`)
        .set(auth(districtA))
        .send({ month: monthFromNow(1) })
        .expect(404);
      expect((await t.http().get(`/api/meeting-templates/${tree.districtA.id}`).set(auth(districtA)).expect(400)).body.code).toBe(
        'MEETING_COMMITTEE_NOT_MEMBER_HOLDING',
      );
      expect(
        (await t.http().put(`/api/meeting-templates/${tree.branchA.id}`).set(auth(districtA)).send({ deadlineDay: 29 }).expect(400)).body
          .errors,
      ).toHaveProperty('deadlineDay');
    });
  });

  describe('the committee tree', () => {
    let source: Committee;
    let target: Committee;

    it('refuses to delete a committee that holds meetings, and moves them on a merge (keeping the target’s template)', async () => {
      const admin = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
      source = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Cũ' });
      target = await createCommittee(t.db, { parent: tree.grassA, name: 'Chi bộ xóm Mới' });
      const m = await create(districtA, { committeeId: source.id, kind: 'regular', month: monthFromNow(1), title: 'Thường kỳ' }).expect(
        201,
      );
      await t.http().put(`/api/meeting-templates/${source.id}`).set(auth(districtA)).send({ dayOfMonth: 2 }).expect(200);
      await t.http().put(`/api/meeting-templates/${target.id}`).set(auth(districtA)).send({ dayOfMonth: 9 }).expect(200);
      const refused = await t.http().delete(`/api/committees/${source.id}`).set(auth(admin)).expect(409);
      expect(refused.body.code).toBe('COMMITTEE_NOT_EMPTY');
      expect(refused.body.message).toContain('meetings');
      await t.http().post(`/api/committees/${source.id}/merge`).set(auth(admin)).send({ targetId: target.id }).expect(200);
      expect((await get(districtA, m.body.id).expect(200)).body.committeeId).toBe(target.id);
      expect((await t.http().get(`/api/meeting-templates/${target.id}`).set(auth(districtA)).expect(200)).body.dayOfMonth).toBe(9);
      const rows = await t.db.query(`SELECT count(*)::int AS n FROM meeting_templates WHERE committee_id = $1`, [source.id]);
      expect(rows[0].n).toBe(0);
    });
  });
});
