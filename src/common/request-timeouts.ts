import type { RouteOptions } from 'fastify';

/**
 * Routes that legitimately take longer than REQUEST_TIMEOUT_MS: uploads of big files, exports
 * and downloads streamed to slow mobile links, the bulk issue of a subtree's accounts (one hash
 * per member; its initial passwords are answered only once, so cutting it would lose them). They
 * get LONG_REQUEST_TIMEOUT_MS. `METHOD /path` as Fastify registers it (`:id` parameters).
 * test/e2e/security-limits checks that each one names a route of openapi.json.
 */
export const LONG_RUNNING_ROUTES: readonly string[] = [
  'POST /api/members/import',
  'GET /api/members/export',
  'POST /api/members/accounts/bulk',
  'POST /api/documents/:id/file',
  'GET /api/documents/:id/file',
  'GET /api/me/documents/:id/file',
  'GET /api/surveys/:id/results/export',
];

/**
 * An onRoute hook: every route must be answered within `standardMs` (Fastify's handlerTimeout:
 * 503 REQUEST_TIMEOUT, the request's AbortSignal fires), the long-running ones within `longMs`.
 */
export function handlerTimeoutHook(standardMs: number, longMs: number) {
  const long = new Set(LONG_RUNNING_ROUTES);
  return (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const isLong = methods.some((m) => long.has(`${String(m).toUpperCase()} ${route.url}`));
    route.handlerTimeout = isLong ? longMs : standardMs;
  };
}
