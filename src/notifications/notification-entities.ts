import { NotificationPreference, NotificationRead, NotificationReadWatermark } from './notification-member-state.entity.js';
import { Notification } from './notification.entity.js';

/** The tables of the notifications module. */
export const NOTIFICATION_ENTITIES = [Notification, NotificationRead, NotificationReadWatermark, NotificationPreference];
