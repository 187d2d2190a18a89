import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
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
 * The seam between the inbox (this module) and push delivery (the job queue). Two moments:
 *
 * - `onPublishing(notification, tx)`: INSIDE the transaction that writes the notification, before
 *   COMMIT. The push delivery enqueues its fan-out job here, on the same transaction (pg-boss lives
 *   in the same database), so that the notification and its job commit together or not at all: a
 *   publication answered 2xx is never without its push, even if the process dies right after the
 *   commit. Only database writes belong here (no network): an error fails the publication.
 * - `onPublished(notification)`: AFTER the commit, never inside it; a slow or failing one never fails
 *   or rolls back the publication (its errors are logged).
 *
 * Like FileStorage, the abstract class is the Nest injection token; NotificationsModule provides
 * the push delivery's (src/notifications/push/), the no-op one is for tests and tools.
 *
 * Both are called once per notification row (a publication repeated with the same dedupe key
 * writes no row and calls nothing). For a scheduled notification (publishAt in the future) the
 * dispatcher must hold the delivery until publishAt; `onCancelled` tells it (after the delete has
 * committed) that a scheduled notification was deleted before its time.
 */
export abstract class NotificationDispatcher {
  abstract onPublishing(notification: PublishedNotification, tx: Tx): Promise<void>;
  abstract onPublished(notification: PublishedNotification): Promise<void>;
  abstract onCancelled(notification: PublishedNotification): Promise<void>;
}

/** The inbox only, no push. */
@Injectable()
export class NoopNotificationDispatcher extends NotificationDispatcher {
  async onPublishing(): Promise<void> {}
  async onPublished(): Promise<void> {}
  async onCancelled(): Promise<void> {}
}
