import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What /admin/ and /app/ answer while `npm start` is still building them (scripts/build-stale.mjs). */
export const PREPARING_TITLE = 'Đang chuẩn bị giao diện…';

/** Seconds after which the page that says so reloads itself. */
export const PREPARING_RELOAD_SECONDS = 3;

const preparingPage = (what: string) => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${PREPARING_RELOAD_SECONDS}">
<title>${PREPARING_TITLE}</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 20vh auto; padding: 0 1rem; color: #333">
<h1 style="font-size: 1.4rem; color: #b71c1c">${PREPARING_TITLE}</h1>
<p>Máy chủ đã chạy; ${what} đang được cài đặt và xây dựng lần đầu (khoảng nửa phút). Trang này tự tải lại và mở ${what} ngay khi xong.</p>
<p>Nếu trang này còn mãi: xem lỗi trong cửa sổ chạy <code>npm start</code>, hoặc chạy <code>npm run build:admin</code> / <code>npm run build:app</code>.</p>
</body>
</html>
`;

/**
 * index.html, the member app's service worker (sw.js) and manifest are revalidated on every load, so
 * that a release reaches the installed apps; the hashed files of assets/ never change and are cached
 * for a year.
 */
function cacheHeaders(reply: FastifyReply, path: string): void {
  if (/(^|[\\/])(sw\.js|index\.html|manifest\.webmanifest)$/.test(path)) reply.header('cache-control', 'no-cache');
  else if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
}

/**
 * A built single-page app (the dashboard, the member app) at /<prefix>/: its files, and index.html
 * for any other path below it (the app's own routes). The build is looked up on each request, so
 * that the server can start before it exists: on a fresh clone `npm start` builds the front-ends
 * beside the running server, and until a build lands (moved into `dist` whole) the prefix answers
 * 503 with a Vietnamese page that reloads itself, then the build, without a restart.
 */
export async function serveSinglePageApp(fastify: FastifyInstance, prefix: string, dist: string, what: string): Promise<void> {
  // reply.sendFile, once for every app served (no route of its own: serve: false)
  if (!fastify.hasReplyDecorator('sendFile')) await fastify.register(fastifyStatic, { serve: false, setHeaders: cacheHeaders });
  const index = join(dist, 'index.html');
  const page = preparingPage(what);
  // the query stays: a shared or reloaded /admin?committeeId=304&days=30 lands where it was
  fastify.get(`/${prefix}`, (req, reply) => {
    const query = req.url.indexOf('?');
    return reply.redirect(query < 0 ? `/${prefix}/` : `/${prefix}/${req.url.slice(query)}`);
  });
  fastify.get(`/${prefix}/*`, (req, reply) => {
    if (!existsSync(index)) {
      return reply
        .code(503)
        .header('retry-after', String(PREPARING_RELOAD_SECONDS))
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(page);
    }
    // the path below /<prefix>/ as sent (URL-encoded: @fastify/static decodes it, and refuses ../ and the like)
    const path = req.url.slice(prefix.length + 2).split('?')[0];
    // a file (a missing one, such as a stale hashed asset, is a 404); any other path is the app's own route
    if (/\.[A-Za-z0-9]+$/.test(path)) return reply.sendFile(path, dist);
    return reply.type('text/html').sendFile('index.html', dist);
  });
}
