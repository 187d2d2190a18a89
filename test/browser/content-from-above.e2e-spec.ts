import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Committee } from '../../src/committees/committee.entity.js';
import { createDocument } from '../factories/content.js';
import { createCommittee, createTree, createUser, login } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createSurvey } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ensureAdminBuilt, launchChromium, listen, loginAs, newContext, openPage, screenshot, SETUP_TIMEOUT } from './harness.js';

/**
 * Issue 19 item 10: a district with no FAQ or survey of its own was told "Chưa có Câu hỏi thường
 * gặp", although the province's entries answer its members. The lists now show a second tab with
 * what came from above, read only and marked with the committee it came from.
 */
describe('content from above in Chromium: the FAQ, surveys, documents and news the province sent a district', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let districtEditor: { username: string; password: string };
  let khoi: Committee;
  let khoicoquan: { username: string; password: string };

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);
    tree = await createTree(t.db);
    districtEditor = await createUser(t.db, 'editor', tree.districtA, { fullName: 'Lê Biên Tập Huyện' });
    const provinceEditor = await createUser(t.db, 'editor', tree.province, { fullName: 'Phạm Biên Tập Tỉnh' });
    const token = (await login(t.http, provinceEditor)).accessToken;
    await t
      .http()
      .post('/api/faqs')
      .set('Authorization', `Bearer ${token}`)
      .send({
        committeeId: tree.province.id,
        question: 'Mức đóng đảng phí hằng tháng là bao nhiêu?',
        answer: '<p>Đảng viên hưởng lương đóng 1% tiền lương hằng tháng.</p>',
        category: 'Đảng phí',
        keywords: [],
        published: true,
      })
      .expect(201);
    await createSurvey(t.db, tree.province, { title: 'Lấy ý kiến về dự thảo Văn kiện Đại hội' });
    // the demo's khoicoquan: a bloc committee under the province with nothing of its own
    khoi = await createCommittee(t.db, { parent: tree.province, name: 'Đảng bộ Khối các cơ quan tỉnh' });
    khoicoquan = await createUser(t.db, 'committee_admin', khoi, { username: 'khoicoquan', fullName: 'Nguyễn Văn Khối' });
    await createDocument(t.db, tree.province, {
      title: 'Nghị quyết về chuyển đổi số trong công tác đảng',
      number: '15-NQ/TU',
      summary: 'Đẩy mạnh ứng dụng Sổ tay Đảng viên điện tử trong sinh hoạt chi bộ.',
    });
    await createDocument(t.db, tree.province, { title: 'Dự thảo kế hoạch chưa ban hành', status: 'draft', publishedAt: null });
    await createDocument(t.db, tree.districtA, { title: 'Thông báo của Huyện ủy Đại Từ' });
    await createNews(t.db, tree.province, { title: 'Hội nghị quán triệt Nghị quyết của Tỉnh ủy', summary: 'Tóm tắt hội nghị.' });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the province’s FAQ entries and surveys to a district with none of its own, read only', async () => {
    const page = await openPage(context, base);
    await loginAs(page, base, districtEditor);
    await page.goto(`${base}/admin/faqs`);
    // no "Chưa có Câu hỏi thường gặp. Bạn có muốn thêm mới không?": the tabs, and the way to what came from above
    await page.getByRole('tab', { name: 'Của đơn vị' }).waitFor();
    expect(await page.getByText('Bạn có muốn thêm mới không?').count()).toBe(0);
    await page.getByRole('tab', { name: 'Từ cấp trên (chỉ xem)' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Mức đóng đảng phí hằng tháng là bao nhiêu?' });
    await row.waitFor();
    expect(await row.innerText()).toContain(tree.province.name);
    await page.getByText('Chỉ xem: việc sửa do cấp trên thực hiện.', { exact: false }).waitFor();
    // clicking the row does not open an edit form (the API would refuse it): its answer opens under it
    await row.getByText('Mức đóng đảng phí hằng tháng là bao nhiêu?').click();
    await page.getByText('Đảng viên hưởng lương đóng 1% tiền lương hằng tháng.').waitFor();
    expect(page.url()).toMatch(/\/admin\/faqs/);
    expect(page.url()).not.toMatch(/\/admin\/faqs\/[0-9a-f-]{36}/);
    await screenshot(page, 'content-from-above-01-faq');

    await page.goto(`${base}/admin/surveys`);
    await page.getByRole('tab', { name: 'Từ cấp trên (chỉ xem)' }).click();
    const survey = page.getByRole('row').filter({ hasText: 'Lấy ý kiến về dự thảo Văn kiện Đại hội' });
    await survey.waitFor();
    expect(await survey.innerText()).toContain(tree.province.name);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'content-from-above-02-surveys-phone');
    await page.close();
  });

  it('shows khoicoquan the province’s published documents and news under “Từ cấp trên”, not a sibling’s, read only', async () => {
    const page = await openPage(context, base);
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, base, khoicoquan);
    await page.goto(`${base}/admin/documents`);
    await page.getByRole('tab', { name: 'Của đơn vị' }).waitFor();
    await page.getByRole('tab', { name: 'Từ cấp trên (chỉ xem)' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Nghị quyết về chuyển đổi số trong công tác đảng' });
    await row.waitFor();
    expect(await row.innerText()).toContain(tree.province.name);
    expect(await row.innerText()).toContain('15-NQ/TU');
    // a draft of the province and a document of another district do not reach the bloc
    expect(await page.getByText('Dự thảo kế hoạch chưa ban hành').count()).toBe(0);
    expect(await page.getByText('Thông báo của Huyện ủy Đại Từ').count()).toBe(0);
    await page.getByText('Chỉ xem: việc sửa do cấp trên thực hiện.', { exact: false }).waitFor();
    // read only: the row opens its summary under it, not the document's page
    await row.getByText('Nghị quyết về chuyển đổi số trong công tác đảng').click();
    await page.getByText('Đẩy mạnh ứng dụng Sổ tay Đảng viên điện tử trong sinh hoạt chi bộ.').waitFor();
    expect(page.url()).not.toMatch(/\/admin\/documents\/[0-9a-f-]{36}/);
    // the tab survives a reload (it is in the address)
    await page.reload();
    await page.getByRole('row').filter({ hasText: 'Nghị quyết về chuyển đổi số trong công tác đảng' }).waitFor();
    await screenshot(page, 'content-from-above-03-documents');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText('Nghị quyết về chuyển đổi số trong công tác đảng').first().waitFor();
    // the phone layout replaces the table once the resize is seen: nothing wider than the screen
    await page.waitForFunction(() => (globalThis as any).document.documentElement.scrollWidth <= 390, undefined, { timeout: 5_000 });
    await screenshot(page, 'content-from-above-04-documents-phone');

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/admin/news`);
    await page.getByRole('tab', { name: 'Từ cấp trên (chỉ xem)' }).click();
    const news = page.getByRole('row').filter({ hasText: 'Hội nghị quán triệt Nghị quyết của Tỉnh ủy' });
    await news.waitFor();
    expect(await news.innerText()).toContain(tree.province.name);
    await screenshot(page, 'content-from-above-05-news');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText('Hội nghị quán triệt Nghị quyết của Tỉnh ủy').first().waitFor();
    // the phone layout replaces the table once the resize is seen: nothing wider than the screen
    await page.waitForFunction(() => (globalThis as any).document.documentElement.scrollWidth <= 390, undefined, { timeout: 5_000 });
    await screenshot(page, 'content-from-above-06-news-phone');
    await page.close();
  });
});
