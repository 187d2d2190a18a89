import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/errors.js';
import { MAX_ACTIVE_DEVICES, MAX_PENDING_CORRECTIONS } from './self-service.rules.js';

/** Every code the self-service module answers besides the generic ones (NOT_FOUND, VALIDATION_FAILED). */
export enum SelfServiceErrorCode {
  TooManyDevices = 'TOO_MANY_DEVICES',
  PushSubscriptionInvalid = 'PUSH_SUBSCRIPTION_INVALID',
  PushEndpointNotAllowed = 'PUSH_ENDPOINT_NOT_ALLOWED',
  CorrectionAlreadyDecided = 'CORRECTION_ALREADY_DECIDED',
  TooManyPendingCorrections = 'TOO_MANY_PENDING_CORRECTIONS',
  CorrectionMemberMoved = 'CORRECTION_MEMBER_MOVED',
  CorrectionNoLongerValid = 'CORRECTION_NO_LONGER_VALID',
}

/** The member's own side: their record, their installs. */
export const MeErrors = {
  noRecord: () => ApiError.notFound('Member record'),
  deviceNotFound: () => ApiError.notFound('Device'),
  tooManyDevices: () =>
    ApiError.conflict(
      SelfServiceErrorCode.TooManyDevices,
      `At most ${MAX_ACTIVE_DEVICES} devices may be registered at once; unregister one first`,
    ),
  pushInvalid: (errors: Record<string, string>) =>
    new ApiError(HttpStatus.BAD_REQUEST, SelfServiceErrorCode.PushSubscriptionInvalid, 'The push subscription is malformed', errors),
  pushForeign: (errors: Record<string, string>) =>
    new ApiError(
      HttpStatus.BAD_REQUEST,
      SelfServiceErrorCode.PushEndpointNotAllowed,
      'The push endpoint is not on an accepted Web Push service',
      errors,
    ),
};

/** Correction requests. */
export const CorrectionErrors = {
  notFound: () => ApiError.notFound('Correction request'),
  alreadyDecided: () => ApiError.conflict(SelfServiceErrorCode.CorrectionAlreadyDecided, 'The request has already been decided'),
  tooManyPending: () =>
    ApiError.conflict(
      SelfServiceErrorCode.TooManyPendingCorrections,
      `At most ${MAX_PENDING_CORRECTIONS} requests may wait for a decision at once`,
    ),
  memberMoved: () =>
    ApiError.conflict(
      SelfServiceErrorCode.CorrectionMemberMoved,
      'The member has moved to a branch outside your scope since asking; reject the request or ask that branch',
    ),
  noLongerValid: (errors: Record<string, string>) =>
    new ApiError(
      HttpStatus.CONFLICT,
      SelfServiceErrorCode.CorrectionNoLongerValid,
      'The record has changed since the request; applying it now would make the record invalid',
      errors,
    ),
};
