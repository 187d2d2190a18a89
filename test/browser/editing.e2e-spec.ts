import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import { pngBytes } from '../factories/content.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ensureAdminBuilt, launchChromium, listen, loginAs, newContext, openPage, screenshot, SETUP_TIMEOUT } from './harness.js';

const HEADER = ['Họ và tên', 'Giới tính', 'Ngày sinh', 'Số thẻ đảng', 'Trạng thái', 'Ngày vào Đảng', 'Ngày chính thức', 'Mã chi bộ'];
const csv = (rows: string[][]) => Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

describe('editing in Chromium: news, member import and export, unlocking an account', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let districtAdmin: { username: string; password: string };
  let editor: { username: string; password: string };
  let memberToken: string;

  const countMembers = async () =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM members WHERE party_card_number LIKE 'NHAP-%'`))[0].n);

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);
    tree = await createTree(t.db);
    districtAdmin = await createUser(t.db, 'committee_admin', tree.districtA, { fullName: 'Hoàng Văn Huyện' });
    editor = await createUser(t.db, 'editor', tree.province, { fullName: 'Phạm Biên Tập' });
    memberToken = (await login(t.http, await createUser(t.db, 'member', tree.branchA))).accessToken;
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a news item as a draft, publishes it, and members then see it', async () => {
    const title = 'Hội nghị quán triệt Nghị quyết Trung ương tại Đại Từ';
    const memberSees = async () =>
      ((await t.http().get('/api/me/news').set('Authorization', `Bearer ${memberToken}`).expect(200)).body.items ?? []).some(
        (n: { title: string }) => n.title === title,
      );
    const page = await openPage(context, base);
    await loginAs(page, base, editor);
    await page.getByRole('menuitem', { name: 'Tin tức' }).click();
    await page.waitForURL('**/admin/news');
    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await page.waitForURL('**/admin/news/create');

    await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(title);
    await page
      .getByRole('textbox', { name: 'Tóm tắt', exact: true })
      .fill('Sáng nay, Huyện ủy tổ chức hội nghị trực tuyến tới các chi bộ.');
    const body = page.locator('.ProseMirror');
    await body.click();
    await page.keyboard.type('Hội nghị có 1.200 đảng viên tham dự tại 40 điểm cầu.');
    await expect(page.getByRole('radio', { name: 'Bản nháp' }).isChecked()).resolves.toBe(true);
    await screenshot(page, 'editing-01-news-create');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/admin\/news\/[0-9a-f-]+\/show$/);
    await page.getByText('Bản nháp').first().waitFor();
    expect(await memberSees()).toBe(false);

    await page.getByRole('link', { name: 'Sửa' }).click();
    await page.waitForURL(/\/admin\/news\/[0-9a-f-]+$/);
    await page.getByRole('radio', { name: 'Đã đăng' }).check();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/admin\/news\/[0-9a-f-]+\/show$/);
    await page.getByText('Đã đăng').first().waitFor();
    await page.getByTestId('news-body').getByText('1.200 đảng viên', { exact: false }).waitFor();
    await screenshot(page, 'editing-02-news-published');
    const [row] = await t.db.query(`SELECT status, published_at FROM news_items WHERE title = $1`, [title]);
    expect(row.status).toBe('published');
    expect(row.published_at).not.toBeNull();
    expect(await memberSees()).toBe(true);
    await page.close();
  });

  it('imports a members file: one bad row is reported by row and column and nothing is written; the fixed file imports', async () => {
    const row = (card: string, name: string, birth = '01/05/1980') => [
      name,
      'Nam',
      birth,
      card,
      'Chính thức',
      '02/03/2005',
      '02/03/2006',
      tree.branchA.code,
    ];
    // the outside review's row (issue 19, item 2): a bad gender, phone, e-mail, 31/02 and no Ngày chính thức for a full member
    const worst = row('NHAP-2', 'Trần Thị Hai', '31/02/1980');
    worst[1] = 'Khác';
    worst[6] = '';
    const bad = csv([
      [...HEADER, 'Điện thoại', 'Email'],
      [...row('NHAP-1', 'Nguyễn Văn Một'), '', ''],
      [...worst, '12345', 'khong-phai-email'],
      [...row('NHAP-3', 'Lê Văn Ba'), '', ''],
    ]);
    const page = await openPage(context, base);
    await loginAs(page, base, districtAdmin);
    // from the home page's shortcut to the list, and from the list's button to the import page
    await page.getByRole('link', { name: 'Danh sách Đảng viên' }).click();
    await page.waitForURL('**/admin/members');
    await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
    await page.waitForURL('**/admin/members/import');

    // the template: a workbook with the header row, an example and a guide sheet
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('member-import-template').click()]);
    expect(template.suggestedFilename()).toBe('mau-nhap-dang-vien.xlsx');

    // a file that is no spreadsheet is refused by its content, and said so
    await page.getByTestId('member-import-file').setInputFiles({ name: 'anh-chup.csv', mimeType: 'text/csv', buffer: pngBytes() });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('Tệp không đúng định dạng: chỉ nhận bảng tính .xlsx hoặc tệp .csv (UTF-8).').waitFor();
    await page.getByTestId('member-import-file').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: bad });
    await page.getByText('danh-sach.csv').waitFor();
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    // every problem of the row in one check, each in Vietnamese
    await page.getByText('Tệp có 5 lỗi. Chưa nhập dữ liệu nào.', { exact: false }).waitFor();
    const report = page.getByRole('table', { name: 'Tệp có lỗi, chưa nhập dữ liệu nào.' });
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim())).sort()).toEqual(
      [
        ['3', 'Giới tính', 'Giới tính phải là "Nam" hoặc "Nữ".'],
        ['3', 'Ngày sinh', 'Ngày không có thật trên lịch (ví dụ 31/02).'],
        ['3', 'Ngày chính thức', 'Đảng viên chính thức phải có Ngày chính thức.'],
        ['3', 'Điện thoại', 'Số điện thoại Việt Nam gồm 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84 (ví dụ 0912345678).'],
        ['3', 'Email', 'Địa chỉ email không đúng dạng (ví dụ ten@example.vn).'],
      ].sort(),
    );
    await screenshot(page, 'editing-03-import-report');
    expect(await countMembers()).toBe(0);
    // a file with problems offers no way to import it
    expect(await page.getByRole('button', { name: 'Nhập dữ liệu' }).count()).toBe(0);

    const fixed = csv([HEADER, row('NHAP-1', 'Nguyễn Văn Một'), row('NHAP-2', 'Trần Thị Hai', '28/02/1980'), row('NHAP-3', 'Lê Văn Ba')]);
    await page.getByTestId('member-import-file').setInputFiles({ name: 'danh-sach-da-sua.csv', mimeType: 'text/csv', buffer: fixed });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('Tệp hợp lệ. Kiểm tra 3 dòng', { exact: false }).waitFor();
    expect(await countMembers()).toBe(0);
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await page.getByText('Đã nhập 3 dòng', { exact: false }).waitFor();
    await screenshot(page, 'editing-04-import-done');
    expect(await countMembers()).toBe(3);
    await page.getByRole('link', { name: 'Về danh sách Đảng viên' }).click();
    await page.waitForURL('**/admin/members');
    await page.close();
  });

  it('exports the members list as a file, after silently renewing an expired session', async () => {
    await createMember(t.db, tree.branchA, { fullName: 'Vũ Thị Xuất' });
    const page = await openPage(context, base);
    await loginAs(page, base, districtAdmin);
    await page.goto(`${base}/admin/members`);
    await page.getByText('Vũ Thị Xuất').waitFor();
    // the access token has expired meanwhile: the download renews it once and goes on
    await page.evaluate(() => (globalThis as any).localStorage.setItem('sotay.admin.accessToken', 'het-han'));
    await page.getByRole('button', { name: 'Xuất danh sách' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV (dấu phẩy)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^dang-vien-\d{8}\.csv$/);
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toContain('Vũ Thị Xuất');
    await page.getByText(`Đã tải về ${download.suggestedFilename()}.`).waitFor();
    const token = await page.evaluate(() => (globalThis as any).localStorage.getItem('sotay.admin.accessToken'));
    expect(token).not.toBe('het-han');
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await page.close();
  });

  it('gives a member an app login from their record: the one-time password shown once logs in', async () => {
    const member = await createMember(t.db, tree.branchA, { fullName: 'Lương Thị Cấp' });
    const page = await openPage(context, base);
    await loginAs(page, base, districtAdmin);
    await page.goto(`${base}/admin/members/${member.id}/show`);
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Tạo tài khoản ứng dụng cho Lương Thị Cấp?').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Tạo tài khoản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mật khẩu dùng một lần — Lương Thị Cấp' });
    await dialog.waitFor();
    await page.getByText('Tạo tài khoản ứng dụng cho Lương Thị Cấp?').waitFor({ state: 'detached' });
    await page.waitForTimeout(300); // the dialog's fade-in, for the screenshot only
    await screenshot(page, 'editing-05-one-time-password');
    const username = await dialog.getByLabel('Tên đăng nhập').inputValue();
    const password = await page.getByTestId('one-time-password').inputValue();
    await dialog.getByRole('button', { name: 'Tôi đã lưu mật khẩu' }).click();
    await dialog.waitFor({ state: 'detached' });

    const res = await t.http().post('/api/auth/login').send({ username, password }).expect(200);
    expect(res.body.user).toMatchObject({ role: 'member', mustChangePassword: true });
    const [account] = await t.db.query(`SELECT member_id FROM users WHERE username = $1`, [username]);
    expect(account.member_id).toBe(member.id);
    // a second account for the same member is refused, and said so
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText('Đảng viên này đã có tài khoản.', { exact: false }).waitFor();
    expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE member_id = $1`, [member.id]))[0].n)).toBe(1);
    await page.close();
  });

  it('shows an account locked after wrong passwords in the list, and unlocks it from its page', async () => {
    const locked = await createUser(t.db, 'secretary', tree.branchA, { fullName: 'Đỗ Thị Khóa' });
    await t.db.query(`UPDATE users SET failed_logins = 5, locked_until = now() + interval '15 minutes' WHERE id = $1`, [locked.id]);
    // the lock holds: the right password is refused
    await t.http().post('/api/auth/login').send({ username: locked.username, password: locked.password }).expect(401);

    const page = await openPage(context, base);
    await loginAs(page, base, districtAdmin);
    await page.goto(`${base}/admin/users?filter=${encodeURIComponent(JSON.stringify({ q: locked.username }))}`);
    const row = page.getByRole('row').filter({ hasText: locked.username });
    await row.getByText('Tạm khóa đến', { exact: false }).waitFor();
    await row.click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]+$/);
    await page.getByRole('button', { name: 'Mở khóa đăng nhập' }).click();
    await page.getByText('Mở khóa đăng nhập cho Đỗ Thị Khóa?').waitFor();
    await screenshot(page, 'editing-06-unlock-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Mở khóa đăng nhập' }).click();
    await page.getByText('Đã mở khóa đăng nhập.').waitFor();
    // the button is gone once the lock is lifted
    await page.getByRole('button', { name: 'Mở khóa đăng nhập' }).waitFor({ state: 'detached' });

    const [user] = await t.db.query(`SELECT failed_logins, locked_until FROM users WHERE id = $1`, [locked.id]);
    expect(user).toEqual({ failed_logins: 0, locked_until: null });
    await t.http().post('/api/auth/login').send({ username: locked.username, password: locked.password }).expect(200);
    await page.close();
  });
});
