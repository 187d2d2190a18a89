import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { Faq } from '../../src/faq/faq.entity.js';
import { UnansweredQuestion } from '../../src/faq/unanswered-question.entity.js';
import { CorrectionRequest } from '../../src/self-service/correction-request.entity.js';
import { MemberIdentityConflict } from '../../src/members/member-identity-conflict.entity.js';
import { Training } from '../../src/trainings/training.entity.js';
import { createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createDocument } from '../factories/content.js';
import { createSurvey } from '../factories/surveys.js';
import { createMeeting } from '../factories/meetings.js';
import { Meeting } from '../../src/meetings/entities/meeting.entity.js';
import { MeetingTask } from '../../src/meetings/entities/meeting-task.entity.js';
import { MeetingGuidance } from '../../src/meetings/entities/meeting-guidance.entity.js';
import { MeetingComment } from '../../src/meetings/entities/meeting-comment.entity.js';
import { MeetingExcuse } from '../../src/meetings/entities/meeting-excuse.entity.js';
import { Notification } from '../../src/notifications/notification.entity.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Calls every operation of the committed OpenAPI document (which another test keeps equal to the
 * code), so a route added by any module is swept the day it appears.
 */
const PUBLIC_OPERATIONS = new Set(['login', 'refreshToken', 'getHealth']);
/** Operations a member of the mobile app may call; every other non-public one is staff-only. */
// `/api/me` and below only: a bare prefix test would also match `/api/members...` and skip the staff routes.
const isMemberOperation = (path: string) => path.startsWith('/api/auth/') || path === '/api/me' || path.startsWith('/api/me/');
/**
 * Member operations outside `/api/me`, by operationId: asking the FAQ is for members and staff alike;
 * answering a survey (`POST /api/surveys/{id}/responses`, the address; the mobile app also has
 * it under /api/me) is for members only, so a staff token gets 403 there, not a scope 404.
 */
const MEMBER_OPERATIONS = new Set(['answerFaq', 'submitSurveyResponse']);

const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8'));
const operations = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  ['get', 'post', 'put', 'patch', 'delete']
    .filter((m) => item[m])
    .map((method) => ({ method, path, id: item[method].operationId as string })),
);

/**
 * For every `{id}` route of a committee-scoped resource: how to make a record that belongs to the
 * tree of district A (the caller is scoped to district B), and a body that passes validation.
 * A new scoped `{id}` route without an entry here fails the sweep until one is added.
 */
type Ctx = Awaited<ReturnType<typeof createTree>> & {
  memberA: { id: string };
  conflictA: { id: string };
  correctionA: { id: string };
  secretaryA: { id: string };
  trainingA: { id: string };
} & { newsA: { id: string; title: string } } & { documentA: { id: string } } & { faqA: { id: string }; unansweredA: { id: string } } & {
  surveyA: { id: string; title: string };
} & {
  meetingA: { id: string };
  excuseA: { id: string };
  commentA: { id: string };
  heldMeetingA: { id: string };
  meetingTaskA: { id: string };
  draftMeetingA: { id: string };
  guidanceA: { id: string };
  bulletinA: { id: string };
};
/** `params`: values of the path's other parameters (`{excuseId}`...), records of district A too. */
const SCOPED: Record<string, { id: (c: Ctx) => string | number; body?: (c: Ctx) => object; params?: (c: Ctx) => Record<string, string> }> =
  {
    '/api/committees/{id}': { id: (c) => c.grassA.id, body: () => ({ name: 'Đổi tên' }) },
    '/api/members/{id}': { id: (c) => c.memberA.id, body: () => ({ fullName: 'Đổi tên' }) },
    '/api/members/{id}/transfer': { id: (c) => c.memberA.id, body: (c) => ({ committeeId: c.branchB.id }) },
    '/api/members/{id}/transfers': { id: (c) => c.memberA.id },
    '/api/corrections/{id}': { id: (c) => c.correctionA.id },
    '/api/corrections/{id}/approve': { id: (c) => c.correctionA.id, body: () => ({ note: 'Đồng ý' }) },
    '/api/corrections/{id}/reject': { id: (c) => c.correctionA.id, body: () => ({ note: 'Không đồng ý' }) },
    '/api/users/{id}': { id: (c) => c.secretaryA.id, body: () => ({ fullName: 'Đổi tên' }) },
    '/api/users/{id}/reset-password': { id: (c) => c.secretaryA.id },
    '/api/users/{id}/unlock': { id: (c) => c.secretaryA.id },
    '/api/members/{id}/account': { id: (c) => c.memberA.id, body: () => ({}) },
    '/api/committees/{id}/phase-history': { id: (c) => c.grassA.id },
    '/api/committees/{id}/phase': { id: (c) => c.grassA.id, body: () => ({ phase: 'live', applyToSubtree: true }) },
    // the target lies in the caller's own district: only the source is out of scope
    '/api/committees/{id}/merge': { id: (c) => c.grassA.id, body: (c) => ({ targetId: c.grassB.id }) },
    '/api/trainings/{id}': { id: (c) => c.trainingA.id, body: () => ({ attendees: 10 }) },
    '/api/news/{id}': { id: (c) => c.newsA.id, body: () => ({ title: 'Đổi tiêu đề' }) },
    '/api/documents/{id}': { id: (c) => c.documentA.id, body: () => ({ title: 'Đổi tiêu đề' }) },
    // POST sends JSON, not a file: the scope check comes first, so it is a 404 all the same
    '/api/documents/{id}/file': { id: (c) => c.documentA.id },
    '/api/faqs/{id}': { id: (c) => c.faqA.id, body: () => ({ question: 'Đổi câu hỏi' }) },
    '/api/faqs/unanswered/{id}/convert': {
      id: (c) => c.unansweredA.id,
      body: (c) => ({ answer: 'Trả lời', category: 'Khác', committeeId: c.districtB.id }),
    },
    '/api/faqs/unanswered/{id}/dismiss': { id: (c) => c.unansweredA.id },
    '/api/faqs/unanswered/{id}/link': { id: (c) => c.unansweredA.id, body: (c) => ({ faqId: c.faqA.id }) },
    '/api/surveys/{id}': {
      id: (c) => c.surveyA.id,
      body: (c) => ({ title: 'Đổi tiêu đề', kind: 'survey', committeeId: c.districtB.id, questions: [] }),
    },
    '/api/surveys/{id}/open': { id: (c) => c.surveyA.id },
    '/api/surveys/{id}/close': { id: (c) => c.surveyA.id },
    '/api/surveys/{id}/results': { id: (c) => c.surveyA.id },
    '/api/surveys/{id}/results/export': { id: (c) => c.surveyA.id },
    '/api/member-identity-conflicts/{id}': { id: (c) => c.conflictA.id },
    '/api/member-identity-conflicts/{id}/resolve': { id: (c) => c.conflictA.id, body: () => ({ outcome: 'keep_existing' }) },
    // meetings: attendance and votes (the meeting is branch A's; {memberId}/{motionId} are never reached)
    '/api/meetings/{id}/start': { id: (c) => c.meetingA.id },
    '/api/meetings/{id}/close': { id: (c) => c.meetingA.id },
    '/api/meetings/{id}/check-in-code': { id: (c) => c.meetingA.id },
    '/api/meetings/{id}/attendance': { id: (c) => c.meetingA.id },
    '/api/meetings/{id}/attendance/{memberId}': { id: (c) => c.meetingA.id, body: () => ({ state: 'present' }) },
    '/api/meetings/{id}/motions': { id: (c) => c.meetingA.id, body: () => ({ title: 'Biểu quyết', secret: false }) },
    '/api/meetings/{id}/motions/{motionId}/close': { id: (c) => c.meetingA.id },
    '/api/members/{id}/attendance': { id: (c) => c.memberA.id },
    // planning: a draft meeting of branch A, guidance written (unpublished) by district A
    '/api/meetings/{id}': { id: (c) => c.draftMeetingA.id, body: () => ({ title: 'Đổi tiêu đề' }) },
    '/api/meetings/{id}/schedule': { id: (c) => c.draftMeetingA.id },
    '/api/meetings/{id}/postpone': { id: (c) => c.draftMeetingA.id, body: () => ({ reason: 'Hoãn' }) },
    '/api/meetings/{id}/cancel': { id: (c) => c.draftMeetingA.id, body: () => ({ reason: 'Hủy' }) },
    // the meeting's scope is checked before the item, the attachment or the (here JSON) body
    '/api/meetings/{id}/agenda/{itemId}/attachments': { id: (c) => c.draftMeetingA.id },
    '/api/meetings/{id}/attachments/{attachmentId}/file': { id: (c) => c.draftMeetingA.id },
    '/api/meeting-guidance/{id}': { id: (c) => c.guidanceA.id, body: () => ({ title: 'Đổi tiêu đề' }) },
    '/api/meeting-guidance/{id}/publish': { id: (c) => c.guidanceA.id },
    // a scheduled bulletin to district A
    '/api/bulletins/{id}': { id: (c) => c.bulletinA.id },
    // the push report of that bulletin (its audience is district A: neither in district B's scope nor above it)
    '/api/notifications/{id}/report': { id: (c) => c.bulletinA.id },
    // minutes and tasks: a held meeting of branch A (the scope check comes before the status check)
    '/api/meetings/{id}/minutes': { id: (c) => c.heldMeetingA.id, body: () => ({ summary: 'Tóm tắt', conclusions: 'Kết luận' }) },
    '/api/meetings/{id}/minutes/lock': { id: (c) => c.heldMeetingA.id },
    '/api/meetings/{id}/minutes/addenda': { id: (c) => c.heldMeetingA.id, body: () => ({ body: 'Đính chính' }) },
    '/api/meetings/{id}/minutes.pdf': { id: (c) => c.heldMeetingA.id },
    '/api/meetings/{id}/tasks': { id: (c) => c.heldMeetingA.id, body: () => ({ title: 'Nhiệm vụ' }) },
    '/api/meetings/{id}/tasks/{taskId}': {
      id: (c) => c.heldMeetingA.id,
      params: (c) => ({ taskId: c.meetingTaskA.id }),
      body: () => ({ title: 'Đổi tên nhiệm vụ' }),
    },
    // meetings: before the meeting
    '/api/meetings/{id}/excuses': { id: (c) => c.meetingA.id },
    '/api/meetings/{id}/excuses/{excuseId}/decision': {
      id: (c) => c.meetingA.id,
      params: (c) => ({ excuseId: c.excuseA.id }),
      body: () => ({ accepted: true }),
    },
    '/api/meetings/{id}/comments': { id: (c) => c.meetingA.id },
    '/api/meetings/{id}/comments/{commentId}/hide': {
      id: (c) => c.meetingA.id,
      params: (c) => ({ commentId: c.commentA.id }),
      body: () => ({ reason: 'Ẩn' }),
    },
  };

/**
 * For every staff list operation (an admin list: Content-Range): a value that only a record of
 * district A shows (its id or name). The admin sees it; a staff token of district B must not, on the
 * default page or when asking for the record by id. A new list route without an entry here fails
 * the sweep until one is added, and it fails if the route lists outside the caller's scope. A list that
 * answers for one committee names it in `filter` (the same for both tokens: district B's is refused).
 */
type ListMarker = string | { value: string; filter: Record<string, unknown> };
const LIST_SCOPED: Record<string, (c: Ctx & { auditA: string }) => ListMarker> = {
  listCommittees: (c) => c.grassA.name,
  listMembers: (c) => c.memberA.id,
  listCorrections: (c) => c.correctionA.id,
  listUsers: (c) => c.secretaryA.id,
  listTrainings: (c) => c.trainingA.id,
  listNews: (c) => c.newsA.id,
  listDocuments: (c) => c.documentA.id,
  listMeetingLibrary: (c) => ({ value: c.documentA.id, filter: { committeeId: c.grassA.id } }),
  listFaqs: (c) => c.faqA.id,
  listUnansweredQuestions: (c) => c.unansweredA.id,
  listSurveys: (c) => c.surveyA.id,
  listIdentityConflicts: (c) => c.conflictA.id,
  listAuditLog: (c) => c.auditA,
  listMeetingTasks: (c) => c.meetingTaskA.id,
  listMeetings: (c) => c.draftMeetingA.id,
  listMeetingGuidance: (c) => c.guidanceA.id,
  listBulletins: (c) => c.bulletinA.id,
  // a push to member A's device that failed for good
  listPushDeadLetters: (c) => c.bulletinA.id,
  // no meeting held this month: every unit of the tree is listed, branch A among them
  listUnitsWithoutMeeting: (c) => c.branchA.name,
};

function call(t: TestApp, method: string, path: string, token?: string, body?: object) {
  const req = (t.http() as any)[method](path.replace(/\{[^}]+\}/g, '1'));
  if (token) req.set('Authorization', `Bearer ${token}`);
  return method === 'get' || method === 'delete' ? req : req.send(body ?? {});
}

describe('authorization sweep over every documented operation', () => {
  let t: TestApp;
  let tree: Ctx;
  let memberToken: string;
  let siblingToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const base = await createTree(t.db);
    const memberA = await createMember(t.db, base.branchA);
    // a member of branch A asking to correct their phone number
    const correctionA = await t.db.getRepository(CorrectionRequest).save({
      memberId: memberA.id,
      committeeId: base.branchA.id,
      changes: { phone: '0912345678' },
      reason: 'Số điện thoại mới',
    });
    // a secretary account whose home is branch A
    const secretaryA = await createUser(t.db, 'secretary', base.branchA);
    // a training session held by district A
    const trainingA = await t.db.getRepository(Training).save({
      committeeId: base.districtA.id,
      heldOn: '2022-01-05',
      topic: 'Hướng dẫn sử dụng Sổ tay Đảng viên điện tử',
      attendees: 80,
    });
    // a news item published by district A
    const newsA = await createNews(t.db, base.districtA);
    // a document published by district A
    const documentA = await createDocument(t.db, base.districtA);
    // an FAQ entry published by district A, and a question a member of branch A asked without an answer
    const faqA = await t.db.getRepository(Faq).save({
      committeeId: base.districtA.id,
      question: 'Lịch tiếp dân của Huyện ủy?',
      answer: 'Thứ Năm hằng tuần.',
      category: 'Tiếp dân',
      keywords: [],
      published: true,
    });
    const unansweredA = await t.db
      .getRepository(UnansweredQuestion)
      .save({ text: 'Giá vàng hôm nay?', normalized: 'gia vang hom nay', committeeId: base.branchA.id });
    // an open survey sent by district A, its results live
    const surveyA = await createSurvey(t.db, base.districtA, { resultsVisibility: 'live' });
    // a duplicate party card number awaiting verification by grassroots committee A (the lowest covering both records)
    const holderA = await createMember(t.db, base.grassA, { fullName: 'Người giữ số' });
    const conflictA = await t.db.getRepository(MemberIdentityConflict).save({
      field: 'partyCardNumber',
      value: holderA.partyCardNumber!,
      memberId: memberA.id,
      holderId: holderA.id,
      committeeId: base.grassA.id,
    });
    // a meeting of branch A in progress, memberA invited, with an excuse request and a comment of theirs
    const meetingA = await createMeeting(t.db, base.branchA, {
      status: 'in_progress',
      startsAt: new Date(Date.now() - 5 * 60_000),
      endsAt: new Date(Date.now() + 115 * 60_000),
    });
    await t.db.getRepository(Meeting).update(meetingA.id, { checkinSecret: 'a'.repeat(64) });
    const excuseA = await t.db.getRepository(MeetingExcuse).save({ meetingId: meetingA.id, memberId: memberA.id, reason: 'Ốm' });
    const commentA = await t.db
      .getRepository(MeetingComment)
      .save({ meetingId: meetingA.id, agendaItemId: meetingA.agenda[0].id, memberId: memberA.id, body: 'Góp ý' });
    // a held meeting of branch A, with a task it assigned to the branch committee
    const heldMeetingA = await createMeeting(t.db, base.branchA, {
      status: 'held',
      month: '2026-01',
      startsAt: new Date('2026-01-10T12:00:00Z'),
      endsAt: new Date('2026-01-10T14:00:00Z'),
    });
    const meetingTaskA = await t.db.getRepository(MeetingTask).save({ meetingId: heldMeetingA.id, title: 'Chi ủy xây dựng kế hoạch' });
    const draftMeetingA = await t.db
      .getRepository(Meeting)
      .save({ committeeId: base.branchA.id, kind: 'regular', month: '2030-01-01', title: 'Sinh hoạt chi bộ tháng 01/2030' });
    const guidanceA = await t.db
      .getRepository(MeetingGuidance)
      .save({ committeeId: base.districtA.id, month: '2030-01-01', title: 'Định hướng sinh hoạt tháng 01/2030', topics: [] });
    const bulletinA = await t.db.getRepository(Notification).save({
      kind: 'bulletin',
      title: 'Thông báo của Huyện ủy',
      body: 'Hẹn giờ gửi',
      audienceCommitteeId: base.districtA.id,
      publishAt: new Date(Date.now() + 86_400_000),
      expiresAt: new Date(Date.now() + 91 * 86_400_000),
    });
    const [deviceA] = await t.db.query(
      `INSERT INTO member_devices (member_id, device_id, platform, app_version, push_provider, push_token, push_updated_at)
       VALUES ($1, 'sweep-device-a', 'android', '3.1.0', 'fcm', $2, now()) RETURNING id`,
      [memberA.id, `sweep:${'A'.repeat(120)}`],
    );
    await t.db.query(
      `INSERT INTO push_deliveries (notification_id, device_id, member_id, committee_id, status, attempts, last_error)
       VALUES ($1, $2, $3, $4, 'failed', 5, '503 UNAVAILABLE')`,
      [bulletinA.id, deviceA.id, memberA.id, base.branchA.id],
    );
    tree = {
      ...base,
      bulletinA,
      draftMeetingA,
      guidanceA,
      heldMeetingA,
      meetingTaskA,
      memberA,
      conflictA,
      correctionA,
      secretaryA,
      trainingA,
      newsA,
      documentA,
      faqA,
      unansweredA,
      surveyA,
      meetingA,
      excuseA,
      commentA,
    };
    memberToken = await tokenFor(t, 'member', tree.branchA);
    siblingToken = (await login(t.http, await createUser(t.db, 'committee_admin', tree.districtB))).accessToken;
  });
  afterAll(async () => t?.close());

  it('knows the public operations, and they exist', () => {
    for (const id of PUBLIC_OPERATIONS) expect(operations.map((o) => o.id)).toContain(id);
    for (const id of MEMBER_OPERATIONS) expect(operations.map((o) => o.id)).toContain(id);
  });

  it('answers 401 without a token on every non-public operation', async () => {
    const wrong: string[] = [];
    for (const o of operations.filter((o) => !PUBLIC_OPERATIONS.has(o.id))) {
      const res = await call(t, o.method, o.path);
      if (res.status !== 401 || res.body.code !== 'UNAUTHORIZED') wrong.push(`${o.id}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to a member token on every staff operation', async () => {
    const wrong: string[] = [];
    for (const o of operations.filter((o) => !PUBLIC_OPERATIONS.has(o.id) && !isMemberOperation(o.path) && !MEMBER_OPERATIONS.has(o.id))) {
      const res = await call(t, o.method, o.path, memberToken);
      if (res.status !== 403 || res.body.code !== 'FORBIDDEN') wrong.push(`${o.id}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 to a staff token of a sibling committee on every {id} operation of a scoped resource', async () => {
    const idRoutes = operations.filter((o) => o.path.includes('{id}') && !isMemberOperation(o.path) && !MEMBER_OPERATIONS.has(o.id));
    expect(idRoutes.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const o of idRoutes) {
      const fixture = SCOPED[o.path];
      if (!fixture) {
        wrong.push(`${o.id}: no fixture in SCOPED for ${o.path}`);
        continue;
      }
      let path = o.path.replace('{id}', String(fixture.id(tree)));
      for (const [name, value] of Object.entries(fixture.params?.(tree) ?? {})) path = path.replace(`{${name}}`, value);
      const req = (t.http() as any)[o.method](path).set('Authorization', `Bearer ${siblingToken}`);
      const res = o.method === 'get' || o.method === 'delete' ? await req : await req.send(fixture.body?.(tree) ?? {});
      if (res.status !== 404 || res.body.code !== 'NOT_FOUND') wrong.push(`${o.id}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
    // and the record is still there, unchanged, for someone in scope
    const admin = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
    const still = await t.http().get(`/api/committees/${tree.grassA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(still.body).toMatchObject({ name: tree.grassA.name, phase: 'not_started', archivedAt: null });
    const training = await t.http().get(`/api/trainings/${tree.trainingA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(training.body).toMatchObject({ attendees: 80, committeeId: tree.districtA.id });
    const member = await t.http().get(`/api/members/${tree.memberA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(member.body).toMatchObject({ fullName: 'Nguyễn Văn An', committeeId: tree.branchA.id });
    const correction = await t.http().get(`/api/corrections/${tree.correctionA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(correction.body).toMatchObject({ status: 'pending', decidedAt: null });
    const conflict = await t
      .http()
      .get(`/api/member-identity-conflicts/${tree.conflictA.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(conflict.body).toMatchObject({ status: 'pending', outcome: null, resolvedAt: null });
    const news = await t.http().get(`/api/news/${tree.newsA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(news.body).toMatchObject({ title: tree.newsA.title, committeeId: tree.districtA.id });
    const document = await t.http().get(`/api/documents/${tree.documentA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(document.body).toMatchObject({ committeeId: tree.districtA.id, status: 'published' });
    const survey = await t.http().get(`/api/surveys/${tree.surveyA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(survey.body).toMatchObject({ title: tree.surveyA.title, committeeId: tree.districtA.id, status: 'open', closedAt: null });
    const meeting = await t.db.getRepository(Meeting).findOneByOrFail({ id: tree.meetingA.id });
    expect(meeting).toMatchObject({ status: 'in_progress', heldAt: null });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM meeting_motions WHERE meeting_id = $1`, [tree.meetingA.id])).toEqual([
      { n: 0 },
    ]);
    const draft = await t.http().get(`/api/meetings/${tree.draftMeetingA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(draft.body).toMatchObject({ title: 'Sinh hoạt chi bộ tháng 01/2030', status: 'draft', statusReason: null });
    const guidance = await t.http().get(`/api/meeting-guidance/${tree.guidanceA.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(guidance.body).toMatchObject({ title: 'Định hướng sinh hoạt tháng 01/2030', publishedAt: null });
    const minutes = await t.http().get(`/api/meetings/${tree.heldMeetingA.id}/minutes`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(minutes.body).toMatchObject({ status: 'held', summary: null, lockedAt: null, addenda: [] });
    expect(minutes.body.tasks.map((x: { id: string; title: string }) => [x.id, x.title])).toEqual([
      [tree.meetingTaskA.id, 'Chi ủy xây dựng kế hoạch'],
    ]);
    const excuses = await t.http().get(`/api/meetings/${tree.meetingA.id}/excuses`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(excuses.body).toEqual([expect.objectContaining({ id: tree.excuseA.id, status: 'pending', decidedAt: null })]);
    const comments = await t.http().get(`/api/meetings/${tree.meetingA.id}/comments`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(comments.body).toEqual([expect.objectContaining({ id: tree.commentA.id, hidden: false })]);
  });

  it('lists nothing of a sibling committee on every staff list operation', async () => {
    const admin = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
    // an audited change in district A: the admin corrects training A's attendance
    await t.http().put(`/api/trainings/${tree.trainingA.id}`).set('Authorization', `Bearer ${admin}`).send({ attendees: 81 }).expect(200);
    const ctx = { ...tree, auditA: tree.trainingA.id };
    const lists = operations.filter(
      (o) => o.method === 'get' && doc.paths[o.path].get.responses['200']?.headers?.['Content-Range'] && !isMemberOperation(o.path),
    );
    expect(lists.length).toBeGreaterThanOrEqual(Object.keys(LIST_SCOPED).length);
    const wrong: string[] = [];
    for (const o of lists) {
      const marker = LIST_SCOPED[o.id];
      if (!marker) {
        wrong.push(`${o.id}: no fixture in LIST_SCOPED for ${o.path}`);
        continue;
      }
      const marked = marker(ctx);
      const [value, filter] = typeof marked === 'string' ? [marked, {}] : [marked.value, marked.filter];
      const get = (token: string, query: Record<string, string>) =>
        t.http().get(o.path).query(query).set('Authorization', `Bearer ${token}`);
      const all: Record<string, string> = { range: '[0,499]', ...(Object.keys(filter).length ? { filter: JSON.stringify(filter) } : {}) };
      const asAdmin = await get(admin, all);
      if (asAdmin.status !== 200 || !JSON.stringify(asAdmin.body).includes(value)) {
        wrong.push(`${o.id}: the admin does not see the record of district A (${asAdmin.status}), so the check proves nothing`);
        continue;
      }
      for (const query of [all, { ...all, filter: JSON.stringify({ ...filter, q: value }) }] as Record<string, string>[]) {
        const asSibling = await get(siblingToken, query);
        if (asSibling.status === 403) continue; // a role that may not list this at all leaks nothing
        if (asSibling.status === 400 && query.filter) continue; // a list without a search filter
        if (asSibling.status !== 200 || JSON.stringify(asSibling.body).includes(value)) {
          wrong.push(`${o.id} ${JSON.stringify(query)}: ${asSibling.status} ${JSON.stringify(asSibling.body).slice(0, 200)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
