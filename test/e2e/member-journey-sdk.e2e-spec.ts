import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createSoTayClient, type SoTayClient } from '../../clients/typescript/index.js';
import { createDocument, pdfBytes } from '../factories/content.js';
import { createTree, createUser } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createSurvey } from '../factories/surveys.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A member's whole journey through the generated TypeScript SDK only (clients/typescript:
 * openapi-fetch typed by openapi.json), against the app listening on an ephemeral port: what a
 * mobile team's client does. The data comes from the factories; the FAQ entry is written by an
 * editor through the same SDK.
 */
describe('a member journey through the generated SDK (clients/typescript)', () => {
  let t: TestApp;
  let baseUrl: string;
  const contract = OpenApiContract.fromRepository();
  /** Every SDK exchange goes through the suite's contract check (test/support/openapi-contract.ts). */
  const violations: string[] = [];
  let checked = 0;
  /** What each request sent, read before fetch consumes it. */
  const bodies = new WeakMap<Request, string>();

  /** A client whose calls carry its `token` as a bearer token once it is set. */
  function client(): SoTayClient & { token?: string } {
    const api: SoTayClient & { token?: string } = createSoTayClient({ baseUrl });
    api.use({
      onRequest: async ({ request }) => {
        if (api.token) request.headers.set('Authorization', `Bearer ${api.token}`);
        if (request.body) bodies.set(request, await request.clone().text());
        return request;
      },
      onResponse: async ({ request, response }) => {
        const text = await response.clone().text();
        const type = response.headers.get('content-type') ?? '';
        const url = new URL(request.url);
        const sent = bodies.get(request);
        const requestBody = sent && request.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(sent) : undefined;
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        checked++;
        violations.push(
          ...contract.check({
            method: request.method,
            url: url.pathname + url.search,
            status: response.status,
            headers,
            body: type.startsWith('application/json') && text ? JSON.parse(text) : undefined,
            text: type.startsWith('application/json') || type.startsWith('text/') ? text : undefined,
            requestBody,
          }),
        );
        return response;
      },
    });
    return api;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => t?.close());

  it('logs in, changes the issued password, registers the device, reads (a document and its file), answers, sends events, exports and logs out', async () => {
    const tree = await createTree(t.db);
    const user = await createUser(t.db, 'member', tree.branchA, { mustChangePassword: true });
    const editorUser = await createUser(t.db, 'editor', tree.grassA);
    const news = await createNews(t.db, tree.grassA, { title: 'Hội nghị học tập nghị quyết' });
    const document = await createDocument(t.db, tree.grassA, { title: 'Điều lệ Đảng' });
    const survey = await createSurvey(t.db, tree.branchA);

    // an editor publishes an FAQ entry, through the same SDK
    const editor = client();
    const editorLogin = await editor.POST('/api/auth/login', { body: { username: editorUser.username, password: editorUser.password } });
    editor.token = editorLogin.data!.accessToken;
    const faq = await editor.POST('/api/faqs', {
      body: {
        committeeId: tree.grassA.id,
        question: 'Mức đóng đảng phí hằng tháng là bao nhiêu?',
        answer: 'Đảng viên hưởng lương đóng 1% tiền lương hằng tháng.',
        category: 'Đảng phí',
        keywords: ['đóng đảng phí bao nhiêu', 'mức đảng phí'],
        published: true,
      },
    });
    expect(faq.response.status).toBe(201);
    // and attaches the document's file (multipart, through the same SDK)
    const pdf = pdfBytes('Dieu le Dang');
    const upload = await editor.POST('/api/documents/{id}/file', {
      params: { path: { id: document.id } },
      body: { file: 'dieu-le-dang.pdf' },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'dieu-le-dang.pdf');
        return form;
      },
    });
    expect(upload.response.status).toBe(200);

    const api = client();

    // login: the issued password must be changed first
    const login = await api.POST('/api/auth/login', { body: { username: user.username, password: user.password } });
    expect(login.response.status).toBe(200);
    expect(login.data!.user.mustChangePassword).toBe(true);
    api.token = login.data!.accessToken;
    const blocked = await api.GET('/api/me');
    expect(blocked.response.status).toBe(403);
    expect(blocked.error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    const changed = await api.POST('/api/auth/password', {
      body: { currentPassword: user.password, newPassword: 'Mat-khau-moi-cua-toi-2026' },
    });
    expect(changed.response.status).toBe(204);
    const me = await api.GET('/api/me');
    expect(me.response.status).toBe(200);
    expect(me.data!.username).toBe(user.username);

    // device registration
    const device = await api.POST('/api/me/devices', {
      body: { deviceId: `install-${randomUUID()}`, platform: 'android', appVersion: '2.3.1' },
    });
    expect(device.response.status).toBe(201);

    // the news feed, revalidated with its ETag
    const feed = await api.GET('/api/me/news');
    expect(feed.response.status).toBe(200);
    expect(feed.data!.items.map((n) => n.id)).toContain(news.id);
    const etag = feed.response.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await api.GET('/api/me/news', { headers: { 'If-None-Match': etag! } });
    expect(again.response.status).toBe(304);
    const item = await api.GET('/api/me/news/{id}', { params: { path: { id: news.id } } });
    expect(item.data!.title).toBe('Hội nghị học tập nghị quyết');

    // a document, bookmarked
    const docs = await api.GET('/api/me/documents');
    expect(docs.data!.items.map((d) => d.id)).toContain(document.id);
    const doc = await api.GET('/api/me/documents/{id}', { params: { path: { id: document.id } } });
    expect(doc.data!.title).toBe('Điều lệ Đảng');
    const file = await api.GET('/api/me/documents/{id}/file', { params: { path: { id: document.id } }, parseAs: 'arrayBuffer' });
    expect(file.response.status).toBe(200);
    expect(file.response.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(Buffer.from(file.data as ArrayBuffer)).toEqual(pdf);
    const bookmark = await api.PUT('/api/me/bookmarks/{documentId}', { params: { path: { documentId: document.id } } });
    expect(bookmark.response.status).toBe(204);
    const bookmarks = await api.GET('/api/me/bookmarks');
    expect(bookmarks.data!.items.map((d) => d.id)).toEqual([document.id]);

    // an FAQ answer
    const answer = await api.GET('/api/faqs/answer', { params: { query: { q: 'mức đóng đảng phí' } } });
    expect(answer.response.status).toBe(200);
    expect(answer.data!.answered).toBe(true);
    expect(answer.data!.matches[0].id).toBe(faq.data!.id);

    // a survey answered
    const surveys = await api.GET('/api/me/surveys');
    expect(surveys.data!.items.map((s) => s.id)).toContain(survey.id);
    const detail = await api.GET('/api/me/surveys/{id}', { params: { path: { id: survey.id } } });
    const question = detail.data!.questions[0];
    const submitted = await api.POST('/api/me/surveys/{id}/responses', {
      params: { path: { id: survey.id } },
      body: { answers: [{ questionId: question.id, optionIds: [question.options[0].id] }] },
    });
    expect(submitted.response.status).toBe(201);

    // events sent
    const now = new Date().toISOString();
    const events = await api.POST('/api/me/events', {
      body: {
        events: [
          { id: randomUUID(), type: 'app_open', occurredAt: now },
          { id: randomUUID(), type: 'view', targetType: 'document', targetId: document.id, occurredAt: now },
        ],
      },
    });
    expect(events.response.status).toBe(202);

    // own data exported
    const exported = await api.GET('/api/me/export');
    expect(exported.response.status).toBe(200);
    expect(exported.response.headers.get('content-disposition')).toMatch(/^attachment; filename="du-lieu-ca-nhan-/);

    // logout: the token no longer works
    const logout = await api.POST('/api/auth/logout', { body: { refreshToken: login.data!.refreshToken } });
    expect(logout.response.status).toBe(204);
    expect((await api.GET('/api/me')).response.status).toBe(401);
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
