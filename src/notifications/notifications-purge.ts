import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { NotificationsService } from './notifications.service.js';

const PURGE_INTERVAL_MS = 60 * 60_000;

/**
 * Deletes expired notifications at start-up and every hour (an unref'd timer: it never keeps the
 * process alive). Expired rows are already hidden by every read; the purge only reclaims space, so a
 * missed run costs nothing but disk. Several instances may purge at once: each DELETE takes what is
 * left.
 */
@Injectable()
export class NotificationsPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationsPurge');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly notifications: NotificationsService) {}

  onApplicationBootstrap(): void {
    this.run();
    this.timer = setInterval(() => this.run(), PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  private run(): void {
    if (this.running) return;
    this.running = this.notifications
      .purgeExpired()
      .catch((e) => this.logger.error(`purge of expired notifications failed: ${(e as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running; // not cut off by the connection closing
  }
}
