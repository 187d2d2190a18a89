import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PREPARING_TITLE, serveSinglePageApp } from './single-page-app.js';

describe('a single-page app served before its build exists (npm start on a fresh clone)', () => {
  let folder: string;
  let dist: string;
  let fastify: FastifyInstance;
  let port: number;

  /** GET with the path as written (fetch would resolve ../ before sending it). */
  const get = (path: string) =>
    new Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: string }>((done, fail) => {
      request({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ statusCode: res.statusCode!, headers: res.headers, body }));
      })
        .on('error', fail)
        .end();
    });

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'spa-'));
    dist = join(folder, 'dist');
    fastify = Fastify();
    await serveSinglePageApp(fastify, 'admin', dist, 'giao diện quản trị');
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    port = (fastify.server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await fastify.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** What the build does: writes into a temporary folder, then moves it into dist/ whole. */
  const landBuild = () => {
    const tmp = join(folder, 'dist.tmp');
    mkdirSync(join(tmp, 'assets'), { recursive: true });
    writeFileSync(join(tmp, 'index.html'), '<!doctype html><div id="root"></div><script src="/admin/assets/index-abc123.js"></script>');
    writeFileSync(join(tmp, 'assets', 'index-abc123.js'), 'console.log("dashboard")');
    renameSync(tmp, dist);
  };

  it('answers a Vietnamese page that reloads itself while the build is missing, then the build without a restart', async () => {
    for (const url of ['/admin/', '/admin/login', '/admin/assets/index-abc123.js']) {
      const waiting = await get(url);
      expect(waiting.statusCode).toBe(503);
      expect(waiting.headers['content-type']).toMatch(/^text\/html/);
      expect(waiting.headers['cache-control']).toBe('no-store');
      expect(waiting.body).toContain(`<title>${PREPARING_TITLE}</title>`);
      expect(waiting.body).toMatch(/<meta http-equiv="refresh" content="\d+">/);
      expect(waiting.body).toContain('giao diện quản trị');
    }

    landBuild();

    const page = await get('/admin/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
    // the app's own routes get index.html
    const route = await get('/admin/members/42?tab=history');
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<div id="root">');
    const asset = await get('/admin/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log("dashboard")');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404 for a missing file and refuses paths out of the build', async () => {
    landBuild();
    writeFileSync(join(folder, 'secret.txt'), 'outside the build');
    expect((await get('/admin/assets/index-old999.js')).statusCode).toBe(404);
    for (const url of ['/admin/../secret.txt', '/admin/%2e%2e/secret.txt', '/admin/assets/..%2f..%2fsecret.txt']) {
      const res = await get(url);
      expect(res.body).not.toContain('outside the build');
      expect([400, 403, 404]).toContain(res.statusCode);
    }
  });

  it('redirects /admin to /admin/ with its query', async () => {
    const res = await get('/admin?committeeId=304&days=30');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/admin/?committeeId=304&days=30');
  });
});
