import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Committee } from '../../src/committees/committee.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { createDocument } from '../factories/content.js';
import { createCommittee, createMember, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ensureAdminBuilt, fillDate, launchChromium, listen, loginAs, newContext, openPage, screenshot, SETUP_TIMEOUT } from './harness.js';

/** 'YYYY-MM-DDTHH:mm' in Vietnam time. */
const vietnamLocal = (instant: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};
const vietnamMonth = (instant = new Date()) => vietnamLocal(instant).slice(0, 7);
/** 'dd/mm/yyyy HH:mm' in Vietnam time, as the dashboard's date and time pickers take it. */
const vietnamTyped = (instant: Date) => {
  const v = vietnamLocal(instant);
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11)}`;
};

/**
 * Issue 16's journey in Chromium: a secretary plans the month from the branch's template and the
 * province's guidance, sends the schedule, runs the meeting (two members check in with the code read
 * from the page, one is excused, one elderly member is marked present by the secretary, a secret vote
 * passes), closes it and locks the minutes; the province's committee admin then sees the branch
 * counted on the home page's meetings card.
 */
describe('branch meetings in Chromium: plan, schedule, run, vote, minutes, the committee’s report', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let province: Committee;
  let district: Committee;
  let branch: Committee;
  const users: Record<string, { username: string; password: string }> = {};
  const tokens: Record<string, string> = {};
  const members: Record<'an' | 'binh' | 'cuong' | 'dung', Member> = {} as never;
  const library: { resolution?: string } = {};

  /** A call of the API as `who`; a status other than `expected` fails with the body. */
  const api = async (who: string, method: 'get' | 'post' | 'put', path: string, body?: object, expected = [200, 201]) => {
    const req = t.http()[method](`/api${path}`).set('Authorization', `Bearer ${tokens[who]}`);
    const res = body ? await req.send(body) : await req;
    if (!expected.includes(res.status)) throw new Error(`${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, ' ').trim();
  /** Confirms the dialog a ConfirmActionButton opened (its confirm button carries the same label). */
  const confirm = async (page: Page, label: string) => {
    await page.getByRole('dialog').getByRole('button', { name: label, exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);

    province = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Bến Tre' });
    district = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Châu Thành' });
    const grassroots = await createCommittee(t.db, { parent: district, name: 'Đảng bộ xã Tân Thạch' });
    branch = await createCommittee(t.db, { parent: grassroots, name: 'Chi bộ ấp Tân Hòa' });

    members.an = await createMember(t.db, branch, { fullName: 'Nguyễn Văn An' });
    members.binh = await createMember(t.db, branch, { fullName: 'Lê Thị Bình' });
    members.cuong = await createMember(t.db, branch, { fullName: 'Trần Văn Cường' });
    members.dung = await createMember(t.db, branch, { fullName: 'Võ Văn Dũng', birthDate: '1941-02-03' });

    library.resolution = (await createDocument(t.db, province, { title: 'Nghị quyết về chuyển đổi số trong công tác đảng' })).id;

    users.provinceAdmin = await createUser(t.db, 'committee_admin', province, { fullName: 'Cán Bộ Ban Tổ Chức' });
    users.secretary = await createUser(t.db, 'secretary', branch, { fullName: 'Bí Thư Ấp Tân Hòa' });
    for (const key of ['an', 'binh', 'cuong'] as const) {
      users[key] = await createUser(t.db, 'member', branch, { memberId: members[key].id, fullName: members[key].fullName });
    }
    for (const who of Object.keys(users)) tokens[who] = (await login(t.http, users[who])).accessToken;

    // the branch's monthly template and this month's guidance of the province
    await api('secretary', 'put', `/meeting-templates/${branch.id}`, {
      title: 'Sinh hoạt chi bộ thường kỳ',
      dayOfMonth: 5,
      startTime: '19:30',
      durationMinutes: 120,
      place: 'Nhà văn hóa ấp Tân Hòa',
      agenda: [
        {
          title: 'Kiểm điểm việc thực hiện nghị quyết tháng trước',
          description: null,
          presenterMemberId: null,
          presenterName: 'Bí thư chi bộ',
        },
      ],
      deadlineDay: 20,
    });
    const guidance = await api('provinceAdmin', 'post', '/meeting-guidance', {
      committeeId: province.id,
      month: vietnamMonth(),
      title: 'Định hướng sinh hoạt chi bộ tháng này',
      topics: [{ title: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', description: null, documentIds: [] }],
    });
    await api('provinceAdmin', 'post', `/meeting-guidance/${guidance.id}/publish`);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('plans, runs and records a meeting; the committee admin sees the branch counted', async () => {
    const month = vietnamMonth();
    const page = await openPage(context, base);
    await loginAs(page, base, users.secretary);

    // plan the month from the template and the province's guidance
    await page.getByRole('menuitem', { name: 'Sinh hoạt chi bộ', exact: true }).click();
    await page.waitForURL('**/admin/meetings**');
    await page.getByRole('button', { name: 'Lập kế hoạch tháng', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await fillDate(dialog, 'Tháng', `${month.slice(5, 7)}/${month.slice(0, 4)}`);
    await dialog.getByLabel('Định hướng nội dung sinh hoạt').click();
    await page.getByRole('option', { name: /Định hướng sinh hoạt chi bộ tháng này/ }).click();
    await dialog.getByRole('button', { name: 'Tạo dự thảo', exact: true }).click();
    await page.waitForURL(/\/admin\/meetings\/[0-9a-f-]{36}$/);
    const meetingId = page.url().split('/').pop()!;

    // the draft carries the template's item and the guidance's topic; the secretary sets the time
    const draft = await api('secretary', 'get', `/meetings/${meetingId}`);
    expect(draft.status).toBe('draft');
    expect(draft.agenda.map((item: { title: string }) => item.title)).toEqual(
      expect.arrayContaining([
        'Kiểm điểm việc thực hiện nghị quyết tháng trước',
        'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      ]),
    );
    // the secretary attaches the province's resolution to the first item, from the branch's library
    await page.getByLabel('Tài liệu trong thư viện').first().fill('chuyen doi so');
    await page.getByRole('option', { name: 'Nghị quyết về chuyển đổi số trong công tác đảng' }).click();
    const startsAt = new Date(Date.now() + 3 * 60_000);
    await fillDate(page, 'Bắt đầu', vietnamTyped(startsAt));
    await fillDate(page, 'Kết thúc', vietnamTyped(new Date(startsAt.getTime() + 2 * 3600_000)));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(`**/admin/meetings/${meetingId}/show`);
    const saved = await api('secretary', 'get', `/meetings/${meetingId}`);
    expect(saved.agenda[0].attachments.map((a: { documentId: string | null }) => a.documentId)).toEqual([library.resolution]);

    // send the schedule: every member is invited
    await page.getByRole('button', { name: 'Gửi lịch', exact: true }).click();
    await confirm(page, 'Gửi lịch');
    await page.getByRole('link', { name: 'Điều hành buổi họp', exact: true }).waitFor();
    expect((await api('secretary', 'get', `/meetings/${meetingId}`)).status).toBe('scheduled');

    // Cường asks to be excused in the app; the secretary accepts
    await api('cuong', 'post', `/me/meetings/${meetingId}/excuse`, { reason: 'Đi công tác tại Thành phố Hồ Chí Minh' });
    await page.reload();
    await page.getByTestId('meeting-excuses').getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await page.getByTestId('meeting-excuses').getByText('Đã đồng ý').waitFor();

    // run the meeting: start, read the code from the page, two members check in with it
    await page.getByRole('link', { name: 'Điều hành buổi họp', exact: true }).click();
    await page.waitForURL(`**/admin/meetings/${meetingId}/run`);
    await page.getByRole('button', { name: 'Bắt đầu họp', exact: true }).click();
    await confirm(page, 'Bắt đầu họp');
    const code = (await text(page, 'check-in-code')).replace(/\s/g, '');
    expect(code).toMatch(/^\w{4,10}$/);
    for (const who of ['an', 'binh']) {
      await api(who, 'post', `/me/meetings/${meetingId}/check-in`, { code });
    }
    // Dũng, elderly and without a phone, is marked present by the secretary
    const dung = page.getByTestId(`attendance-${members.dung.id}`);
    await dung.getByRole('button', { name: 'Có mặt', exact: true }).click();
    await dung.getByTestId('attendance-state').getByText('Có mặt').waitFor();
    // the attendance polled from the API: three present out of four invited
    await page
      .getByTestId('attendance-summary')
      .getByText(/^Có mặt 3\/4/)
      .waitFor();
    for (const key of ['an', 'binh'] as const) {
      await page.getByTestId(`attendance-${members[key].id}`).getByTestId('attendance-state').getByText('Có mặt').waitFor();
    }
    await screenshot(page, 'meetings-01-run-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'meetings-02-run-phone');
    await page.setViewportSize({ width: 1366, height: 900 });

    // a secret vote: the two members who checked in with the app agree
    await page.getByLabel('Nội dung biểu quyết').fill('Thông qua nghị quyết chi bộ tháng này');
    await page.getByLabel('Bỏ phiếu kín').check();
    await page.getByRole('button', { name: 'Mở biểu quyết', exact: true }).click();
    await page.getByTestId('motion-voted').waitFor();
    const [motion] = await api('an', 'get', `/me/meetings/${meetingId}/motions`);
    expect(motion.secret).toBe(true);
    for (const who of ['an', 'binh']) {
      await api(who, 'post', `/me/meetings/${meetingId}/motions/${motion.id}/vote`, { choice: 'agree' });
    }
    await page.getByTestId('motion-voted').getByText('Đã bỏ phiếu: 2').waitFor();
    await page.getByRole('button', { name: 'Kết thúc biểu quyết', exact: true }).click();
    await confirm(page, 'Kết thúc biểu quyết');
    // 2 agree of 3 full members counted (Cường, excused, is not counted): passed; with fewer ballots than
    // the anonymity threshold the secret ballot's counts are withheld, its decision is not
    await page.getByTestId('motion-passed').getByText('Thông qua', { exact: true }).waitFor();
    expect(await text(page, 'motion-result')).toContain('Số đảng viên chính thức được tính: 3');
    const [closed] = await api('secretary', 'get', `/meetings/${meetingId}/motions`);
    expect(closed).toMatchObject({ status: 'closed', denominator: 3, passed: true });
    if (closed.agreeCount == null) expect(await text(page, 'motion-withheld')).toContain('Bỏ phiếu kín: 2 phiếu');
    else expect(await text(page, 'motion-result')).toContain('Đồng ý 2 · Không đồng ý 0 · Ý kiến khác 0');

    // close the meeting, then write and lock the minutes
    await page.getByRole('button', { name: 'Kết thúc họp', exact: true }).click();
    await confirm(page, 'Kết thúc họp');
    await page.getByRole('link', { name: 'Biên bản', exact: true }).click();
    await page.waitForURL(`**/admin/meetings/${meetingId}/minutes`);
    await page.getByLabel('Tóm tắt thảo luận').fill('Chi bộ thảo luận việc thu hoạch dừa và vận động bà con tham gia bảo hiểm y tế.');
    await page.getByLabel('Kết luận').fill('Thống nhất giao đồng chí An phụ trách vận động bảo hiểm y tế.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu biên bản.').waitFor();
    await page.getByLabel('Nhiệm vụ', { exact: true }).fill('Vận động 20 hộ tham gia bảo hiểm y tế');
    await page.getByLabel('Người thực hiện').click();
    await page.getByRole('option', { name: 'Nguyễn Văn An' }).click();
    await page.getByRole('button', { name: 'Giao', exact: true }).click();
    await page.getByTestId('minutes-tasks').getByText('Vận động 20 hộ tham gia bảo hiểm y tế').waitFor();
    const minutesText = await page.getByTestId('meeting-minutes').innerText();
    expect(minutesText).toContain('Vắng có lý do');
    expect(minutesText).toContain('Thông qua');
    await screenshot(page, 'meetings-03-minutes-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'meetings-04-minutes-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('button', { name: 'Khóa biên bản', exact: true }).click();
    await confirm(page, 'Khóa biên bản');
    await page.getByTestId('minutes-locked').waitFor();
    const locked = await api('secretary', 'get', `/meetings/${meetingId}`);
    expect(locked.status).toBe('minutes_locked');
    // the members read the locked minutes in the app
    const minutes = await api('an', 'get', `/me/meetings/${meetingId}/minutes`);
    expect(minutes.summary).toContain('bảo hiểm y tế');
    // a meeting not opened before opens from the list with its agenda (the list's row, a summary without
    // the agenda, is what the page has until the meeting itself arrives)
    const thematic = await api('secretary', 'post', '/meetings', {
      committeeId: branch.id,
      kind: 'thematic',
      month,
      title: 'Sinh hoạt chuyên đề về chuyển đổi số',
      agenda: [{ title: 'Trao đổi kinh nghiệm dùng Sổ tay Đảng viên điện tử' }],
    });
    await page.getByRole('menuitem', { name: 'Sinh hoạt chi bộ', exact: true }).click();
    await page.getByRole('cell', { name: 'Sinh hoạt chuyên đề về chuyển đổi số' }).click();
    await page.waitForURL(`**/admin/meetings/${thematic.id}/show`);
    await page.getByText('Trao đổi kinh nghiệm dùng Sổ tay Đảng viên điện tử').waitFor();
    await page.close();

    // the province's committee admin sees the branch counted under its district
    const admin = await openPage(context, base);
    await loginAs(admin, base, users.provinceAdmin);
    const report = await api('provinceAdmin', 'get', `/analytics/meetings?month=${month}`);
    const row = report.children.find((r: { committeeId: number }) => r.committeeId === district.id);
    // units expected to meet: the branch and its grassroots committee (Đảng bộ xã); the branch met
    expect(row).toMatchObject({ branches: 2, branchesHeld: 1 });
    const card = admin.getByTestId('card-meetings');
    await card.getByTestId(`meetings-row-${district.id}`).waitFor();
    expect((await card.getByTestId(`meetings-row-${district.id}`).innerText()).replace(/\s+/g, ' ')).toContain('Huyện ủy Châu Thành 1/2');
    await screenshot(admin, 'meetings-05-home-card');
    await admin.close();
  });
});
