import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Committee } from '../../src/committees/committee.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { createCommittee, createMember, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ensureAdminBuilt, launchChromium, listen, loginAs, newContext, openPage, SETUP_TIMEOUT } from './harness.js';

/** dd/MM/yyyy HH:mm in Vietnam time, as the dashboard shows and takes it. */
const vietnamDateTime = (instant: Date) => {
  const p = Object.fromEntries(
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
      .map((part) => [part.type, part.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
};
const fcmToken = () => `${randomBytes(12).toString('base64url')}:APA91b${randomBytes(110).toString('base64url')}`;

/** Waits until the input holds `expected` (a reference input fills in once its committee has loaded). */
const waitForValue = async (locator: Locator, expected: RegExp) => {
  let value = '';
  for (let i = 0; i < 100; i++) {
    value = await locator.inputValue();
    if (expected.test(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return value;
};

/** Screenshots the brief asks for, looked at by hand; full page. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/notif-${name}.png`, fullPage: true });

/** Nothing wider than the screen: a phone never scrolls sideways. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as any).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });

/**
 * Issue 17, item 7 in Chromium: a district's committee admin writes a bulletin with the phone
 * preview, confirms the audience, sends it, finds it in the list and opens its delivery report; a
 * scheduled one refuses a past time and can be cancelled; a member's push status shows on their
 * record. At a laptop's size and at a phone's (375×812).
 */
describe('bulletins in Chromium: compose with a preview, confirm the audience, send, schedule, report', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let district: Committee;
  let xa1: Committee;
  let branch1: Committee;
  let withPush: Member;
  let withoutPush: Member;
  const users: Record<string, { username: string; password: string }> = {};

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);

    const province = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Vĩnh Long' });
    district = await createCommittee(t.db, { parent: province, name: 'Huyện ủy Long Hồ' });
    xa1 = await createCommittee(t.db, { parent: district, name: 'Đảng ủy xã Phước Hậu' });
    const xa2 = await createCommittee(t.db, { parent: district, name: 'Đảng ủy xã Tân Hạnh' });
    branch1 = await createCommittee(t.db, { parent: xa1, name: 'Chi bộ ấp Phước Yên' });
    const branch2 = await createCommittee(t.db, { parent: xa2, name: 'Chi bộ ấp Tân Hưng' });
    withPush = await createMember(t.db, branch1, { fullName: 'Nguyễn Thị Hồng' });
    withoutPush = await createMember(t.db, branch2, { fullName: 'Trần Văn Lợi' });

    users.admin = await createUser(t.db, 'committee_admin', district, { fullName: 'Cán Bộ Huyện Ủy' });
    const memberUser = await createUser(t.db, 'member', branch1, { memberId: withPush.id, fullName: withPush.fullName });
    users.member = memberUser;
    const memberToken = (await login(t.http, memberUser)).accessToken;
    await t
      .http()
      .post('/api/me/devices')
      .set('Authorization', `Bearer ${memberToken}`)
      .send({ deviceId: 'browser-push-0001', platform: 'android', appVersion: '3.1.0', push: { provider: 'fcm', token: fcmToken() } })
      .expect(201);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const sizes = [
    { name: 'desktop', viewport: { width: 1366, height: 900 } },
    { name: 'phone', viewport: { width: 375, height: 812 } },
  ] as const;

  for (const size of sizes) {
    it(`sends a bulletin after its preview and the audience's confirmation, lists it and shows its report (${size.name})`, async () => {
      const page = await openPage(context, base);
      await page.setViewportSize(size.viewport);
      await loginAs(page, base, users.admin);
      const title = `Lịch sinh hoạt chi bộ tháng 12 (${size.name})`;
      const text =
        'Đề nghị các đồng chí đảng viên dự sinh hoạt chi bộ lúc 19h30 ngày 05/12 tại nhà văn hóa ấp.\nMang theo sổ tay đảng viên.';

      await page.goto(`${base}/admin/bulletins/create`);
      // the audience defaults to the admin's committee
      const audience = page.getByRole('combobox', { name: /^Gửi tới/ });
      expect(await waitForValue(audience, /^Huyện ủy Long Hồ \(/)).toMatch(/^Huyện ủy Long Hồ \(/);
      await page.getByRole('textbox', { name: /^Tiêu đề/ }).fill(title);
      await page.getByRole('textbox', { name: /^Nội dung/ }).fill(text);
      await expect(page.getByTestId('bulletin-text-counter').innerText()).resolves.toBe(`${text.length}/4.000 ký tự`);
      // the phone preview: title, first lines, the committee
      const preview = page.getByTestId('bulletin-preview');
      await expect(preview.getByTestId('bulletin-preview-title').innerText()).resolves.toBe(title);
      await expect(preview.getByTestId('bulletin-preview-text').innerText()).resolves.toContain('Đề nghị các đồng chí');
      await expect(preview.getByTestId('bulletin-preview-committee').innerText()).resolves.toBe('Từ: Huyện ủy Long Hồ');
      await shot(page, `01-compose-${size.name}`);
      if (size.name === 'phone') expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      // sending asks first, naming the audience; cancelling the dialog sends nothing
      await page.getByRole('button', { name: 'Gửi thông báo', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('bulletin-confirm').innerText()).resolves.toContain(
        'Gửi tới toàn bộ đảng viên thuộc Huyện ủy Long Hồ.',
      );
      await shot(page, `02-confirm-${size.name}`);
      await dialog.getByRole('button', { name: 'Gửi thông báo', exact: true }).click();
      await page.waitForURL(/\/admin\/bulletins\/[0-9a-f-]{36}\/show$/);
      const id = page.url().split('/').at(-2)!;
      await page.getByTestId('bulletin-status').getByText('Đã gửi').waitFor();

      // the report panel: nobody has read it yet, of the district's two members
      const report = page.getByTestId('notification-report');
      await report.getByTestId('report-totals').waitFor();
      await expect(report.getByTestId('report-read').innerText()).resolves.toContain('0/2');
      await shot(page, `03-show-${size.name}`);
      if (size.name === 'phone') expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      // in the list, sent
      await page.goto(`${base}/admin/bulletins`);
      const row = page.getByText(title, { exact: true });
      await row.waitFor();
      const listed = await t
        .http()
        .get('/api/bulletins')
        .set('Authorization', `Bearer ${(await login(t.http, users.admin)).accessToken}`)
        .expect(200);
      expect(listed.body.find((b: { id: string }) => b.id === id)).toMatchObject({
        title,
        text,
        committeeId: district.id,
        status: 'published',
      });
      await shot(page, `04-list-${size.name}`);
      if (size.name === 'phone') expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await row.click();
      await page.waitForURL(`**/admin/bulletins/${id}/show`);
    });
  }

  it('refuses a past time, schedules a bulletin for later and cancels it', async () => {
    const page = await openPage(context, base);
    await loginAs(page, base, users.admin);
    await page.goto(`${base}/admin/bulletins/create`);
    const title = 'Hội nghị quán triệt nghị quyết';
    await page.getByRole('textbox', { name: /^Tiêu đề/ }).fill(title);
    await page.getByRole('textbox', { name: /^Nội dung/ }).fill('Kính mời các đồng chí dự hội nghị trực tuyến.');
    await page.getByRole('radio', { name: 'Hẹn giờ gửi', exact: true }).check();
    const when = page.getByRole('textbox', { name: /^Gửi lúc/ });
    await when.fill(vietnamDateTime(new Date(Date.now() - 3600_000)));
    await page.getByRole('button', { name: 'Hẹn giờ gửi', exact: true }).click();
    await page.getByText('Thời điểm gửi phải ở tương lai.').waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);

    const later = vietnamDateTime(new Date(Date.now() + 2 * 86400_000));
    await when.fill(later);
    await expect(page.getByTestId('bulletin-preview-time').innerText()).resolves.toBe(later);
    await page.getByRole('button', { name: 'Hẹn giờ gửi', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('bulletin-confirm').innerText()).resolves.toContain(`vào lúc ${later}`);
    await dialog.getByRole('button', { name: 'Hẹn giờ gửi', exact: true }).click();
    await page.waitForURL(/\/admin\/bulletins\/[0-9a-f-]{36}\/show$/);
    await page.getByTestId('bulletin-status').getByText('Đã lên lịch').waitFor();
    await expect(page.getByTestId('bulletin-publish-at').innerText()).resolves.toBe(`Sẽ gửi lúc ${later}`);
    await shot(page, '05-scheduled-desktop');

    await page.getByRole('button', { name: 'Huỷ gửi', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Huỷ gửi', exact: true }).click();
    await page.waitForURL('**/admin/bulletins');
    await page.getByText('Đã huỷ thông báo.').waitFor();
    await expect(page.getByText(title, { exact: true }).count()).resolves.toBe(0);
  });

  it('shows on a member record and in the member list whether the member receives push notifications', async () => {
    const page = await openPage(context, base);
    await loginAs(page, base, users.admin);
    await page.goto(`${base}/admin/members/${withPush.id}/show`);
    await expect(page.getByTestId('member-push').getAttribute('data-push')).resolves.toBe('on');
    await page.goto(`${base}/admin/members/${withoutPush.id}/show`);
    await expect(page.getByTestId('member-push').getAttribute('data-push')).resolves.toBe('off');
    await page.goto(`${base}/admin/members`);
    const rowOf = (name: string) => page.getByRole('row').filter({ hasText: name });
    await expect(rowOf(withPush.fullName).getByTestId('member-push').innerText()).resolves.toBe('Đang nhận');
    await expect(rowOf(withoutPush.fullName).getByTestId('member-push').innerText()).resolves.toBe('Chưa bật');
    await shot(page, '06-members-push-desktop');
  });
  it('draws the delivery report from the server: who read it, per sub-committee, drill-down and back', async () => {
    const token = (await login(t.http, users.admin)).accessToken;
    const created = await t
      .http()
      .post('/api/bulletins')
      .set('Authorization', `Bearer ${token}`)
      .send({ committeeId: district.id, title: 'Báo cáo thử', text: 'Nội dung' })
      .expect(201);
    // the member of xã Phước Hậu reads it on the phone; the member of xã Tân Hạnh does not
    const memberToken = (await login(t.http, { username: users.member.username, password: users.member.password })).accessToken;
    await t.http().post(`/api/me/notifications/${created.body.id}/read`).set('Authorization', `Bearer ${memberToken}`).expect(200);
    for (const size of sizes) {
      const page = await openPage(context, base);
      await page.setViewportSize(size.viewport);
      await loginAs(page, base, users.admin);
      await page.goto(`${base}/admin/bulletins/${created.body.id}/show`);
      const report = page.getByTestId('notification-report');
      await expect(report.getByTestId('report-read').innerText()).resolves.toContain('1/2');
      await report.getByTestId(size.name === 'phone' ? 'report-children-cards' : 'report-children-table').waitFor();
      // xã Phước Hậu: its one member read it (100%); xã Tân Hạnh: 0%
      await expect(report.getByTestId(`report-row-${xa1.id}`).innerText()).resolves.toMatch(/100\s?%/);
      await shot(page, `07-report-${size.name}`);
      if (size.name === 'phone') expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await report.getByTestId(`report-row-${xa1.id}`).getByText(xa1.name).click();
      await page.waitForURL(`**/admin/bulletins/${created.body.id}/show?committeeId=${xa1.id}`);
      await report.getByTestId(`report-row-${branch1.id}`).waitFor();
      await expect(report.getByTestId(`report-row-${xa1.id}`).count()).resolves.toBe(0);
      await shot(page, `08-report-drilled-${size.name}`);
      await page.getByTestId('committee-breadcrumb').getByRole('link', { name: district.name }).click();
      await report.getByTestId(`report-row-${xa1.id}`).waitFor();
    }
  });
});
