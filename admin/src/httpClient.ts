import { HttpError } from 'react-admin';
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
  /** The response as a Blob, with `responseType: 'blob'` (then body is ''). */
  blob?: Blob;
}

export interface ClientOptions extends RequestInit {
  /**
   * `blob` for file downloads: a 2xx body is read as a Blob (an error body
   * is still read as the API's JSON error).
   */
  responseType?: 'json' | 'blob';
}

export interface HttpOptions extends ClientOptions {
  /** Bearer token to send; omitted when null/undefined. */
  token?: string | null;
}

/** One fetch, no auth logic: resolves on 2xx, rejects with ApiError otherwise. */
export const rawRequest = async (url: string, { token, responseType = 'json', ...init }: HttpOptions = {}): Promise<HttpResponse> => {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) {
    headers.set('Accept', responseType === 'blob' ? '*/*' : 'application/json');
  }
  if (init.body != null && !(init.body instanceof FormData) && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  if (token) headers.set('Authorization', `Bearer ${token}`);

  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch {
    throw new ApiError(NETWORK_ERROR_MESSAGE, 0, undefined);
  }
  const ok = response.status >= 200 && response.status < 300;
  if (ok && responseType === 'blob') {
    const blob = await response.blob();
    return { status: response.status, headers: response.headers, body: '', json: undefined, blob };
  }
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!ok) {
    throw toApiError(response.status, response.statusText, response.headers, json);
  }
  return { status: response.status, headers: response.headers, body: text, json };
};

/* ------------------------------------------------------------------------ */
/* Auth endpoints                                                            */
/* ------------------------------------------------------------------------ */

const isAuthResponse = (json: any): json is AuthResponse =>
  !!json &&
  typeof json.accessToken === 'string' &&
  typeof json.refreshToken === 'string' &&
  !!json.user &&
  typeof json.user.role === 'string';

const postAuth = async (path: string, payload: unknown): Promise<AuthResponse> => {
  const { status, json } = await rawRequest(`${API_URL}${path}`, {
    method: 'POST',
    body: JSON.stringify(payload),
  });
  if (!isAuthResponse(json)) {
    throw new ApiError('app.auth.unexpected_response', status, json);
  }
  return json;
};

/** POST /auth/login; does not store anything (the authProvider decides). */
export const loginRequest = (username: string, password: string) => postAuth('/auth/login', { username, password });

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
        auth = await postAuth('/auth/refresh', { refreshToken });
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
 * The client used by the data provider (same signature as react-admin's
 * fetchUtils.fetchJson): sends the bearer token, and on a 401 refreshes the
 * tokens once (shared by concurrent calls) and replays the request.
 */
export const httpClient = async (url: string, options: ClientOptions = {}): Promise<HttpResponse> => {
  const token = tokenStorage.getAccessToken();
  try {
    return await rawRequest(url, { ...options, token });
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401 || isNoRefreshUrl(url) || !tokenStorage.getRefreshToken()) {
      throw error;
    }
    const freshToken = await refreshAccessToken(token);
    return rawRequest(url, { ...options, token: freshToken });
  }
};

/** GET /auth/me, with the same refresh-on-401 as every other call. */
export const fetchMe = async (): Promise<AuthUser> => {
  const { json } = await httpClient(`${API_URL}/auth/me`);
  return json as AuthUser;
};

/**
 * POST /auth/logout, best effort: revokes the refresh token on the server (if
 * the access token has expired, refreshes first so that the call is accepted),
 * then clears storage whatever happened.
 */
export const logoutRequest = async (): Promise<void> => {
  const send = (token: string | null) =>
    rawRequest(`${API_URL}/auth/logout`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        refreshToken: tokenStorage.getRefreshToken(),
      }),
    });
  const token = tokenStorage.getAccessToken();
  try {
    if (tokenStorage.getRefreshToken()) {
      try {
        await send(token);
      } catch (error) {
        if (error instanceof HttpError && error.status === 401) {
          await send(await refreshAccessToken(token));
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
