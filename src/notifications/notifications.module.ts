import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '../committees/committees.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { SelfServiceModule } from '../self-service/self-service.module.js';
import { BulletinsController } from './bulletins.controller.js';
import { BulletinsService } from './bulletins.service.js';
import { MeNotificationsController } from './me-notifications.controller.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NOTIFICATION_ENTITIES } from './notification-entities.js';
import { NotificationsPurge } from './notifications-purge.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { PushDeliveriesRepository } from './push/push-deliveries.repository.js';
import { PushDeliveryService } from './push/push-delivery.service.js';
import { PushNotificationDispatcher } from './push/push-notification-dispatcher.js';
import { PushReportController } from './push/push-report.controller.js';
import { PushReportService } from './push/push-report.service.js';
import { CorrectionNotifications } from './correction-notifications.js';

/**
 * Notifications (issue 17): the members' inbox (/api/me/notifications), staff bulletins
 * (/api/bulletins), NotificationsService.publish for the modules whose events notify (documents,
 * news, surveys, meetings import this module), and push delivery (push/, docs/notifications.md):
 * the NotificationDispatcher enqueues each notification's fan-out on the job queue in the publishing
 * transaction; the workers deliver to the devices that self-service registered.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), CommitteesModule, JobsModule, SelfServiceModule],
  controllers: [MeNotificationsController, BulletinsController, PushReportController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    BulletinsService,
    NotificationsPurge,
    PushDeliveriesRepository,
    PushDeliveryService,
    PushReportService,
    CorrectionNotifications,
    { provide: NotificationDispatcher, useClass: PushNotificationDispatcher },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
