import { createSoTayClient, type components } from '../../clients/typescript/index';
import { messageForCode } from './errors';
import { session, type LoginResult } from './session';

/**
 * The member app's typed client: the SDK generated from openapi.json (openapi-fetch over `paths`) on
 * this transport: the bearer token, one shared refresh on a 401 (refresh tokens are single-use: tabs
 * serialise it with a Web Lock), errors as ApiError with the Vietnamese message of their `code`.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The server could not be reached (offline, weak network). */
  get network(): boolean {
    return this.status === 0;
  }
}

type ErrorBody = Partial<components['schemas']['ErrorBody']>;

async function toError(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const fields: Record<string, string> = {};
  for (const [field, text] of Object.entries<unknown>(body?.errors ?? {})) if (typeof text === 'string') fields[field] = text;
  return new ApiError(messageForCode(body?.code, response.status), response.status, body?.code, fields);
}

export const networkError = () => new ApiError(messageForCode('NETWORK', 0), 0, 'NETWORK');

async function send(request: Request, token: string | null): Promise<Response> {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    throw networkError();
  }
  // the service worker answers 504 with this header when it has neither network nor a copy
  if (response.status === 504 && response.headers.get('x-sotay-offline') === '1') throw networkError();
  if (!response.ok) throw await toError(response);
  return response;
}

const plain = createSoTayClient<'application/json'>({ fetch: (r) => send(r, null), headers: { Accept: 'application/json' } });

let refreshing: Promise<string> | null = null;

const withLock = <T>(fn: () => Promise<T>): Promise<T> => (navigator.locks ? navigator.locks.request('sotay-app-token-refresh', fn) : fn());

/** A fresh access token, refreshing once for all callers; a refused refresh ends the session. */
function refreshAccessToken(stale: string | null): Promise<string> {
  const current = session.accessToken();
  if (current && current !== stale) return Promise.resolve(current);
  refreshing ??= withLock(async () => {
    const latest = session.accessToken();
    if (latest && latest !== stale) return latest;
    const refreshToken = session.refreshToken();
    if (!refreshToken) {
      session.expire();
      throw new ApiError(messageForCode('SESSION_EXPIRED', 401), 401, 'SESSION_EXPIRED');
    }
    try {
      const { data } = await plain.POST('/api/auth/refresh', { body: { refreshToken } });
      session.save(data!);
      return data!.accessToken;
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 0 || status === 429 || status >= 500) throw error;
      session.expire();
      throw new ApiError(messageForCode('SESSION_EXPIRED', 401), 401, 'SESSION_EXPIRED');
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

const NO_REFRESH = ['/api/auth/login', '/api/auth/refresh'];

/** fetch with the member's token; on a 401 one refresh and a replay. Resolves on 2xx only. */
export async function authorizedFetch(request: Request): Promise<Response> {
  const token = session.accessToken();
  const replay = request.clone();
  try {
    return await send(request, token);
  } catch (error) {
    const path = new URL(request.url).pathname;
    if (!(error instanceof ApiError) || error.status !== 401 || NO_REFRESH.includes(path)) throw error;
    if (!session.refreshToken()) {
      session.expire();
      throw error;
    }
    return send(replay, await refreshAccessToken(token));
  }
}

export const api = createSoTayClient<'application/json'>({ fetch: authorizedFetch, headers: { Accept: 'application/json' } });

/** The data of a call (the transport throws on every failure). */
export async function answer<Data>(pending: Promise<{ data?: Data; response: Response }>): Promise<Data> {
  const { data } = await pending;
  return data as Data;
}

export const login = async (username: string, password: string): Promise<LoginResult> =>
  (await plain.POST('/api/auth/login', { body: { username, password } })).data!;

/** The bytes of a file of the API (a document's PDF, a meeting attachment), through the service worker's caches. */
export async function fetchFile(url: string): Promise<Blob> {
  const response = await authorizedFetch(new Request(url, { headers: { Accept: '*/*' } }));
  return response.blob();
}
