import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTree, createUser, login } from '../factories/index.js';
import { createSurvey } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ensureAdminBuilt, launchChromium, listen, loginAs, newContext, openPage, screenshot, SETUP_TIMEOUT } from './harness.js';

/**
 * Issue 19 item 10: a district with no FAQ or survey of its own was told "Chưa có Câu hỏi thường
 * gặp", although the province's entries answer its members. The lists now show a second tab with
 * what came from above, read only and marked with the committee it came from.
 */
describe('content from above in Chromium: the FAQ and surveys the province sent a district', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let districtEditor: { username: string; password: string };

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
});
