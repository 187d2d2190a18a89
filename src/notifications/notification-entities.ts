import { NotificationPreference, NotificationRead, NotificationReadWatermark } from './notification-member-state.entity.js';
import { Notification } from './notification.entity.js';
import { PushDelivery } from './push/push-delivery.entity.js';

/** The tables of the notifications module (push_deliveries: its push delivery, src/notifications/push/). */
export const NOTIFICATION_ENTITIES = [Notification, NotificationRead, NotificationReadWatermark, NotificationPreference, PushDelivery];
