import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Committee } from '../../src/committees/committee.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { appOpen, at, daysAgo, sendEvents, view } from '../factories/analytics.js';
import { createDocument } from '../factories/content.js';
import { createCommittee, createMember, createUser, login } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  ARTIFACTS,
  ensureAdminBuilt,
  focusedLabel,
  launchChromium,
  listen,
  loginAs,
  newContext,
  openPage,
  screenshot,
  SETUP_TIMEOUT,
} from './harness.js';

/** The dashboard's number formats (vi-VN), to compare what the page shows with what the API answered. */
const percent = (rate: number) => new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
const num = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const decimal = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);
const vnDate = (iso: string) => iso.split('-').reverse().join('/');
/** The dashboard drilled down into `committee`. */
const drilledInto = (committee: Committee) => (url: URL) =>
  /^\/admin\/?$/.test(url.pathname) && url.searchParams.get('committeeId') === String(committee.id);

describe('home dashboard in Chromium: the figures of the analytics API, drill-down, keyboard', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let province: Committee;
  let districts: Record<'behind' | 'middle' | 'ahead', Committee>;
  let branches: Record<'behind' | 'middle' | 'ahead', Committee>;
  const users: Record<string, { username: string; password: string }> = {};
  const tokens: Record<string, string> = {};

  /** GET an analytics report as `who`, the way the dashboard asks for it. */
  const api = async (who: string, path: string) => {
    const res = await t.http().get(`/api/analytics/${path}`).set('Authorization', `Bearer ${tokens[who]}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    browser = await launchChromium();
    context = await newContext(browser);
    await ensureAdminBuilt();
    t = await createTestApp();
    base = await listen(t);

    province = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Thái Nguyên', targetInstallRate: 0.6 });
    districts = {
      behind: await createCommittee(t.db, { parent: province, name: 'Huyện ủy Định Hóa' }),
      middle: await createCommittee(t.db, { parent: province, name: 'Huyện ủy Đại Từ' }),
      ahead: await createCommittee(t.db, { parent: province, name: 'Đảng bộ Khối các cơ quan tỉnh' }),
    };
    branches = {} as typeof branches;
    for (const key of ['behind', 'middle', 'ahead'] as const) {
      const grassroots = await createCommittee(t.db, { parent: districts[key], name: `Đảng bộ xã thuộc ${districts[key].name}` });
      branches[key] = await createCommittee(t.db, { parent: grassroots, name: `Chi bộ số 1 thuộc ${districts[key].name}` });
    }
    // installs: behind 1/4, middle 3/4, ahead 2/2 (the first install 40 days ago, the last 3 days ago)
    const installed = (days: number) => ({ installedAt: new Date(at(daysAgo(days), '10:00')) });
    const members: Member[] = [];
    const add = async (key: keyof typeof branches, over: Partial<Member>) => {
      members.push(await createMember(t.db, branches[key], over));
      return members[members.length - 1];
    };
    const behind1 = await add('behind', installed(12));
    await add('behind', { notInstalledReason: 'elderly' });
    await add('behind', { notInstalledReason: 'no_smartphone' });
    await add('behind', { status: 'probationary', officialAt: null });
    const middle1 = await add('middle', installed(40));
    await add('middle', installed(25));
    await add('middle', { status: 'probationary', officialAt: null, ...installed(3) });
    await add('middle', { exempted: true, exemptedAt: '2023-05-01', notInstalledReason: 'exempted' });
    const ahead1 = await add('ahead', installed(30));
    await add('ahead', installed(20));

    users.provinceAdmin = await createUser(t.db, 'committee_admin', province, { fullName: 'Cán Bộ Tỉnh Ủy' });
    users.secretary = await createUser(t.db, 'secretary', branches.middle, { fullName: 'Bí Thư Chi Bộ' });
    users.editor = await createUser(t.db, 'editor', province, { fullName: 'Biên Tập Viên' });
    for (const who of Object.keys(users)) tokens[who] = (await login(t.http, users[who])).accessToken;

    // the rollout: two districts live, one in pilot, each change with its start date
    for (const [key, phase, days] of [
      ['ahead', 'live', 35],
      ['middle', 'live', 28],
      ['behind', 'pilot', 14],
    ] as const) {
      const res = await t
        .http()
        .post(`/api/committees/${districts[key].id}/phase`)
        .set('Authorization', `Bearer ${tokens.provinceAdmin}`)
        .send({ phase, startedOn: daysAgo(days) });
      if (res.status >= 300) throw new Error(`phase change: ${res.status} ${JSON.stringify(res.body)}`);
    }

    // usage: app starts on several days, and views of one news item and one document
    const news = await createNews(t.db, province, { title: 'Hội nghị học tập Nghị quyết Đại hội Đảng bộ tỉnh' });
    const doc = await createDocument(t.db, province, { title: 'Nghị quyết về chuyển đổi số trong công tác đảng' });
    const memberToken = async (m: Member, c: Committee) =>
      (await login(t.http, await createUser(t.db, 'member', c, { memberId: m.id }))).accessToken;
    const visitors = [
      [await memberToken(behind1, branches.behind), [1, 2]],
      [await memberToken(middle1, branches.middle), [1, 3, 5, 8]],
      [await memberToken(ahead1, branches.ahead), [1, 2, 3, 4, 6, 10]],
    ] as const;
    for (const [token, days] of visitors) {
      const events = days.flatMap((d) => [appOpen(at(daysAgo(d), '08:00')), view('news', news.id, at(daysAgo(d), '08:05'))]);
      events.push(view('document', doc.id, at(daysAgo(days[0]), '08:10')));
      const res = await sendEvents(t.http, token, events);
      if (res.status !== 202) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the headline figures, the bars, the rollout, the curves and the top content that the API returns', async () => {
    const rates = await api('provinceAdmin', 'install-rates');
    const rollout = await api('provinceAdmin', 'rollout');
    const visits = await api('provinceAdmin', `visits?from=${daysAgo(89)}`);
    const top = await api('provinceAdmin', `top-content?from=${daysAgo(89)}&limit=10`);
    expect(rates.children).toHaveLength(3);

    const page = await openPage(context, base);
    await loginAs(page, base, users.provinceAdmin);
    await page.getByTestId('headline-install-rate-value').waitFor();
    await page.locator('[data-testid="install-rate-by-child"] a.install-rate-bar').first().waitFor();
    await page.getByTestId('visits-average').waitFor();
    await page.getByTestId('top-content').waitFor();
    await screenshot(page, 'dashboard-01-province');

    // headline: the overall rate and the full members' rate
    expect(await text(page, 'headline-install-rate-value')).toBe(percent(rates.total.rate));
    expect(await text(page, 'headline-install-rate-caption')).toBe(
      `${num(rates.total.installed)} / ${num(rates.total.members)} Đảng viên đã cài đặt`,
    );
    expect(await text(page, 'headline-official-value')).toBe(percent(rates.total.official.rate));
    // visits with the average and its window
    expect(await text(page, 'headline-visits-value')).toBe(num(visits.total.visits));
    const avg = visits.averagePerDay;
    expect(await text(page, 'headline-visits-caption')).toBe(
      `Trung bình/ngày (từ ${vnDate(avg.window.from)} đến ${vnDate(avg.window.to)}, ${avg.window.days} ngày có số liệu, không tính hôm nay): ${decimal(avg.visits)} lượt`,
    );
    // the rollout: "2/3 đơn vị đã triển khai chính thức"
    const live = `${rollout.children.byPhase.live}/${rollout.children.total} đơn vị đã triển khai chính thức`;
    expect(live).toBe('2/3 đơn vị đã triển khai chính thức');
    expect(await text(page, 'rollout-live')).toBe(live);

    // one bar per direct sub-committee, lowest rate first, labelled with the API's rate
    const sorted = [...rates.children].sort((a: { rate: number }, b: { rate: number }) => a.rate - b.rate);
    const bars = page.locator('[data-testid="install-rate-by-child"] a.install-rate-bar');
    expect(await bars.count()).toBe(3);
    const labels = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(labels).toEqual(
      sorted.map((c: { name: string; rate: number; installed: number; members: number }) =>
        expect.stringContaining(`Xem ${c.name}: ${percent(c.rate)} (${num(c.installed)}/${num(c.members)}), `),
      ),
    );
    const barTexts = await page.locator('[data-testid="install-rate-by-child"] .recharts-label-list text').allTextContents();
    expect(barTexts).toEqual(sorted.map((c: { rate: number }) => expect.stringContaining(` ${percent(c.rate)} / ${percent(0.6)}`)));
    expect(sorted.map((c: { name: string }) => c.name)).toEqual([districts.behind.name, districts.middle.name, districts.ahead.name]);

    // the install curve marks the phase changes; the not-installed reasons are the API's
    const markers = await text(page, 'phase-markers');
    expect(markers).toContain(`${vnDate(daysAgo(28))}: ${districts.middle.name} chuyển sang “Triển khai chính thức”`);
    expect(markers).toContain(`${vnDate(daysAgo(14))}: ${districts.behind.name} chuyển sang “Thí điểm”`);
    expect(await page.locator('[data-testid="install-timeline"] .recharts-reference-line').count()).toBe(3);
    expect(await text(page, 'not-installed')).toContain(`Cao tuổi ${num(rates.total.notInstalledByReason.elderly)}`);

    // the visits chart draws one bar per day of the window; the top content is the API's ranking
    expect(await page.locator('[data-testid="visits-chart"] .recharts-bar-rectangle').count()).toBe(
      visits.series.filter((d: { visits: number }) => d.visits > 0).length,
    );
    const topRows = await page.locator('[data-testid="top-content"] tbody tr').allInnerTexts();
    expect(topRows).toHaveLength(top.items.length);
    expect(topRows[0]).toContain(top.items[0].title);
    expect(topRows[0]).toContain(num(top.items[0].views));
    await page.close();
  });

  it('drills down into a sub-committee from its bar, and goes back up by the breadcrumb', async () => {
    const page = await openPage(context, base);
    await loginAs(page, base, users.provinceAdmin);
    const bars = page.locator('[data-testid="install-rate-by-child"] a.install-rate-bar');
    await bars.first().waitFor();
    await bars.first().click();
    await page.waitForURL(drilledInto(districts.behind));
    const child = await api('provinceAdmin', `install-rates?committeeId=${districts.behind.id}`);
    const crumbs = page.getByTestId('committee-breadcrumb');
    await crumbs.getByText(districts.behind.name).waitFor();
    await page.getByTestId('headline-install-rate-value').getByText(percent(child.total.rate), { exact: true }).waitFor();
    expect(child.total.rate).toBe(0.25);
    expect(await text(page, 'headline-install-rate-caption')).toBe('1 / 4 Đảng viên đã cài đặt');
    // its own sub-committee is the next level down
    await page.locator('[data-testid="install-rate-by-child"] a.install-rate-bar').first().waitFor();
    expect(await page.locator('[data-testid="install-rate-by-child"] a.install-rate-bar').count()).toBe(child.children.length);
    await screenshot(page, 'dashboard-02-drill-down');

    await crumbs.getByRole('link', { name: province.name }).click();
    await page.waitForURL(drilledInto(province));
    await page.getByTestId('headline-install-rate-value').getByText(percent(0.6), { exact: true }).waitFor();

    // the period of the curves: 30 days asks the API for 30 days
    const visits30 = await api('provinceAdmin', `visits?committeeId=${province.id}&from=${daysAgo(29)}`);
    await page.getByRole('button', { name: '30 ngày' }).click();
    await page.waitForURL((url) => url.searchParams.get('days') === '30');
    const avg = visits30.averagePerDay;
    await page
      .getByTestId('headline-visits-caption')
      .getByText(
        `Trung bình/ngày (từ ${vnDate(avg.window.from)} đến ${vnDate(avg.window.to)}, ${avg.window.days} ngày có số liệu, không tính hôm nay): ${decimal(avg.visits)} lượt`,
      )
      .waitFor();
    // the first visit was 10 days ago; today is not over
    expect(avg.window).toEqual({ from: daysAgo(10), to: daysAgo(1), days: 10 });
    await page.close();
  });

  it('keeps a drilled-down place and period on a reload, a bookmark or a shared link without the trailing slash', async () => {
    const page = await openPage(context, base);
    await loginAs(page, base, users.provinceAdmin);
    // the address as the browser shows it after a drill-down, typed or pasted without "/admin/"
    await page.goto(`${base}/admin?committeeId=${districts.behind.id}&days=30`);
    await page.waitForURL(drilledInto(districts.behind));
    expect(new URL(page.url()).searchParams.get('days')).toBe('30');
    await page.getByTestId('committee-breadcrumb').getByText(districts.behind.name).waitFor();
    const visits30 = await api('provinceAdmin', `visits?committeeId=${districts.behind.id}&from=${daysAgo(29)}`);
    const avg = visits30.averagePerDay;
    // the 30-day period is the one chosen, and the figures are the API's for it
    await page.getByRole('button', { name: '30 ngày', pressed: true }).waitFor();
    await page
      .getByTestId('headline-visits-caption')
      .getByText(
        `Trung bình/ngày (từ ${vnDate(avg.window.from)} đến ${vnDate(avg.window.to)}, ${avg.window.days} ngày có số liệu, không tính hôm nay): ${decimal(avg.visits)} lượt`,
      )
      .waitFor();
    // and a reload (F5) keeps it too
    await page.reload();
    await page.getByTestId('committee-breadcrumb').getByText(districts.behind.name).waitFor();
    expect(new URL(page.url()).searchParams.get('committeeId')).toBe(String(districts.behind.id));
    await page.close();
  });

  it('can be driven by the keyboard: Tab to a bar, Enter drills down', async () => {
    const page = await openPage(context, base);
    await loginAs(page, base, users.provinceAdmin);
    await page.locator('[data-testid="install-rate-by-child"] a.install-rate-bar').first().waitFor();
    let focused: string | null = null;
    for (let i = 0; i < 80 && !focused?.startsWith('Xem '); i++) {
      await page.keyboard.press('Tab');
      focused = await focusedLabel(page, 'install-rate-bar');
    }
    expect(focused).toContain(districts.behind.name);
    await page.keyboard.press('Enter');
    await page.waitForURL(drilledInto(districts.behind));
    await page.getByTestId('committee-breadcrumb').getByText(districts.behind.name).waitFor();
    await page.close();
  });

  it('shows each sub-committee’s average over its own days with data, and the top content down to a branch', async () => {
    // the province: each district's average per day counts from its own first visit, today left out
    const visits = await api('provinceAdmin', `visits?from=${daysAgo(89)}`);
    const ahead = visits.children.find((c: { committeeId: number }) => c.committeeId === districts.ahead.id);
    // "ahead" first visited 10 days ago: 6 visits over 10 days, not over the 90 of the period
    expect(ahead.averagePerDay).toEqual({ visits: 0.6, uniqueMembers: 0.6, window: { from: daysAgo(10), to: daysAgo(1), days: 10 } });
    const page = await openPage(context, base);
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, base, users.provinceAdmin);
    const row = page.getByTestId('visits-by-child').getByRole('row').filter({ hasText: districts.ahead.name });
    await row.waitFor();
    expect((await row.getByTestId('visits-by-child-average').innerText()).trim()).toBe(`${decimal(0.6)} (10 ngày)`);
    expect(await page.getByTestId('visits-by-child').locator('tbody tr').count()).toBe(visits.children.length);

    // down to the branch: the top-content panel has the branch's own ranking (no notice instead of it)
    await row.getByRole('link', { name: districts.ahead.name }).click();
    await page.waitForURL(drilledInto(districts.ahead));
    const grassroots = page.getByTestId('visits-by-child').getByRole('link');
    await grassroots.first().waitFor();
    await grassroots.first().click();
    await page.getByTestId('visits-by-child').getByRole('link', { name: branches.ahead.name }).click();
    await page.waitForURL(drilledInto(branches.ahead));
    await page.getByTestId('committee-breadcrumb').getByText(branches.ahead.name).waitFor();
    const top = await api('provinceAdmin', `top-content?committeeId=${branches.ahead.id}&from=${daysAgo(89)}&limit=10`);
    expect(top.items.map((i: { title: string; views: number }) => [i.title, i.views])).toEqual([
      ['Hội nghị học tập Nghị quyết Đại hội Đảng bộ tỉnh', 6],
      ['Nghị quyết về chuyển đổi số trong công tác đảng', 1],
    ]);
    const rows = page.locator('[data-testid="top-content"] tbody tr');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Hội nghị học tập Nghị quyết Đại hội Đảng bộ tỉnh');
    expect(texts[0]).toContain('6');
    expect(texts[1]).toContain('Nghị quyết về chuyển đổi số trong công tác đảng');
    expect(await page.getByTestId('card-top-content').innerText()).not.toContain('chỉ được thống kê');
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await screenshot(page, 'dashboard-05-branch-top-content');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-testid="top-content"] tbody tr').first().waitFor();
    // the phone layout replaces the table once the resize is seen: nothing wider than the screen
    await page.waitForFunction(() => (globalThis as any).document.documentElement.scrollWidth <= 390, undefined, { timeout: 5_000 });
    await screenshot(page, 'dashboard-06-branch-top-content-phone');
    await page.getByTestId('card-top-content').screenshot({ path: join(ARTIFACTS, 'dashboard-06b-branch-top-content-card-phone.png') });
    await page.goto(`${base}/admin/?committeeId=${province.id}`);
    await page.getByTestId('visits-by-child').waitFor();
    await screenshot(page, 'dashboard-07-visits-by-child-phone');
    await page.getByTestId('card-visits-by-child').screenshot({ path: join(ARTIFACTS, 'dashboard-07b-visits-by-child-card-phone.png') });
    await page.close();
  });

  it('shows a secretary the figures of their branch only, and an editor the visits and top content only', async () => {
    const branch = await api('secretary', 'install-rates');
    expect(branch.committee.id).toBe(branches.middle.id);

    const secretary = await openPage(context, base);
    await loginAs(secretary, base, users.secretary);
    await secretary.getByTestId('headline-install-rate-value').getByText(percent(branch.total.rate), { exact: true }).waitFor();
    await secretary.getByTestId('card-install-timeline').waitFor();
    expect(await secretary.getByTestId('card-install-rate-by-child').count()).toBe(0);
    expect(await secretary.getByTestId('headline-visits').count()).toBe(0);
    await screenshot(secretary, 'dashboard-03-secretary');
    await secretary.close();

    const visits = await api('editor', `visits?from=${daysAgo(89)}`);
    const editor = await openPage(context, base);
    await loginAs(editor, base, users.editor);
    await editor.getByTestId('headline-visits-value').getByText(num(visits.total.visits), { exact: true }).waitFor();
    await editor.getByTestId('top-content').waitFor();
    expect(await editor.getByTestId('headline-install-rate').count()).toBe(0);
    await screenshot(editor, 'dashboard-04-editor');
    await editor.close();
  });
});
