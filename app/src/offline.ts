import { authorizedFetch } from './api';

/**
 * Files kept for reading with no network (the PDFs of bookmarked documents, the next meeting's
 * documents): the app puts them in this cache; the service worker (sw.ts) answers them from it.
 * The API's JSON the member has seen is cached by the service worker itself (sw.ts, API_CACHE).
 * Both are emptied at logout: they are the member's own.
 */
export const FILES_CACHE = 'sotay-files-v1';
export const API_CACHE = 'sotay-api-v1';

const hasCaches = () => typeof caches !== 'undefined';

export async function keepOffline(url: string): Promise<void> {
  if (!hasCaches()) return;
  const cache = await caches.open(FILES_CACHE);
  if (await cache.match(url)) return;
  const response = await authorizedFetch(new Request(url, { headers: { Accept: '*/*' } }));
  await cache.put(url, response);
}

export async function dropOffline(url: string): Promise<void> {
  if (hasCaches()) await (await caches.open(FILES_CACHE)).delete(url);
}

export async function isOffline(url: string): Promise<boolean> {
  return hasCaches() && !!(await (await caches.open(FILES_CACHE)).match(url));
}

export async function forgetMemberData(): Promise<void> {
  if (!hasCaches()) return;
  await Promise.all([caches.delete(FILES_CACHE), caches.delete(API_CACHE)]);
}

export const documentFileUrl = (id: string) => `/api/me/documents/${id}/file`;
