import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/errors.js';

/** Every code the notifications module answers besides the generic ones (NOT_FOUND, VALIDATION_FAILED, INVALID_CURSOR). */
export enum NotificationErrorCode {
  UnknownKind = 'NOTIFICATION_UNKNOWN_KIND',
  InvalidQuietHours = 'NOTIFICATION_INVALID_QUIET_HOURS',
  InvalidLink = 'NOTIFICATION_INVALID_LINK',
  BulletinTooLarge = 'BULLETIN_TOO_LARGE',
  BulletinPublishAtPast = 'BULLETIN_PUBLISH_AT_PAST',
  BulletinAlreadyPublished = 'BULLETIN_ALREADY_PUBLISHED',
}

export const NotificationErrors = {
  notFound: () => ApiError.notFound('Notification'),
  bulletinNotFound: () => ApiError.notFound('Bulletin'),
  unknownKind: (kinds: string[]) =>
    ApiError.badRequest(
      `Unknown notification kind: ${kinds.join(', ')}`,
      { pushKinds: 'unknown notification kind' },
      NotificationErrorCode.UnknownKind,
    ),
  invalidQuietHours: (field: string, message: string) =>
    ApiError.badRequest(message, { [field]: message }, NotificationErrorCode.InvalidQuietHours),
  invalidLink: (message: string) => ApiError.badRequest(message, { link: message }, NotificationErrorCode.InvalidLink),
  bulletinTooLarge: (max: number) =>
    new ApiError(
      HttpStatus.PAYLOAD_TOO_LARGE,
      NotificationErrorCode.BulletinTooLarge,
      `A bulletin's text holds at most ${max} characters`,
      {
        text: `at most ${max} characters`,
      },
    ),
  publishAtPast: () =>
    ApiError.badRequest(
      'publishAt must be now or in the future',
      { publishAt: 'publishAt must be now or in the future' },
      NotificationErrorCode.BulletinPublishAtPast,
    ),
  alreadyPublished: () =>
    ApiError.conflict(
      NotificationErrorCode.BulletinAlreadyPublished,
      'The bulletin has been published already; only a scheduled one can be cancelled',
    ),
};
