import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Member } from '../../src/members/member.entity.js';
import { appOpen, at, daysAgo, sendEvents } from '../factories/analytics.js';
import { createCommittee, createMember, createTree, createUser, login } from '../factories/index.js';
import { createMemberAccounts, createSurvey } from '../factories/surveys.js';
import { createDocument, pdfBytes } from '../factories/content.js';
import { createMeeting } from '../factories/meetings.js';
import { createNews } from '../factories/news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  ARTIFACTS,
  ensureAdminBuilt,
  fillDate,
  launchChromium,
  listen,
  loginAs,
  openPage,
  screenshot,
  shownDate,
  SETUP_TIMEOUT,
} from './harness.js';

/** A file in the artifacts folder (for a screenshot of one element). */
const screenshotPath = async (name: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, `${name}.png`);
};

/**
 * The dashboard as staff use it (issue 19): an English browser in another time zone still sees
 * Vietnamese dates, per-unit targets, honest visit figures, phones.
 */
describe('the dashboard as staff use it, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let english: BrowserContext;
  let base: string;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let admin: { username: string; password: string };
  let member: Member;
  let editor: { username: string; password: string };
  let secretary: { username: string; password: string };
  let root: { username: string; password: string };
  /** A province (target 90 %) whose units have their own targets; one is on hold. */
  let targets: { admin: { username: string; password: string }; names: Record<'dinhHoa' | 'phuBinh' | 'voNhai', string> };

  beforeAll(async () => {
    browser = await launchChromium();
    // an English browser on the US east coast: nothing the dashboard shows may follow it
    english = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'America/New_York' });
    english.setDefaultTimeout(30_000);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);
    tree = await createTree(t.db);
    admin = await createUser(t.db, 'committee_admin', tree.province, { fullName: 'Lê Văn Tỉnh' });
    root = await createUser(t.db, 'admin', null, { fullName: 'Quản Trị Hệ Thống' });
    editor = await createUser(t.db, 'editor', tree.province, { fullName: 'Phạm Thị Biên Tập' });
    secretary = await createUser(t.db, 'secretary', tree.branchA, { fullName: 'Hoàng Văn Bí Thư' });
    member = await createMember(t.db, tree.branchA, {
      fullName: 'Đỗ Thị Hạnh',
      gender: 'female',
      birthDate: '1975-03-30',
      admittedAt: '2026-12-04',
      officialAt: null,
      status: 'probationary',
      partyCardNumber: null,
    });

    const province = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Bắc Thái', targetInstallRate: 0.9 });
    const dinhHoa = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Định Hóa', targetInstallRate: 0.5, phase: 'live' });
    const phuBinh = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Phú Bình', targetInstallRate: 0.8, phase: 'live' });
    const voNhai = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Võ Nhai', phase: 'on_hold' });
    const installedAt = new Date(Date.now() - 5 * 86_400_000);
    for (const [unit, installed, members] of [
      [dinhHoa, 3, 4],
      [phuBinh, 3, 4],
      [voNhai, 0, 2],
    ] as const) {
      for (let i = 0; i < members; i++) await createMember(t.db, unit, i < installed ? { installedAt } : {});
    }
    // the province's visits: data from 3 days ago only, and a visit today (not over yet)
    const reader = await createMember(t.db, province, { fullName: 'Ma Văn Đọc', installedAt });
    const token = (await login(t.http, await createUser(t.db, 'member', province, { memberId: reader.id }))).accessToken;
    const sent = await sendEvents(t.http, token, [
      appOpen(at(daysAgo(3), '08:00')),
      appOpen(at(daysAgo(3), '20:00')),
      appOpen(at(daysAgo(2), '08:00')),
      appOpen(at(daysAgo(0), '00:01')),
    ]);
    if (sent.status !== 202) throw new Error(`events: ${sent.status} ${JSON.stringify(sent.body)}`);
    // a row in the content and meeting lists, so that the phone test sees their cards
    await createDocument(t.db, tree.province, { title: 'Nghị quyết số 12-NQ/TU về chuyển đổi số trong công tác xây dựng Đảng' });
    await createNews(t.db, tree.province, { title: 'Hội nghị học tập, quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XXI' });
    await createSurvey(t.db, tree.province, { title: 'Khảo sát mức độ hài lòng với Sổ tay Đảng viên điện tử' });
    await createMeeting(t.db, tree.branchA);
    targets = {
      admin: await createUser(t.db, 'committee_admin', province, { fullName: 'Cán Bộ Bắc Thái' }),
      names: { dinhHoa: dinhHoa.name, phuBinh: phuBinh.name, voNhai: voNhai.name },
    };
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('#3 shows and reads dates as dd/mm/yyyy and times as 24-hour Vietnam time in an English browser', async () => {
    const page = await openPage(english, base);
    await loginAs(page, base, admin);
    await page.goto(`${base}/admin/members/${member.id}/show`);
    await page.getByText('Đỗ Thị Hạnh').first().waitFor();
    const body = await page.locator('main').innerText();
    expect(body).toContain('30/03/1975');
    expect(body).toContain('04/12/2026');
    expect(body).not.toContain('03/30/1975');
    expect(body).not.toContain('12/04/2026');
    // the record's last change, an instant: Vietnam's wall clock, 24-hour
    const [{ updated }] = await t.db.query(
      `SELECT to_char(updated_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI') AS updated FROM members WHERE id = $1`,
      [member.id],
    );
    expect(body).toContain(updated);
    expect(body).not.toMatch(/\b(AM|PM)\b/);
    await screenshot(page, 'staff-03-dates-member-show-en-US');

    await page.goto(`${base}/admin/members/${member.id}`);
    await page.getByRole('group', { name: 'Ngày sinh', exact: true }).waitFor();
    expect(await shownDate(page, 'Ngày sinh')).toBe('30/03/1975');
    expect(await shownDate(page, 'Ngày vào Đảng')).toBe('04/12/2026');
    // a date that does not exist is refused by the input, in Vietnamese
    await fillDate(page, 'Ngày sinh', '31/02/1990');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Ngày không hợp lệ (dd/mm/yyyy).').first().waitFor();
    // a real one round-trips: typed day first, stored as that day, shown as typed
    await fillDate(page, 'Ngày sinh', '04/12/1990');
    expect(await shownDate(page, 'Ngày sinh')).toBe('04/12/1990');
    await screenshot(page, 'staff-03-dates-member-edit-en-US');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(new RegExp(`/admin/members/${member.id}/show$`));
    await page.getByText('04/12/1990').first().waitFor();
    const [row] = await t.db.query(`SELECT birth_date::text AS birth FROM members WHERE id = $1`, [member.id]);
    expect(row.birth).toBe('1990-12-04');

    // the audit log's filter is a Vietnamese date field, not the browser's mm/dd/yyyy
    await page.goto(`${base}/admin/audit-log`);
    const from = page.getByRole('group', { name: 'Từ ngày', exact: true });
    await from.waitFor();
    expect(await from.innerText()).not.toMatch(/mm\/dd/i);
    await screenshot(page, 'staff-03-dates-audit-filter-en-US');

    // the month of the home page's meeting card: 12/2026, not "December 2026"
    await page.goto(`${base}/admin/`);
    await page.getByRole('group', { name: 'Tháng', exact: true }).waitFor();
    const [year, month] = daysAgo(0).split('-');
    expect(await shownDate(page, 'Tháng')).toBe(`${month}/${year}`);
  });

  it('#4 judges each unit by its own target, marks it without colour, and shows units on hold as "Tạm dừng"', async () => {
    const page = await openPage(english, base);
    await loginAs(page, base, targets.admin);
    const chart = page.getByTestId('install-rate-by-child');
    await chart.locator('a.install-rate-bar').first().waitFor();
    // lowest first: the unit on hold (0 %), then the two at 75 %, each beside its own target
    const figures = await chart.locator('.recharts-label-list text').allTextContents();
    expect(figures).toEqual(['⏸ Tạm dừng', '✓ 75% / 50%', '▼ 75% / 80%']);
    const labels = await chart.locator('a.install-rate-bar').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(labels).toEqual([
      `Xem ${targets.names.voNhai}: 0% (0/2), Tạm dừng`,
      `Xem ${targets.names.dinhHoa}: 75% (3/4), đạt mục tiêu 50%`,
      `Xem ${targets.names.phuBinh}: 75% (3/4), dưới mục tiêu 80%`,
    ]);
    // one target mark per unit that has one (not on hold), no single province-wide target line
    expect(await chart.locator('.install-rate-target').count()).toBe(2);
    const card = page.getByTestId('card-install-rate-by-child');
    expect(await card.innerText()).not.toContain('Mục tiêu: 90%');
    // the bars' colours: the same rate is green by one target and red by another; on hold is grey
    const fills = await chart.locator('a.install-rate-bar rect').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    expect(new Set(fills).size).toBe(3);

    await card.getByRole('button', { name: 'Bảng tỷ lệ cài đặt theo đơn vị trực thuộc' }).click();
    const rows = (await card.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toContain('Tạm dừng');
    expect(rows[1]).toMatch(/75%\s?50%\s?✓ đạt mục tiêu 50%/);
    expect(rows[2]).toMatch(/75%\s?80%\s?▼ dưới mục tiêu 80%/);
    await screenshot(page, 'staff-04-targets-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'staff-04-targets-390');
    await page.close();
  });

  it('#5 marks today as not over and leaves it and the days before the data out of the average', async () => {
    const page = await openPage(english, base);
    await loginAs(page, base, targets.admin);
    await page.getByTestId('visits-average').waitFor();
    const vn = (iso: string) => iso.split('-').reverse().join('/');
    // the 30-day window starts 29 days ago; the data 3 days ago: 3 visits over 2 complete days
    expect(await page.getByTestId('visits-average').innerText()).toBe(
      `Trung bình/ngày (từ ${vn(daysAgo(3))} đến ${vn(daysAgo(1))}, 3 ngày có số liệu, không tính hôm nay): 1 lượt`,
    );
    expect(await page.getByTestId('visits-coverage').innerText()).toContain(`Số liệu có từ ngày ${vn(daysAgo(3))}`);
    expect(await page.getByTestId('visits-partial').innerText()).toContain(`Ngày ${vn(daysAgo(0))} chưa kết thúc`);
    expect(await page.getByTestId('headline-visits').innerText()).toContain('hôm nay (đến giờ)');
    // days before the data are not drawn as zeros: a bar per day with visits (3 and 2 days ago, today), today's marked
    const chart = page.getByTestId('visits-chart');
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBe(3);
    expect(await chart.locator('.visits-partial-day').count()).toBe(1);
    expect(await chart.getByText('Chưa có số liệu').count()).toBe(1);
    await page.getByTestId('card-visits').screenshot({ path: await screenshotPath('staff-05-visits-1440') });
    await page.close();
  });

  it('#9 says "Chưa có câu trả lời" before anyone answers, and a share of 1 in 2.001 is "< 0,1%", not "0%"', async () => {
    const options = ['Đồng ý', 'Không đồng ý'];
    const empty = await createSurvey(t.db, tree.province, { status: 'closed', title: 'Lấy ý kiến về dự thảo quy chế' });
    const many = await createSurvey(t.db, tree.province, { status: 'closed', title: 'Lấy ý kiến về văn kiện Đại hội' });
    const [question] = many.questions;
    const [rare, common] = options.map((text) => question.options.find((o) => o.text === text)!.id);
    // 2.001 answers in one statement: one chose "Đồng ý", the others "Không đồng ý"
    await t.db.query(
      `WITH r AS (INSERT INTO survey_responses (survey_id, submitted_on) SELECT $1, current_date FROM generate_series(1, 2001) RETURNING id),
            n AS (SELECT id, row_number() OVER () AS i FROM r)
       INSERT INTO survey_answers (response_id, question_id, option_id) SELECT id, $2, CASE WHEN i = 1 THEN $3::uuid ELSE $4::uuid END FROM n`,
      [many.id, question.id, rare, common],
    );
    const page = await openPage(english, base);
    await loginAs(page, base, admin);

    await page.goto(`${base}/admin/survey-results/${empty.id}`);
    await page.getByTestId('survey-results-empty').waitFor();
    expect(await page.getByTestId('survey-results-empty').innerText()).toContain('Chưa có câu trả lời');
    expect(await page.getByTestId('survey-no-answers').innerText()).toBe('Chưa có câu trả lời cho câu hỏi này.');
    expect(await page.getByTestId('survey-choice-chart').count()).toBe(0);
    await screenshot(page, 'staff-09-survey-no-answers');

    await page.goto(`${base}/admin/survey-results/${many.id}`);
    const chart = page.getByTestId('survey-choice-chart');
    await chart.waitFor();
    const labels = await chart.locator('.recharts-label-list text').allTextContents();
    // (the sign and the figure are held together by a no-break space)
    expect(labels.map((l) => l.replace(/\u00a0/g, ' '))).toEqual(['1 (< 0,1%)', '2.000 (> 99,9%)']);
    // the same format as the home dashboard: "86,2%", no space, decimal comma, thousands with a dot
    expect(await page.locator('main').innerText()).toContain('2.001');
    await screenshot(page, 'staff-09-survey-small-share');
    await page.close();
  });

  it('#11 does not blame a filter nobody set for an empty list, and clearing a filter goes back to the list as it opens', async () => {
    const page = await openPage(english, base);
    await loginAs(page, base, admin);
    // the corrections open on their "Chờ duyệt" tab: nothing is waiting, and no filter was set
    await page.goto(`${base}/admin/corrections`);
    const empty = page.getByTestId('list-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toBe('Không tìm thấy Yêu cầu sửa thông tin nào');
    expect(await page.getByRole('button', { name: 'Xóa bộ lọc' }).count()).toBe(0);
    await screenshot(page, 'staff-11-empty-default-tab');

    // a search the person typed is a filter: clearing it brings back the current members
    await page.goto(`${base}/admin/members`);
    await page.getByText('Đỗ Thị Hạnh').first().waitFor();
    await page.getByPlaceholder('Tìm theo tên hoặc số thẻ').fill('Không có ai tên này');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('phù hợp với bộ lọc hiện tại');
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await page.getByText('Đỗ Thị Hạnh').first().waitFor();
    expect(new URL(page.url()).searchParams.get('filter') ?? '').toContain('"register":"current"');
    // English, the second language, loads when picked (not with the login page)
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: 'Full name' }).waitFor();
    await page.close();
  });

  it('#14 writes 10.000 with its dot, yes/no as "Có/Không" with an icon, one word per reason, checkboxes for "Chọn nhiều", labelled add buttons, the new document types, every target', async () => {
    // a province of 1.000 members (set-based), to read the thousands separator in the curve's caption
    const big = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Lạng Sơn', targetInstallRate: 0.9 });
    const district = await createCommittee(t.db, { parent: big, name: 'Huyện ủy Cao Lộc' });
    await createMemberAccounts(t.app, t.db, [district], 1000);
    const bigAdmin = await createUser(t.db, 'committee_admin', big, { fullName: 'Cán Bộ Lạng Sơn' });
    await createMember(t.db, district, { fullName: 'Lục Văn Khác', notInstalledReason: 'other' });
    const multi = await createSurvey(t.db, district, {
      status: 'draft',
      title: 'Nội dung sinh hoạt chuyên đề năm tới',
      questions: [{ type: 'multiple', text: 'Đồng chí quan tâm chủ đề nào?', options: ['Chuyển đổi số', 'Kinh tế tập thể', 'Văn hóa'] }],
    });

    const page = await openPage(english, base);
    await loginAs(page, base, bigAdmin);
    const timeline = page.getByTestId('card-install-timeline');
    await timeline.getByText('Đường tỷ lệ tính trên số Đảng viên hiện nay (1.001)').waitFor();
    // the reason as the member form writes it
    await page.getByTestId('not-installed').getByText('Lý do khác').waitFor();
    await screenshot(page, 'staff-14-home');

    // the committee list: a target for every row, its own or the one above
    await page.goto(`${base}/admin/committees`);
    await page.getByText('Huyện ủy Cao Lộc').first().waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith('Tỉnh ủy Lạng Sơn'))).toContain('90%');
    expect(rows.find((r) => r.startsWith('Huyện ủy Cao Lộc'))).toContain('Theo cấp trên');

    // accounts: "Tạm khóa" says Không, in words with an icon, like every yes/no
    await page.goto(`${base}/admin/users?filter=${encodeURIComponent(JSON.stringify({ q: 'Cán Bộ Lạng Sơn' }))}`);
    // the row, not the signed-in name in the app bar (the same person)
    const bigAdminRow = page.locator('tbody tr').filter({ hasText: 'Cán Bộ Lạng Sơn' });
    await bigAdminRow.first().waitFor();
    expect(await bigAdminRow.getByTestId('yes-no').count()).toBe(3);
    expect(await bigAdminRow.getByTestId('yes-no').allInnerTexts()).toEqual(['Có', 'Không', 'Không']);

    // the survey's preview: boxes for "Chọn nhiều"; the form's add buttons say what they add
    await page.goto(`${base}/admin/surveys/${multi.id}/show`);
    await page.getByText('Đồng chí quan tâm chủ đề nào?').waitFor();
    expect(await page.getByTestId('preview-checkbox').count()).toBe(3);
    expect(await page.getByTestId('preview-radio').count()).toBe(0);
    expect(await page.getByTestId('yes-no').innerText()).toBe('Không');
    await page.goto(`${base}/admin/surveys/${multi.id}`);
    await page.getByRole('button', { name: 'Thêm câu hỏi' }).waitFor();
    await page.getByRole('button', { name: 'Thêm phương án' }).first().waitFor();
    await screenshot(page, 'staff-14-survey-edit');

    // the document types: Thông báo, Quyết định, Kế hoạch offered, and the API takes them
    await page.goto(`${base}/admin/documents/create`);
    await page.getByRole('combobox', { name: 'Loại văn bản' }).click();
    for (const name of ['Thông báo', 'Quyết định', 'Kế hoạch']) await page.getByRole('option', { name, exact: true }).waitFor();
    await page.keyboard.press('Escape');
    const token = (await login(t.http, bigAdmin)).accessToken;
    for (const type of ['announcement', 'decision', 'plan']) {
      await t
        .http()
        .post('/api/documents')
        .set('Authorization', `Bearer ${token}`)
        .send({ title: `Văn bản loại ${type}`, type, issuingBody: 'Tỉnh ủy Lạng Sơn' })
        .expect(201);
    }
    await page.close();
  });

  it('#7 shows names, Vietnamese actions and readable changes instead of ids and codes', async () => {
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    // a change of a member's record and a rollout step of the demo data, as the log keeps them
    await t.db.query(
      `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity_type, entity_id, committee_id, details)
       VALUES ($1, $2, 'committee_admin', 'member.update', 'member', $3, $4, $5::jsonb),
              (NULL, 'seed', NULL, 'committee.phase', 'committee', $6::text, $7::int, '{"fromPhase":"not_started","toPhase":"trial"}'::jsonb)`,
      [
        (await t.db.query(`SELECT id FROM users WHERE username = $1`, [admin.username]))[0].id,
        admin.username,
        member.id,
        tree.branchA.id,
        JSON.stringify({ changes: { birthDate: ['1975-03-30', '1990-12-04'], phone: [null, '0912345678'] } }),
        String(tree.province.id),
        tree.province.id,
      ],
    );
    await t.db.query(
      `INSERT INTO committee_phase_changes (committee_id, from_phase, to_phase, started_on, actor_username, changed_at)
       VALUES ($1, 'not_started', 'trial', DATE '2021-11-01', 'seed', TIMESTAMPTZ '2021-11-01 08:00+07')`,
      [tree.province.id],
    );
    const page = await openPage(english, base);
    await loginAs(page, base, admin);

    // the committee page: where it sits in the tree, by names
    await page.goto(`${base}/admin/committees/${tree.branchA.id}/show`);
    await page.getByRole('link', { name: 'Huyện ủy Đại Từ' }).first().waitFor();
    const show = await page.locator('main').innerText();
    expect(show).not.toMatch(new RegExp(`${tree.province.id}\\.${tree.districtA.id}`));
    await screenshot(page, 'staff-07-committee-path');

    // the audit log: actions in Vietnamese, no codes or UUIDs, the demo data's rows as the system's
    await page.goto(`${base}/admin/audit-log?filter=${encodeURIComponent(JSON.stringify({ action: 'member.update' }))}`);
    const row = page.locator('tbody tr').filter({ hasText: 'Sửa hồ sơ Đảng viên' }).first();
    await row.waitFor();
    const list = await page.locator('main').innerText();
    expect(list).not.toContain('member.update');
    expect(list).not.toMatch(uuid);
    await row.click();
    const summary = page.getByTestId('audit-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Ngày sinh: 30/03/1975 → 04/12/1990');
    expect(await summary.innerText()).toContain('Điện thoại: — → 0912345678');
    expect(await page.locator('main').innerText()).not.toMatch(/"changes"|birthDate/);
    await screenshot(page, 'staff-07-audit-log');
    await page.goto(`${base}/admin/audit-log?filter=${encodeURIComponent(JSON.stringify({ action: 'committee.phase' }))}`);
    await page.getByTestId('audit-actor').filter({ hasText: 'Hệ thống (dữ liệu mẫu)' }).first().waitFor();

    // the rollout dialog's history: "seed" is the system's demo data
    await page.goto(`${base}/admin/rollout`);
    await page.getByRole('button', { name: 'Chuyển giai đoạn' }).first().click();
    await page.getByRole('dialog').getByText('Hệ thống (dữ liệu mẫu)').first().waitFor();
    expect(await page.getByRole('dialog').innerText()).not.toContain('seed');
    await page.keyboard.press('Escape');

    // a document's file opens in a tab titled by the document, not by a blob's UUID
    const doc = await createDocument(t.db, tree.province, { title: 'Quy định số 08-QĐi/TU về nêu gương' });
    await page.goto(`${base}/admin/documents/${doc.id}/show`);
    await page
      .getByTestId('document-file-input')
      .setInputFiles({ name: 'quy-dinh-08.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
    await page.getByTestId('document-file-info').waitFor();
    const [tab] = await Promise.all([english.waitForEvent('page'), page.getByRole('button', { name: 'Mở trong thẻ mới' }).click()]);
    await tab.waitForLoadState();
    expect(await tab.title()).toBe('Quy định số 08-QĐi/TU về nêu gương');
    await tab.close();
    await page.close();
  });

  describe('#6 on a phone (390×844, and on a laptop) nothing overflows sideways, titles fit and the home shortcuts keep their labels', () => {
    const STAFF_LISTS = ['committees', 'members', 'corrections', 'member-identity-conflicts', 'users', 'audit-log', 'documents', 'news'];
    const CONTENT_LISTS = ['faqs', 'unanswered-questions', 'surveys', 'bulletins'];
    const MEETING_LISTS = ['meetings', 'meeting-tasks', 'meeting-guidance'];
    const roles: [string, () => { username: string; password: string }, string[]][] = [
      ['admin', () => root, [...STAFF_LISTS, ...CONTENT_LISTS, 'trainings', ...MEETING_LISTS]],
      ['committee_admin', () => admin, [...STAFF_LISTS, ...CONTENT_LISTS, 'trainings', ...MEETING_LISTS]],
      ['editor', () => editor, ['documents', 'news', ...CONTENT_LISTS]],
      ['secretary', () => secretary, ['members', 'corrections', 'bulletins', ...MEETING_LISTS]],
    ];

    /** How far the page and the app bar's title overflow (px; 0: they fit). */
    const overflow = (page: Page, viewport: number) =>
      page.evaluate((viewportWidth) => {
        const doc = (globalThis as any).document;
        const title = doc.querySelector('#react-admin-title') ?? doc.querySelector('header h6, header .RaAppBar-title');
        const width = Math.min((globalThis as any).innerWidth, viewportWidth);
        // the outermost elements that stick out, to name them in the failure
        const wide = [...doc.querySelectorAll('body *')]
          .filter((el: any) => el.getBoundingClientRect().right > width + 1 && el.parentElement.getBoundingClientRect().right <= width + 1)
          .slice(0, 3)
          .map(
            (el: any) =>
              `${el.tagName.toLowerCase()}.${String(el.className?.baseVal ?? el.className).split(' ')[0]}${el.dataset?.testid ? `[${el.dataset.testid}]` : ''}`,
          );
        return {
          wide: wide.join(', '),
          page: doc.documentElement.scrollWidth - width,
          title: title ? title.scrollWidth - title.clientWidth : 0,
        };
      }, viewport);

    it.each(roles)('as %s', async (role, who, lists) => {
      const problems: string[] = [];
      // the phone, then the laptop: a screenshot of every page of the role at both sizes
      for (const [width, height] of [
        [390, 844],
        [1440, 900],
      ]) {
        const context = await browser.newContext({
          viewport: { width, height },
          locale: 'vi-VN',
          timezoneId: 'Asia/Ho_Chi_Minh',
          hasTouch: width < 600,
        });
        context.setDefaultTimeout(30_000);
        try {
          const page = await openPage(context, base);
          await loginAs(page, base, who());
          await page.waitForLoadState('networkidle');
          // home: the shortcuts keep their words
          const shortcuts = page.getByTestId('home-shortcuts').locator('a');
          for (const text of await shortcuts.allInnerTexts())
            if (!text.trim()) problems.push(`${width}px home: a shortcut without a label`);
          const home = await overflow(page, width);
          if (home.page > 0) problems.push(`${width}px home: page ${home.page}px too wide (${home.wide})`);
          await screenshot(page, `staff-06-${width}-${role}-home`);
          for (const resource of lists) {
            await page.goto(`${base}/admin/${resource}`);
            await page.locator('.RaList-main, .list-page').first().waitFor();
            await page.waitForLoadState('networkidle');
            const o = await overflow(page, width);
            if (o.page > 0) problems.push(`${width}px ${resource}: page ${o.page}px too wide (${o.wide})`);
            if (o.title > 0) problems.push(`${width}px ${resource}: title cut by ${o.title}px`);
            await screenshot(page, `staff-06-${width}-${role}-${resource}`);
          }
        } finally {
          await context.close();
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
