import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transactions.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { NotificationDispatcher, type PublishedNotification } from '../notification-dispatcher.js';
import { PUSH_FANOUT_QUEUE, type FanoutJobData } from './push-delivery.service.js';

/**
 * The dispatcher the application runs with: each notification's fan-out job is enqueued in the
 * transaction that writes the notification (pg-boss shares the database), held until publishAt for
 * a scheduled one, once per notification (the notification id is the job's singleton key). The
 * queue is defined, and worked, by PushDeliveryService.
 */
@Injectable()
export class PushNotificationDispatcher extends NotificationDispatcher {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async onPublishing(notification: PublishedNotification, tx: Tx): Promise<void> {
    const scheduled = notification.publishAt.getTime() > Date.now();
    await this.jobs.send<FanoutJobData>(
      PUSH_FANOUT_QUEUE,
      { notificationId: notification.id },
      { singletonKey: notification.id, ...(scheduled ? { startAfter: notification.publishAt } : {}) },
      tx,
    );
  }

  /** Nothing more after the commit: the job is in the queue already. */
  async onPublished(): Promise<void> {}

  /** A scheduled notification deleted before its time: its job is cancelled (the fan-out would find no row anyway). */
  async onCancelled(notification: PublishedNotification): Promise<void> {
    await this.jobs.cancelKeyed(PUSH_FANOUT_QUEUE, notification.id);
  }
}
