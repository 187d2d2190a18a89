import { ApiProperty } from '@nestjs/swagger';
import { CursorPageMeta } from '../../common/cursor.js';
import { LINK_TYPES, NOTIFICATION_KINDS, type LinkType, type NotificationKind } from '../notification-kinds.js';
import type { InboxRow } from '../notifications.repository.js';
import type { Notification } from '../notification.entity.js';
import type { NotificationPreference } from '../notification-member-state.entity.js';
import { formatClock } from '../quiet-hours.js';

export class NotificationLink {
  @ApiProperty({ enum: LINK_TYPES })
  type: LinkType;

  @ApiProperty({ description: 'The id to open (a uuid), or the https URL for `url`' })
  id: string;
}

export class NotificationItem {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty({ example: 'Văn bản mới: Nghị quyết Đại hội Đảng bộ tỉnh' })
  title: string;

  @ApiProperty({ description: 'A short text' })
  body: string;

  @ApiProperty({ type: NotificationLink, nullable: true, description: 'The deep link; null for a bulletin without one' })
  link: NotificationLink | null;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ format: 'date-time', description: 'Gone from the inbox after this' })
  expiresAt: string;

  @ApiProperty()
  read: boolean;
}

export class NotificationPage extends CursorPageMeta {
  @ApiProperty({ type: [NotificationItem] })
  items: NotificationItem[];
}

export class UnreadCountResponse {
  @ApiProperty({ type: 'integer', example: 3, description: 'Unread notifications, at most 99' })
  count: number;

  @ApiProperty({ description: 'True when there are more than 99 (show "99+")' })
  capped: boolean;
}

export class NotificationPreferencesResponse {
  @ApiProperty({ type: [String], enum: NOTIFICATION_KINDS, description: 'The kinds that push' })
  pushKinds: NotificationKind[];

  @ApiProperty({ type: String, nullable: true, example: '22:00', description: 'HH:MM, Vietnam time; null: no quiet hours' })
  quietHoursStart: string | null;

  @ApiProperty({ type: String, nullable: true, example: '06:00' })
  quietHoursEnd: string | null;
}

export class BulletinResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'The committee whose subtree receives it' })
  committeeId: number;

  @ApiProperty({ type: String, nullable: true })
  committeeName: string | null;

  @ApiProperty()
  title: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ type: NotificationLink, nullable: true })
  link: NotificationLink | null;

  @ApiProperty({ format: 'date-time' })
  publishAt: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ enum: ['scheduled', 'published'], description: 'scheduled until publishAt; then published' })
  status: 'scheduled' | 'published';

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

const linkOf = (type: LinkType | null, id: string | null): NotificationLink | null => (type && id ? { type, id } : null);
const iso = (d: Date | string) => new Date(d).toISOString();

export function toNotificationItem(row: InboxRow): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: linkOf(row.linkType, row.linkId),
    publishedAt: iso(row.publishedAt),
    expiresAt: iso(row.expiresAt),
    read: row.read,
  };
}

export function toPreferencesResponse(p: NotificationPreference | null): NotificationPreferencesResponse {
  const muted = new Set(p?.mutedKinds ?? []);
  const quiet = p && p.quietStartMinute !== null && p.quietEndMinute !== null;
  return {
    pushKinds: NOTIFICATION_KINDS.filter((k) => !muted.has(k)),
    quietHoursStart: quiet ? formatClock(p.quietStartMinute!) : null,
    quietHoursEnd: quiet ? formatClock(p.quietEndMinute!) : null,
  };
}

export function toBulletinResponse(n: Notification, now = new Date()): BulletinResponse {
  return {
    id: n.id,
    committeeId: n.audienceCommitteeId!,
    committeeName: n.audienceCommittee?.name ?? null,
    title: n.title,
    text: n.body,
    link: linkOf(n.linkType, n.linkId),
    publishAt: iso(n.publishAt),
    expiresAt: iso(n.expiresAt),
    status: n.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published',
    createdAt: iso(n.createdAt),
  };
}
