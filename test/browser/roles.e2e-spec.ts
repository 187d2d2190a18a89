import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Committee } from '../../src/committees/committee.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { createMember, createTree, createUser, TEST_PASSWORD } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  ensureAdminBuilt,
  hasFocus,
  launchChromium,
  listen,
  loginAs,
  newContext,
  openPage,
  recordLoadSize,
  screenshot,
  SETUP_TIMEOUT,
} from './harness.js';

/** The menu entries in the sidebar, in order. */
const menuOf = async (page: Page) => {
  const menu = page.locator('.RaSidebar-fixed [role="menuitem"]');
  await menu.first().waitFor();
  return (await menu.allInnerTexts()).map((s) => s.trim());
};

describe('dashboard in Chromium: logins, menus per role, scope', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let outside: Member;
  const users: Record<string, { username: string; password: string }> = {};

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);
    tree = await createTree(t.db);
    const make = async (key: string, role: Parameters<typeof createUser>[1], committee: Committee | null, fullName: string) => {
      users[key] = await createUser(t.db, role, committee, { fullName });
    };
    await make('admin', 'admin', null, 'Quản Trị Hệ Thống');
    await make('committee_admin', 'committee_admin', tree.districtA, 'Hoàng Văn Huyện');
    await make('secretary', 'secretary', tree.branchA, 'Lê Thị Bí Thư');
    await make('editor', 'editor', tree.province, 'Phạm Biên Tập');
    await make('member', 'member', tree.branchA, 'Đảng Viên Thường');
    await createMember(t.db, tree.branchA, { fullName: 'Nguyễn Văn Trong Phạm Vi' });
    outside = await createMember(t.db, tree.branchB, { fullName: 'Trần Văn Ngoài Phạm Vi' });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in with the keyboard alone: labelled inputs, Tab and Enter; no chart code before login', async () => {
    const page = await openPage(context, base);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (['script', 'stylesheet'].includes(r.resourceType())) scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${base}/admin/login`);
    const username = page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true });
    const password = page.getByRole('textbox', { name: 'Mật khẩu', exact: true });
    await username.waitFor();
    await screenshot(page, 'roles-01-login');
    // the login page needs the app's own code and the vendor chunks, not the charts of the home page
    // nor the content forms' rich-text editor
    expect(scripts.some((s) => /AnalyticsDashboard|NewsBodyInput/.test(s))).toBe(false);
    // what the login page needed, for the README's first-load size (artifacts/first-load.json): a
    // budget, so that a library pulled into the vendor chunks by mistake shows (432 KB gzip when
    // written; 560 KB while the editor was in them)
    const firstLoad = recordLoadSize('first-load', scripts);
    expect(firstLoad.gzip).toBeGreaterThan(0);
    expect(firstLoad.gzip).toBeLessThan(480_000);

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 5 && !(await hasFocus(username)); i++) await page.keyboard.press('Tab');
    expect(await hasFocus(username)).toBe(true);
    await page.keyboard.type(users.admin.username);
    await page.keyboard.press('Tab');
    expect(await hasFocus(password)).toBe(true);
    await page.keyboard.type(users.admin.password);
    await page.keyboard.press('Enter');
    await page.getByText('Xin chào, Quản Trị Hệ Thống!').waitFor();
    expect(scripts.some((s) => /AnalyticsDashboard/.test(s))).toBe(true);
    await page.close();
  });

  it('refuses a wrong password and a member account on the login page', async () => {
    const page = await openPage(context, base);
    await page.goto(`${base}/admin/login`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(users.admin.username);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('sai-mat-khau-roi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();

    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(users.member.username);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Tài khoản Đảng viên không dùng trang quản trị.', { exact: false }).waitFor();
    await screenshot(page, 'roles-02-member-refused');
    expect(page.url()).toContain('/admin/login');
    await page.close();
  });

  const MENUS: Record<string, { shown: string[]; hidden: string[] }> = {
    admin: {
      shown: ['Tổ chức đảng', 'Đảng viên', 'Yêu cầu sửa thông tin', 'Tài khoản', 'Nhật ký hoạt động', 'Nhập danh sách Đảng viên'],
      hidden: [],
    },
    committee_admin: {
      shown: ['Tổ chức đảng', 'Đảng viên', 'Yêu cầu sửa thông tin', 'Tài khoản', 'Nhật ký hoạt động', 'Nhập danh sách Đảng viên'],
      hidden: [],
    },
    secretary: {
      shown: ['Đảng viên', 'Yêu cầu sửa thông tin', 'Nhập danh sách Đảng viên', 'Cấp tài khoản Đảng viên'],
      hidden: ['Tổ chức đảng', 'Tài khoản', 'Nhật ký hoạt động'],
    },
    editor: {
      shown: [],
      hidden: ['Tổ chức đảng', 'Đảng viên', 'Yêu cầu sửa thông tin', 'Tài khoản', 'Nhật ký hoạt động', 'Nhập danh sách Đảng viên'],
    },
  };

  for (const role of Object.keys(MENUS)) {
    it(`shows a ${role} the menu of that role`, async () => {
      const page = await openPage(context, base);
      await loginAs(page, base, users[role]);
      const menu = await menuOf(page);
      await screenshot(page, `roles-03-menu-${role}`);
      expect(menu[0]).toBe('Trang chủ');
      for (const entry of MENUS[role].shown) expect(menu).toContain(entry);
      for (const entry of MENUS[role].hidden) expect(menu).not.toContain(entry);
      await page.close();
    });
  }

  it('answers "not found" for a member record outside the scope, opened by its URL', async () => {
    const page = await openPage(context, base);
    await loginAs(page, base, users.committee_admin);
    await page.goto(`${base}/admin/members/${outside.id}/show`);
    await page
      .getByText(/Không tìm thấy bản ghi, hoặc bản ghi nằm ngoài phạm vi quản lý của bạn|Mục không tồn tại/)
      .first()
      .waitFor();
    await screenshot(page, 'roles-04-member-out-of-scope');
    await expect(page.getByText('Trần Văn Ngoài Phạm Vi').count()).resolves.toBe(0);

    // the home dashboard drilled into a committee outside the scope says the same
    await page.goto(`${base}/admin/?committeeId=${tree.districtB.id}`);
    await page.getByTestId('analytics-not-found').waitFor();
    await expect(page.getByText(tree.districtB.name).count()).resolves.toBe(0);
    await screenshot(page, 'roles-05-dashboard-out-of-scope');
    await page.close();
  });
});
