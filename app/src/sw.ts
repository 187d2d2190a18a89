/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

/**
 * The member app's service worker (built by vite-plugin-pwa's injectManifest, Workbox):
 * - the shell (every file of the build) precached: the app opens with no network;
 * - the member's JSON (news read, documents, meetings, surveys…) network first, the last copy offline
 *   (a weak network waits 6 s before the copy is used);
 * - the files kept for offline reading (bookmarked PDFs, the next meeting's documents, put in
 *   FILES_CACHE by the app) answered from that cache first;
 * - Web Push: shows the notification, opens its deep link on a tap, and tells open windows.
 * Cache names: keep them in step with src/offline.ts.
 */
declare const self: ServiceWorkerGlobalScope;

const FILES_CACHE = 'sotay-files-v1';
const API_CACHE = 'sotay-api-v1';

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// any /app/… page is the single-page app
registerRoute(new NavigationRoute(createHandlerBoundToURL('/app/index.html'), { allowlist: [/^\/app(\/|$)/] }));

const isFile = (url: URL) =>
  /^\/api\/me\/documents\/[^/]+\/file$/.test(url.pathname) || /^\/api\/me\/meetings\/[^/]+\/attachments\//.test(url.pathname);

// files kept offline: the cache first, else the network (not stored: the app decides what is kept)
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && isFile(url),
  async ({ request }) => (await (await caches.open(FILES_CACHE)).match(request.url)) ?? fetch(request),
);

// the member's JSON: never the tokens (auth), never the personal-data export
const cachedApi = (url: URL) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith('/api/me') || url.pathname === '/api/faqs/answer') &&
  url.pathname !== '/api/me/export' &&
  !isFile(url);

registerRoute(
  ({ url, request }) => request.method === 'GET' && cachedApi(url),
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: 6,
    plugins: [
      new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 60 * 24 * 3600 }),
      {
        // a copy is kept of answers that worked only; the cache key ignores the token (the cache is emptied at logout)
        cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null),
      },
    ],
  }),
);

interface PushPayload {
  notificationId?: string;
  title?: string;
  body?: string;
  link?: { type: string; id: string } | null;
}

const linkPath = (link: PushPayload['link']): string => {
  if (!link) return '/app/notifications';
  const paths: Record<string, string> = {
    document: `/app/documents/${link.id}`,
    news: `/app/news/${link.id}`,
    survey: `/app/surveys/${link.id}`,
    meeting: `/app/meetings/${link.id}`,
    meeting_task: '/app/tasks',
    correction_request: '/app/record',
  };
  return paths[link.type] ?? '/app/notifications';
};

self.addEventListener('push', (event) => {
  let payload: PushPayload = {};
  try {
    payload = (event.data?.json() as PushPayload) ?? {};
  } catch {
    payload = { body: event.data?.text() };
  }
  const title = payload.title || 'Sổ tay Đảng viên';
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const w of windows) w.postMessage({ type: 'push', payload });
      await self.registration.showNotification(title, {
        body: payload.body ?? '',
        icon: '/app/icon-192.png',
        badge: '/app/icon-192.png',
        tag: payload.notificationId,
        lang: 'vi',
        data: { path: linkPath(payload.link) },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data as { path?: string } | null)?.path ?? '/app/';
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname.startsWith('/app')) as WindowClient | undefined;
      if (open) {
        await open.focus();
        open.postMessage({ type: 'navigate', path });
      } else {
        await self.clients.openWindow(path);
      }
    })(),
  );
});
