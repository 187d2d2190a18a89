import { HttpError } from 'react-admin';
import { createSoTayClient } from '../../clients/typescript/index';
import { serverMessageKey } from './i18n/serverMessages';
import { viErrorMessages } from './i18n/errorMessages';
import type { ApiErrorBody, AuthResponse, AuthUser } from './types';

/** Base URL of the API; the Vite dev server proxies it to localhost:3000. */
export const API_URL = '/api';

/* ------------------------------------------------------------------------ */
/* Token storage (localStorage)                                              */
/* ------------------------------------------------------------------------ */

const STORAGE_KEYS = {
  accessToken: 'sotay.admin.accessToken',
  refreshToken: 'sotay.admin.refreshToken',
  user: 'sotay.admin.user',
  /** sessionStorage: set when the server ended the session (not the user). */
  sessionEnded: 'sotay.admin.sessionEnded',
} as const;

export const tokenStorage = {
  getAccessToken: (): string | null => localStorage.getItem(STORAGE_KEYS.accessToken),
  getRefreshToken: (): string | null => localStorage.getItem(STORAGE_KEYS.refreshToken),
  getUser: (): AuthUser | null => {
    const raw = localStorage.getItem(STORAGE_KEYS.user);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as AuthUser;
    } catch {
      return null;
    }
  },
  save: (auth: AuthResponse): void => {
    localStorage.setItem(STORAGE_KEYS.accessToken, auth.accessToken);
    localStorage.setItem(STORAGE_KEYS.refreshToken, auth.refreshToken);
    localStorage.setItem(STORAGE_KEYS.user, JSON.stringify(auth.user));
  },
  setUser: (user: AuthUser): void => {
    localStorage.setItem(STORAGE_KEYS.user, JSON.stringify(user));
  },
  clear: (): void => {
    localStorage.removeItem(STORAGE_KEYS.accessToken);
    localStorage.removeItem(STORAGE_KEYS.refreshToken);
    localStorage.removeItem(STORAGE_KEYS.user);
  },
  /**
   * Clear the tokens because the session is over (refresh refused, 401), and
   * remember it for this tab so that the login page can say why.
   */
  expire: (): void => {
    tokenStorage.clear();
    sessionStorage.setItem(STORAGE_KEYS.sessionEnded, '1');
  },
  sessionEnded: (): boolean => sessionStorage.getItem(STORAGE_KEYS.sessionEnded) === '1',
  forgetSessionEnded: (): void => sessionStorage.removeItem(STORAGE_KEYS.sessionEnded),
};

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/**
 * react-admin's HttpError plus what the API tells about a failure.
 *
 * For a validation failure (400 VALIDATION_FAILED) `body` is
 * `{ errors: { field: message, root: { serverError: message } } }`: react-admin 5
 * puts `body.errors` on the matching inputs and notifies `root.serverError`.
 * For any other failure `body` is the API's error body and `message` its message.
 */
export class ApiError extends HttpError {
  readonly code?: string;
  readonly requestId?: string;
  readonly headers?: Headers;

  constructor(message: string, status: number, body: unknown, extra: { code?: string; requestId?: string; headers?: Headers } = {}) {
    super(message, status, body);
    this.name = 'ApiError';
    this.code = extra.code;
    this.requestId = extra.requestId;
    this.headers = extra.headers;
  }
}

/** Message key shown when the server cannot be reached at all. */
export const NETWORK_ERROR_MESSAGE = 'ra.notification.http_error';

const messageOf = (body: ApiErrorBody | undefined, fallback: string) => {
  const message = body?.message;
  if (Array.isArray(message)) return message.join('\n');
  return message || fallback;
};

/** Error codes with a message of their own in `app.errors.*` (i18n/errorMessages.ts): the UI shows that instead of the server's English sentence. */
const hasOwnMessage = (code: string) => Object.hasOwn(viErrorMessages, code);

/** Statuses whose code is not always set by the server (proxy, body parser); a code above wins. */
const STATUS_CODES: Record<number, string> = {
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const toApiError = (status: number, statusText: string, headers: Headers, json: unknown): ApiError => {
  const body = json && typeof json === 'object' ? (json as ApiErrorBody) : undefined;
  const code = body?.code;
  const message =
    code && hasOwnMessage(code)
      ? `app.errors.${code}`
      : STATUS_CODES[status]
        ? `app.errors.${STATUS_CODES[status]}`
        : messageOf(body, statusText || `HTTP ${status}`);
  const extra = { code: body?.code, requestId: body?.requestId, headers };
  if (status === 400 && body?.errors && typeof body.errors === 'object' && Object.keys(body.errors).length > 0) {
    const errors = Object.fromEntries(
      Object.entries(body.errors).map(([field, text]) => [field, typeof text === 'string' ? serverMessageKey(text) : text]),
    );
    return new ApiError(message, status, { errors: { ...errors, root: { serverError: message } } }, extra);
  }
  return new ApiError(message, status, body ?? json, extra);
};

/* ------------------------------------------------------------------------ */
/* Plain request                                                             */
/* ------------------------------------------------------------------------ */

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json: any;
}

/**
 * One fetch, no auth logic beyond the token given: resolves with the response on 2xx, rejects
 * with ApiError otherwise (the API's error body mapped to the dashboard's messages) or when the
 * server cannot be reached.
 */
const send = async (request: Request, token?: string | null): Promise<Response> => {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    throw new ApiError(NETWORK_ERROR_MESSAGE, 0, undefined);
  }
  if (response.ok) return response;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  throw toApiError(response.status, response.statusText, response.headers, json);
};

const toRequest = (url: string, init: RequestInit): Request => {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (init.body != null && !(init.body instanceof FormData) && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  return new Request(url, { ...init, headers });
};

const read = async (response: Response): Promise<HttpResponse> => {
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body: text, json };
};

/* ------------------------------------------------------------------------ */
/* Auth endpoints                                                            */
/* ------------------------------------------------------------------------ */

/** The auth calls, typed by openapi.json like every other call (apiClient.ts), on `send`: no refresh. */
const authApi = createSoTayClient<'application/json'>({
  fetch: (request) => send(request),
  headers: { Accept: 'application/json' },
});

const isAuthResponse = (json: any): json is AuthResponse =>
  !!json &&
  typeof json.accessToken === 'string' &&
  typeof json.refreshToken === 'string' &&
  !!json.user &&
  typeof json.user.role === 'string';

const authAnswer = async (pending: Promise<{ data?: unknown; response: Response }>): Promise<AuthResponse> => {
  const { data, response } = await pending;
  if (!isAuthResponse(data)) {
    throw new ApiError('app.auth.unexpected_response', response.status, data);
  }
  return data;
};

/** POST /auth/login; does not store anything (the authProvider decides). */
export const loginRequest = (username: string, password: string) =>
  authAnswer(authApi.POST('/api/auth/login', { body: { username, password } }));

/** POST /auth/logout of a session: revokes its refresh token. */
export const revokeSession = async (accessToken: string | null, refreshToken: string): Promise<void> => {
  await authApi.POST('/api/auth/logout', {
    body: { refreshToken },
    headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
  });
};

/* ------------------------------------------------------------------------ */
/* Silent refresh                                                            */
/* ------------------------------------------------------------------------ */

/** The session is over: storage is cleared, react-admin will log out. */
const sessionExpired = () =>
  new ApiError('ra.notification.logged_out', 401, {
    statusCode: 401,
    code: 'SESSION_EXPIRED',
    message: 'ra.notification.logged_out',
  });

let refreshInFlight: Promise<string> | null = null;

/**
 * Serialise refreshes across browser tabs, which share localStorage: refresh
 * tokens are single-use, and presenting a spent one revokes the whole session.
 */
const withCrossTabLock = <T>(fn: () => Promise<T>): Promise<T> =>
  typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request('sotay-admin-token-refresh', fn) : fn();

/**
 * Get a fresh access token, refreshing at most once for all concurrent callers.
 *
 * `staleToken` is the access token that was refused: if storage already holds
 * another one (a concurrent request or another tab refreshed meanwhile), that
 * one is returned without spending the refresh token again.
 *
 * If the server refuses the refresh, storage is cleared and the promise rejects
 * with a 401 so that react-admin logs out. If the server cannot be reached, the
 * tokens are kept (the session may still be valid) and the error is rethrown.
 */
export const refreshAccessToken = (staleToken: string | null): Promise<string> => {
  const current = tokenStorage.getAccessToken();
  if (current && current !== staleToken) return Promise.resolve(current);
  if (!refreshInFlight) {
    refreshInFlight = withCrossTabLock(async () => {
      const latest = tokenStorage.getAccessToken();
      if (latest && latest !== staleToken) return latest;
      const refreshToken = tokenStorage.getRefreshToken();
      if (!refreshToken) {
        tokenStorage.expire();
        throw sessionExpired();
      }
      let auth: AuthResponse;
      try {
        auth = await authAnswer(authApi.POST('/api/auth/refresh', { body: { refreshToken } }));
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 0;
        if (status === 0 || status === 429 || status >= 500) {
          throw error;
        }
        tokenStorage.expire();
        throw sessionExpired();
      }
      if (auth.user.role === 'member') {
        tokenStorage.expire();
        throw sessionExpired();
      }
      tokenStorage.save(auth);
      return auth.accessToken;
    }).finally(() => {
      refreshInFlight = null;
    });
  }
  return refreshInFlight;
};

/* ------------------------------------------------------------------------ */
/* Authenticated client                                                      */
/* ------------------------------------------------------------------------ */

/** Calls whose 401 means "wrong credentials", never "access token expired". */
const NO_REFRESH_PATHS = ['/auth/login', '/auth/refresh', '/auth/logout'];

const isNoRefreshUrl = (url: string) => {
  const path = url.split('?')[0];
  return NO_REFRESH_PATHS.some((p) => path.endsWith(`${API_URL}${p}`));
};

/**
 * The dashboard's transport, a `fetch` for openapi-fetch (apiClient.ts) and for the client below: sends
 * the bearer token, and on a 401 refreshes the tokens once (shared by concurrent calls) and replays
 * the request. Resolves on 2xx only; any other answer rejects with ApiError.
 */
export const authorizedFetch = async (request: Request): Promise<Response> => {
  const token = tokenStorage.getAccessToken();
  // A body can be read once: keep a copy for the replay.
  const replay = request.clone();
  try {
    return await send(request, token);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401 || isNoRefreshUrl(request.url) || !tokenStorage.getRefreshToken()) {
      throw error;
    }
    const freshToken = await refreshAccessToken(token);
    return send(replay, freshToken);
  }
};

/**
 * The client of react-admin's simple-rest data provider (same signature as react-admin's
 * fetchUtils.fetchJson), over the same transport.
 */
export const httpClient = async (url: string, options: RequestInit = {}): Promise<HttpResponse> =>
  read(await authorizedFetch(toRequest(url, options)));

/**
 * POST /auth/logout, best effort: revokes the refresh token on the server (if
 * the access token has expired, refreshes first so that the call is accepted),
 * then clears storage whatever happened.
 */
export const logoutRequest = async (): Promise<void> => {
  const token = tokenStorage.getAccessToken();
  try {
    const refreshToken = tokenStorage.getRefreshToken();
    if (refreshToken) {
      try {
        await revokeSession(token, refreshToken);
      } catch (error) {
        if (error instanceof HttpError && error.status === 401) {
          await revokeSession(await refreshAccessToken(token), tokenStorage.getRefreshToken() ?? refreshToken);
        } else {
          throw error;
        }
      }
    }
  } catch {
    // The tokens are dropped locally anyway.
  } finally {
    tokenStorage.clear();
  }
};
