import { HttpError, type AuthProvider, type UserIdentity } from 'react-admin';
import { fetchMe } from './apiClient';
import { loginRequest, logoutRequest, revokeSession, tokenStorage } from './httpClient';
import { i18nProvider } from './i18n';
import { STAFF_ROLES, type AuthResponse, type AuthUser } from './types';

/** The page an account with `mustChangePassword` is sent to. */
export const CHANGE_PASSWORD_PATH = '/change-password';

const t = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);

/** Seconds to wait from a Retry-After header (seconds or HTTP date). */
const retryAfterSeconds = (headers?: Headers): number | null => {
  const value = headers?.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
};

/** Turn a failed POST /auth/login into a message for the login page. */
const loginErrorMessage = (error: unknown): string => {
  if (!(error instanceof HttpError)) return t('ra.auth.sign_in_error');
  switch (error.status) {
    case 0:
      return t('app.auth.server_unreachable');
    case 401:
      return t('app.auth.invalid_credentials');
    case 429: {
      const seconds = retryAfterSeconds((error as HttpError & { headers?: Headers }).headers);
      return seconds != null ? t('app.auth.too_many_attempts', { seconds }) : t('app.auth.too_many_attempts_no_delay');
    }
    default:
      return error.message ? t(error.message) : t('ra.auth.sign_in_error');
  }
};

/** Revoke a session we are not going to keep (e.g. a member's). */
const revoke = async (auth: AuthResponse) => {
  try {
    await revokeSession(auth.accessToken, auth.refreshToken);
  } catch {
    // Nothing stored locally; the refresh token will expire by itself.
  }
};

const toIdentity = (user: AuthUser): UserIdentity => ({
  ...user,
  id: user.id,
  fullName: user.fullName || user.username,
});

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    let auth: AuthResponse;
    try {
      auth = await loginRequest(username, password);
    } catch (error) {
      throw new Error(loginErrorMessage(error), { cause: error });
    }
    if (!STAFF_ROLES.includes(auth.user.role)) {
      await revoke(auth);
      throw new Error(t('app.auth.member_refused'));
    }
    tokenStorage.save(auth);
    tokenStorage.forgetSessionEnded();
    // Every other route answers 403 PASSWORD_CHANGE_REQUIRED until then.
    if (auth.user.mustChangePassword) {
      return { redirectTo: CHANGE_PASSWORD_PATH };
    }
  },

  async logout() {
    // A logout asked for by the user (tokens still there) is not an
    // "ended session"; a forced one (tokens already expired) keeps the flag.
    if (tokenStorage.getRefreshToken()) tokenStorage.forgetSessionEnded();
    await logoutRequest();
  },

  async checkAuth() {
    if (!tokenStorage.getAccessToken() && !tokenStorage.getRefreshToken()) {
      // Not logged in: go to the login page without an error toast.
      throw { message: false };
    }
  },

  async checkError(error) {
    const status = error?.status;
    if (status === 401) {
      // The httpClient already tried a silent refresh: the session is over.
      tokenStorage.expire();
      throw error;
    }
    if (status === 403 && (error as { code?: string })?.code === 'PASSWORD_CHANGE_REQUIRED') {
      // The password was issued by someone else (or reset meanwhile):
      // stay logged in and go to the page that changes it.
      const user = tokenStorage.getUser();
      if (user && !user.mustChangePassword) {
        tokenStorage.setUser({ ...user, mustChangePassword: true });
      }
      throw {
        logoutUser: false,
        redirectTo: CHANGE_PASSWORD_PATH,
        message: 'app.errors.PASSWORD_CHANGE_REQUIRED',
      };
    }
    // 403 and everything else: stay logged in, the view shows the message.
  },

  async getIdentity() {
    if (!tokenStorage.getAccessToken() && !tokenStorage.getRefreshToken()) {
      // Logged out: the layout may render for a moment before the
      // redirect to the login page; do not call the API for nothing.
      throw new Error('ra.auth.auth_check_error');
    }
    try {
      const user = await fetchMe();
      tokenStorage.setUser(user);
      return toIdentity(user);
    } catch (error) {
      const stored = tokenStorage.getUser();
      if (stored && !(error instanceof HttpError && error.status === 401)) {
        return toIdentity(stored);
      }
      throw error;
    }
  },

  async getPermissions() {
    return tokenStorage.getUser()?.role ?? null;
  },
};
