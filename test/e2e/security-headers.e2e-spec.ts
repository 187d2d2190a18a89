import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { CHROMIUM_PATH, launchChromium, listen } from '../browser/harness.js';
import { createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9 part 4 (OWASP API8:2023 security misconfiguration, API9 inventory): security headers on
 * every answer, CORS only for the configured origins, no internals in any answer, Swagger UI off
 * when asked. docs/security.md links here.
 */

const ERROR_KEYS = ['code', 'message', 'requestId', 'statusCode'];

/** Every TypeScript source of the server (not its tests). */
function serverSources(dir = join(REPO_ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? serverSources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
  );
}

function expectSecurityHeaders(res: { headers: Record<string, string | undefined> }, what: string) {
  const h = res.headers;
  const csp = h['content-security-policy'] ?? '';
  expect({ what, csp }).toEqual({ what, csp: expect.stringContaining("default-src 'self'") });
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  expect(h['referrer-policy']).toBe('no-referrer');
  // nothing names the server or its versions
  expect(h['x-powered-by']).toBeUndefined();
  expect(h['server']).toBeUndefined();
  expect(JSON.stringify(h)).not.toMatch(/fastify|express|nestjs|node\.?js|\bv?\d+\.\d+\.\d+\b/i);
}

describe('security: headers and surface (defaults of a test app: Swagger on, no CORS origin)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await login(t.http, await createUser(t.db, 'admin', null))).accessToken;
  });
  afterAll(async () => t?.close());

  it('sends the security headers on answers of every kind', async () => {
    expectSecurityHeaders(await t.http().get('/api/health').expect(200), 'public JSON');
    expectSecurityHeaders(await t.http().get('/api/committees').set('Authorization', `Bearer ${admin}`).expect(200), 'admin list');
    expectSecurityHeaders(await t.http().get('/api/committees').expect(401), '401');
    expectSecurityHeaders(await t.http().get('/api/khong-co').expect(404), '404');
    expectSecurityHeaders(
      await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{oops').expect(400),
      'bad JSON',
    );
    expectSecurityHeaders(await t.http().get('/api/docs').expect(200), 'Swagger UI');
    // a file (a StreamableFile through Nest) and the dashboard's page (@fastify/static or the page
    // that says it is being built) carry them too, and so does every answer's request id
    const csv = await t.http().get('/api/audit-log/export').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment/);
    expectSecurityHeaders(csv, 'CSV file');
    expect(csv.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const dashboard = await t.http().get('/admin/');
    expect([200, 503]).toContain(dashboard.status);
    expectSecurityHeaders(dashboard, 'dashboard page');
  });

  it('serves Swagger UI with same-origin scripts only (no inline script), so the policy lets it run', async () => {
    const page = await t.http().get('/api/docs').expect(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      const src = /src=["']([^"']+)["']/.exec(attrs)?.[1];
      expect(src).toBeDefined();
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect(body.trim()).toBe('');
      await t.http().get(new URL(src!, 'http://x/api/docs/').pathname).expect(200);
    }
  });

  const dashboard = existsSync(join(REPO_ROOT, 'admin/dist/index.html')) ? it : it.skip;
  dashboard('serves the dashboard with same-origin scripts only, under the same policy', async () => {
    const page = await t.http().get('/admin/').expect(200);
    expectSecurityHeaders(page, 'dashboard');
    for (const [, attrs, body] of page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(attrs).toMatch(/src="\/admin\//);
      expect(body.trim()).toBe('');
    }
  });

  const inChromium = existsSync(CHROMIUM_PATH) && existsSync(join(REPO_ROOT, 'admin/dist/index.html')) ? it : it.skip;
  inChromium(
    'lets Swagger UI and the dashboard run in Chromium: no Content-Security-Policy violation',
    async () => {
      const base = await listen(t);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) violations.push(m.text());
        });
        await page.goto(`${base}/admin/login`);
        await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).waitFor({ timeout: 30_000 });
        // the document preview: a file fetched with the token, shown from a blob: URL in a frame and an image
        const blocked = await page.evaluate(async () => {
          const seen: string[] = [];
          const doc = (globalThis as any).document; // runs in the page (no DOM types in this project's lib)
          doc.addEventListener('securitypolicyviolation', (e: any) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
          const frame = doc.createElement('iframe');
          frame.src = URL.createObjectURL(new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }));
          doc.body.appendChild(frame);
          const img = doc.createElement('img');
          img.src = URL.createObjectURL(new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' }));
          doc.body.appendChild(img);
          await new Promise((r) => setTimeout(r, 1500));
          return seen;
        });
        expect(blocked).toEqual([]);
        await page.goto(`${base}/api/docs`);
        await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
        // the operations render after the title: wait for them (how many render is not this test's concern; see the note
        // of issue 15: with the meetings document Swagger UI stopped at 8 operations in one CI run)
        await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    90_000,
  );

  it('answers no cross-origin request without a configured origin', async () => {
    const res = await t.http().get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('tells nothing of its internals: a failing query answers a bare 500 (the log has the rest)', async () => {
    await t.db.query('ALTER TABLE news_items RENAME TO news_items_away');
    try {
      const res = await t.http().get('/api/news').set('Authorization', `Bearer ${admin}`).expect(500);
      expect(Object.keys(res.body).sort()).toEqual(ERROR_KEYS);
      expect(res.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
      expect(res.text).not.toMatch(/news_items|relation|QueryFailed|at \w+ \(|\.ts:\d+|postgres/i);
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    } finally {
      await t.db.query('ALTER TABLE news_items_away RENAME TO news_items');
    }
  });

  it('answers malformed requests with the one error body and nothing more', async () => {
    const answers = [
      await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400),
      await t.http().post('/api/auth/login').set('Content-Type', 'text/xml').send('<a/>').expect(415),
      await t.http().get('/api/khong-co').expect(404),
      await t.http().get('/api/members/not-a-uuid').set('Authorization', `Bearer ${admin}`).expect(404),
    ];
    for (const res of answers) {
      expect(Object.keys(res.body).sort()).toEqual(ERROR_KEYS);
      expect(res.text).not.toMatch(/stack|at \w+ \(|node_modules|\.ts:\d+|FST_/);
    }
  });
});

describe('security: no server-side requests (SSRF)', () => {
  it("makes no outbound request but the push providers': no HTTP client elsewhere in the server's code", () => {
    // an HTTP client, a raw socket or fetch in src/ is the moment to review docs/security.md (API7)
    const CLIENT =
      /from ['"](node:)?(http|https|http2|dgram|tls)['"]|\bfetch\s*\(|\bnet\.(connect|createConnection)\b|['"](undici|axios|node-fetch|got|superagent)['"]/;
    const found = serverSources()
      .filter((file) => CLIENT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO_ROOT, file));
    // reviewed in docs/security.md (API7): only the push providers call out, to the configured FCM and APNs services
    // and a member's Web Push endpoint, which registration accepts only on the push services' hosts (PUSH_ENDPOINT_NOT_ALLOWED)
    expect(found.filter((file) => !file.startsWith('src/notifications/push/providers/'))).toEqual([]);
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('security: CORS from the allow-list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://quantri.thainguyen.dcs.vn' });
  });
  afterAll(async () => t?.close());

  it('allows the configured origin and exposes the headers the dashboard reads', async () => {
    const res = await t.http().get('/api/health').set('Origin', 'https://quantri.thainguyen.dcs.vn').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://quantri.thainguyen.dcs.vn');
    expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/);
    const preflight = await t
      .http()
      .options('/api/committees')
      .set('Origin', 'https://quantri.thainguyen.dcs.vn')
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://quantri.thainguyen.dcs.vn');
  });

  it('answers any other origin without CORS headers, preflight included', async () => {
    const res = await t.http().get('/api/health').set('Origin', 'https://thainguyen.dcs.vn.evil.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t
      .http()
      .options('/api/committees')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'PUT');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('security: Swagger UI turned off (SWAGGER_ENABLED=false, the default when NODE_ENV=production)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SWAGGER_ENABLED: 'false' });
  });
  afterAll(async () => t?.close());

  it('answers 404 on /api/docs and /api/docs-json, with the one error body', async () => {
    for (const path of ['/api/docs', '/api/docs/', '/api/docs-json', '/api/docs/swagger-ui-init.js']) {
      const res = await t.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });
});
