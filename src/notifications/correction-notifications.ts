import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CorrectionDecidedHook } from '../self-service/correction-decided.hook.js';
import { NotificationsService } from './notifications.service.js';

/** The member is told in their inbox (and by push) that their correction request was decided. */
@Injectable()
export class CorrectionNotifications implements OnModuleInit {
  constructor(
    private readonly hook: CorrectionDecidedHook,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.hook.register(async (tx, c) => {
      await this.notifications.publish(
        {
          kind: 'correction_decided',
          title: c.approved ? 'Yêu cầu sửa thông tin đã được duyệt' : 'Yêu cầu sửa thông tin không được duyệt',
          body: c.note ?? (c.approved ? 'Thông tin của đồng chí đã được cập nhật.' : ''),
          link: { type: 'correction_request', id: c.id },
          audience: { memberId: c.memberId },
          dedupeKey: `correction-decided:${c.id}`,
        },
        tx,
      );
    });
  }
}
