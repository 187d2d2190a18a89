import { HttpError } from 'react-admin';
import type { ApiErrorBody } from '../types';

/** The message to notify for a failed custom call (a translation key or text). */
export const errorMessage = (error: unknown): string => {
  if (error instanceof Error && error.message) return error.message;
  return 'ra.notification.http_error';
};

/**
 * Per-field errors of a 400 VALIDATION_FAILED, in the shape a react-admin
 * `<Form onSubmit>` may return to show them on its inputs; undefined for any
 * other failure.
 */
export const fieldErrors = (error: unknown): Record<string, unknown> | undefined => {
  if (!(error instanceof HttpError) || error.status !== 400) return undefined;
  const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors;
  return errors && typeof errors === 'object' ? errors : undefined;
};

/** The API's error code of a failed call, if any. */
export const errorCode = (error: unknown): string | undefined =>
  (error as { code?: string } | undefined)?.code ?? ((error as { body?: ApiErrorBody } | undefined)?.body?.code || undefined);
