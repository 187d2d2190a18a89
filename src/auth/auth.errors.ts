import { ApiError } from '../common/errors.js';
import { tooManyRequests } from '../common/rate-limit.service.js';
import { PASSWORD_HISTORY_SIZE } from './password-history.service.js';

/**
 * The codes the auth module answers besides the generic ones of common/errors.ts (UNAUTHORIZED,
 * VALIDATION_FAILED, FORBIDDEN, RATE_LIMITED).
 */
export enum AuthErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  InvalidRefreshToken = 'INVALID_REFRESH_TOKEN',
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  SessionEnded = 'SESSION_ENDED',
  PasswordReused = 'PASSWORD_REUSED',
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  TooManyLoginAttempts = 'TOO_MANY_LOGIN_ATTEMPTS',
}

export const AuthErrors = {
  /** Also the answer for a locked or deactivated account: the three are not told apart. */
  invalidCredentials: () =>
    ApiError.unauthorized(
      'Wrong username or password (after repeated failures an account is locked for a while; staff of your committee can unlock it)',
      AuthErrorCode.InvalidCredentials,
    ),
  invalidRefresh: () => ApiError.unauthorized('The refresh token is not valid', AuthErrorCode.InvalidRefreshToken),
  refreshReused: () =>
    ApiError.unauthorized('The refresh token was already used; the session has been revoked', AuthErrorCode.RefreshTokenReused),
  sessionEnded: () => ApiError.unauthorized('The session has ended; log in again', AuthErrorCode.SessionEnded),
  passwordReused: () => {
    const message = `The new password must differ from the current one and from the last ${PASSWORD_HISTORY_SIZE} before it`;
    return new ApiError(400, AuthErrorCode.PasswordReused, message, { newPassword: message });
  },
  passwordChangeRequired: () =>
    new ApiError(
      403,
      AuthErrorCode.PasswordChangeRequired,
      'The password was issued by someone else: change it first (POST /api/auth/password)',
    ),
  tooManyLoginAttempts: (retryAfter: number) => tooManyRequests(retryAfter, AuthErrorCode.TooManyLoginAttempts, 'Too many login attempts'),
  /** No token, or one that is malformed, badly signed, expired or of an ended session. */
  bearerRequired: () => ApiError.unauthorized('A valid bearer token is required'),
  wrongCurrentPassword: () => ApiError.validation({ currentPassword: 'The current password is wrong' }),
  weakPassword: (field: string, problem: string) => ApiError.validation({ [field]: problem }),
};
