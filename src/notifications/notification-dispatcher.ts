import { Injectable } from '@nestjs/common';
import type { LinkType, NotificationKind } from './notification-kinds.js';

/** A notification as the dispatcher receives it once its row is committed. */
export interface PublishedNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  linkType: LinkType | null;
  linkId: string | null;
  /** The committee whose subtree is the audience, or null for a personal notification ... */
  audienceCommitteeId: number | null;
  /** ... addressed to this member. */
  memberId: string | null;
  /** May lie in the future (a scheduled bulletin): deliver then, not now. */
  publishAt: Date;
  expiresAt: Date;
}

/**
 * The seam between the inbox (this module) and push delivery (the job queue): NotificationsService
 * calls it AFTER the transaction that wrote the notification has committed, never inside it, so a
 * dispatcher sees only rows that exist and a slow or failing dispatcher never fails or rolls back the
 * publication (its errors are logged). Like FileStorage, the abstract class is the Nest injection
 * token; NotificationsModule provides the no-op one and the push module replaces it.
 *
 * `onPublished` is called once per notification row (a publication repeated with the same dedupe key
 * writes no row and calls nothing). For a scheduled notification (publishAt in the future) the
 * dispatcher must hold the delivery until publishAt; `onCancelled` tells it that a scheduled
 * notification was deleted before its time.
 */
export abstract class NotificationDispatcher {
  abstract onPublished(notification: PublishedNotification): Promise<void>;
  abstract onCancelled(notification: PublishedNotification): Promise<void>;
}

/** The default: the inbox only, no push. */
@Injectable()
export class NoopNotificationDispatcher extends NotificationDispatcher {
  async onPublished(): Promise<void> {}
  async onCancelled(): Promise<void> {}
}
