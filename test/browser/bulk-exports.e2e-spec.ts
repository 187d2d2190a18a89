import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Committee } from '../../src/committees/committee.entity.js';
import { createDocument } from '../factories/content.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ensureAdminBuilt, launchChromium, listen, loginAs, openPage, screenshot, SETUP_TIMEOUT } from './harness.js';

type Account = { username: string; password: string };

/**
 * What the react-admin demo has and the dashboard lacked (issue 19 #13, and #6's toolbars): bulk
 * actions on the chosen rows, exports that Vietnamese Excel opens in columns, breadcrumbs on record
 * pages, list toolbars that keep their words on a phone.
 */
describe('bulk actions, exports, breadcrumbs and phone toolbars, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let base: string;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let editor: Account;
  let secretary: Account;

  const statusOf = async (id: string) => (await t.db.query(`SELECT status FROM documents WHERE id = $1`, [id]))[0].status as string;
  /** The table row whose text holds `text`. */
  const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

  beforeAll(async () => {
    browser = await launchChromium();
    desktop = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    for (const c of [desktop, phone]) c.setDefaultTimeout(30_000);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);
    tree = await createTree(t.db);
    editor = await createUser(t.db, 'editor', tree.districtA, { fullName: 'Phạm Thị Biên Tập' });
    secretary = await createUser(t.db, 'secretary', tree.branchA, { fullName: 'Hoàng Văn Bí Thư' });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('publishes the chosen documents from the list in one action', async () => {
    const a = await createDocument(t.db, tree.districtA, { title: 'Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng', status: 'draft' });
    const b = await createDocument(t.db, tree.branchA, { title: 'Thông báo lịch sinh hoạt chi bộ tháng 12', status: 'draft' });
    const other = await createDocument(t.db, tree.districtA, { title: 'Hướng dẫn giữ nguyên bản nháp', status: 'draft' });
    const page = await openPage(desktop, base);
    await loginAs(page, base, editor);
    await page.goto(`${base}/admin/documents`);
    for (const title of [a.title, b.title]) await row(page, title).getByRole('checkbox').check();
    await page.getByText('Đã chọn 2 mục').waitFor();
    await screenshot(page, 'bulk-01-documents-selected-desktop');
    await page.getByRole('button', { name: 'Đăng', exact: true }).click();
    await page.getByText('Đã đăng 2 mục (0 mục đã đăng từ trước).').waitFor();
    expect(await statusOf(a.id)).toBe('published');
    expect(await statusOf(b.id)).toBe('published');
    expect(await statusOf(other.id)).toBe('draft');
    // each as the single publish would be: audited one by one
    const audit = await t.db.query(`SELECT entity_id FROM audit_log WHERE action = 'document.publish' ORDER BY entity_id`);
    expect(audit.map((r: { entity_id: string }) => r.entity_id).sort()).toEqual([a.id, b.id].sort());
    // the rows show it, and the selection is gone
    await row(page, a.title).getByText('Đã đăng').waitFor();
    await page.getByText('Đã chọn 2 mục').waitFor({ state: 'detached' });
    await page.close();
  });

  it('exports the documents as CSV with ";" between cells, which Vietnamese Excel opens in columns', async () => {
    await createDocument(t.db, tree.districtA, { title: 'Quyết định số 15; về kiện toàn ban chỉ đạo', status: 'published' });
    const page = await openPage(desktop, base);
    await loginAs(page, base, editor);
    await page.goto(`${base}/admin/documents`);
    await page.getByText('Quyết định số 15; về kiện toàn ban chỉ đạo').waitFor();
    await page.getByRole('button', { name: 'Xuất danh sách' }).click();
    const items = await page.getByRole('menuitem').allInnerTexts();
    expect(items).toEqual(['Excel (.xlsx)', 'CSV (dấu phẩy)', 'CSV (dấu chấm phẩy, Excel tiếng Việt)']);
    await page.waitForTimeout(300); // the menu's fade-in, for the screenshot only
    await screenshot(page, 'bulk-02-export-menu-desktop');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV (dấu chấm phẩy, Excel tiếng Việt)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^van-ban-\d{8}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const firstLine = text.slice(1, text.indexOf('\r\n'));
    expect(firstLine.split(';').slice(0, 3)).toEqual(['Số hiệu', 'Tiêu đề', 'Loại văn bản']);
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows.map((r) => r[1])).toContain('Quyết định số 15; về kiện toàn ban chỉ đạo');
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
    await page.getByText(`Đã tải về ${download.suggestedFilename()}.`).waitFor();
    await page.close();
  });

  it('shows a breadcrumb on record pages: Trang chủ › Văn bản › the title, Trang chủ › Đảng viên › the name', async () => {
    const doc = await createDocument(t.db, tree.districtA, { title: 'Chỉ thị về tăng cường công tác kiểm tra' });
    const page = await openPage(desktop, base);
    await loginAs(page, base, editor);
    for (const path of [`/documents/${doc.id}/show`, `/documents/${doc.id}`]) {
      await page.goto(`${base}/admin${path}`);
      const trail = page.getByRole('navigation', { name: 'Vị trí trang' });
      await trail.getByText(doc.title).waitFor();
      expect((await trail.innerText()).split('\n').filter(Boolean)).toEqual(['Trang chủ', 'Văn bản', doc.title]);
    }
    await screenshot(page, 'bulk-03-breadcrumb-document-edit-desktop');
    // its links lead back up
    await page.getByRole('navigation', { name: 'Vị trí trang' }).getByRole('link', { name: 'Văn bản' }).click();
    await page.waitForURL('**/admin/documents');
    // a list page has no breadcrumb
    await page.getByRole('navigation', { name: 'Vị trí trang' }).waitFor({ state: 'detached' });

    const member = await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn An' });
    const staff = await openPage(desktop, base);
    await loginAs(staff, base, secretary);
    await staff.goto(`${base}/admin/members/${member.id}/show`);
    const trail = staff.getByRole('navigation', { name: 'Vị trí trang' });
    await trail.getByText('Nguyễn Văn An').waitFor();
    expect((await trail.innerText()).split('\n').filter(Boolean)).toEqual(['Trang chủ', 'Đảng viên', 'Nguyễn Văn An']);
    await screenshot(staff, 'bulk-04-breadcrumb-member-desktop');
    await staff.close();
  });

  it('approves the chosen correction requests from the list, and issues accounts to chosen members', async () => {
    const asked: { member: string; id: string }[] = [];
    for (const [name, phone] of [
      ['Lê Thị Hoa', '0981234001'],
      ['Trần Văn Bình', '0981234002'],
    ]) {
      const m = await createMember(t.db, tree.branchA, { fullName: name, phone: '0911000000' });
      const token = (await login(t.http, await createUser(t.db, 'member', tree.branchA, { memberId: m.id }))).accessToken;
      const res = await t
        .http()
        .post('/api/me/corrections')
        .set('Authorization', `Bearer ${token}`)
        .send({ changes: { phone }, reason: 'Đổi số điện thoại' })
        .expect(201);
      asked.push({ member: m.id, id: res.body.id });
    }
    const page = await openPage(desktop, base);
    await loginAs(page, base, secretary);
    await page.goto(`${base}/admin/corrections`);
    for (const name of ['Lê Thị Hoa', 'Trần Văn Bình']) await row(page, name).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Duyệt 2 yêu cầu sửa thông tin' });
    await dialog.waitFor();
    await page.waitForTimeout(300); // the dialog's fade-in, for the screenshot only
    await screenshot(page, 'bulk-05-corrections-approve-desktop');
    await dialog.getByRole('button', { name: 'Duyệt' }).click();
    await page.getByText('Đã duyệt 2 yêu cầu; hồ sơ Đảng viên đã được cập nhật.').waitFor();
    const phones = await t.db.query(`SELECT phone FROM members WHERE id = ANY($1) ORDER BY phone`, [asked.map((a) => a.member)]);
    expect(phones.map((p: { phone: string }) => p.phone)).toEqual(['0981234001', '0981234002']);

    // accounts for two chosen members of the register
    const chosen = [
      await createMember(t.db, tree.branchA, { fullName: 'Vi Văn Chọn' }),
      await createMember(t.db, tree.branchA, { fullName: 'Ma Thị Chọn' }),
    ];
    await page.goto(`${base}/admin/members`);
    for (const m of chosen) await row(page, m.fullName).getByRole('checkbox').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Cấp tài khoản' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tai-khoan-.*\.xlsx$/);
    const accounts = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE member_id = ANY($1)`, [chosen.map((m) => m.id)]);
    expect(accounts[0].n).toBe(2);
    await page.close();
  });

  it('on a phone, list toolbars keep their words and nothing runs off the screen', async () => {
    await createDocument(t.db, tree.districtA, { title: 'Kết luận của Ban Thường vụ Huyện ủy về công tác cán bộ' });
    await createNews(t.db, tree.districtA, { title: 'Huyện ủy Đại Từ tổng kết công tác năm' });
    await createMember(t.db, tree.branchA, { fullName: 'Đặng Văn Điện Thoại' });
    const page = await openPage(phone, base);
    await loginAs(page, base, editor);
    for (const [path, shot] of [
      ['documents', 'bulk-06-documents-phone'],
      ['news', 'bulk-07-news-phone'],
    ] as const) {
      await page.goto(`${base}/admin/${path}`);
      const exportButton = page.getByRole('button', { name: 'Xuất danh sách' });
      await exportButton.waitFor();
      // the words are on the screen, not only in a tooltip or an aria-label
      expect(await exportButton.textContent()).toContain('Xuất danh sách');
      expect(await page.getByRole('button', { name: 'Thêm bộ lọc' }).textContent()).toContain('Thêm bộ lọc');
      const create = page.getByRole('link', { name: 'Thêm mới' });
      expect(await create.textContent()).toContain('Thêm mới');
      const box = await exportButton.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(390);
      await screenshot(page, shot);
    }
    // a record page on a phone: the breadcrumb wraps rather than running off
    const doc = await createDocument(t.db, tree.districtA as Committee, {
      title: 'Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ trong tình hình mới',
    });
    await page.goto(`${base}/admin/documents/${doc.id}/show`);
    await page.getByRole('navigation', { name: 'Vị trí trang' }).getByText(doc.title).waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the record's title keeps to two lines in the bar: it does not grow over the breadcrumb
    const bar = await page.locator('header').boundingBox();
    const crumbs = await page.getByRole('navigation', { name: 'Vị trí trang' }).boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(crumbs!.y);
    await screenshot(page, 'bulk-08-breadcrumb-phone');
    await page.close();

    // the member list of a secretary: its four toolbar buttons keep their words too
    const staff = await openPage(phone, base);
    await loginAs(staff, base, secretary);
    await staff.goto(`${base}/admin/members`);
    const importButton = staff.getByRole('link', { name: 'Nhập từ tệp' });
    await importButton.waitFor();
    expect(await importButton.textContent()).toContain('Nhập từ tệp');
    expect(await staff.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(staff, 'bulk-09-members-phone');
    await staff.close();
  });
});
