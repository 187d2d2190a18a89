import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '../committees/committees.module.js';
import { BulletinsController } from './bulletins.controller.js';
import { BulletinsService } from './bulletins.service.js';
import { MeNotificationsController } from './me-notifications.controller.js';
import { NoopNotificationDispatcher, NotificationDispatcher } from './notification-dispatcher.js';
import { NOTIFICATION_ENTITIES } from './notification-entities.js';
import { NotificationsPurge } from './notifications-purge.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Notifications (issue 17): the members' inbox (/api/me/notifications), staff bulletins
 * (/api/bulletins) and NotificationsService.publish for the modules whose events notify (documents,
 * news, surveys, meetings, self-service import this module; it imports none of them).
 * NotificationDispatcher is the push seam: a no-op here.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), CommitteesModule],
  controllers: [MeNotificationsController, BulletinsController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    BulletinsService,
    NotificationsPurge,
    { provide: NotificationDispatcher, useClass: NoopNotificationDispatcher },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
