import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../notification-kinds.js';
import type { Notification } from '../../notification.entity.js';
import type { PushDelivery } from '../push-delivery.entity.js';
import type { ReportCounts } from '../push-deliveries.repository.js';

export class PushReportQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description:
      "The committee to report on (its subtree, and one row per direct sub-committee): one in the caller's scope and in the " +
      "notification's audience. Default: the audience committee, or the caller's home committee when the audience lies above it.",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  committeeId?: number;
}

export class PushReportCommittee {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty()
  name: string;
}

export class PushReportRow {
  @ApiProperty({ type: 'integer' })
  committeeId: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The committee kind' })
  kind: string;

  @ApiProperty({ type: 'integer', description: 'Members on the register now in the subtree (all of them are in the audience)' })
  members: number;

  @ApiProperty({ type: 'integer', description: 'Of those, members who read it (opened it, or marked all read after it came)' })
  read: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'read / members (0..1); null without members' })
  readRate: number | null;

  @ApiProperty({ type: 'integer', description: "Devices the fan-out reached (every status), grouped by the member's branch at send time" })
  devices: number;

  @ApiProperty({ type: 'integer', description: 'Accepted by the push service' })
  sent: number;

  @ApiProperty({ type: 'integer', description: 'Refused for good, or still failing after the last retry (the dead letters)' })
  failed: number;

  @ApiProperty({ type: 'integer', description: 'The token or subscription no longer exists (removed from the device)' })
  gone: number;

  @ApiProperty({ type: 'integer', description: 'Waiting: for the end of quiet hours, or for a retry' })
  pending: number;

  @ApiProperty({ type: 'integer', description: 'The member does not want this kind pushed (it is in their inbox)' })
  muted: number;

  @ApiProperty({ type: 'integer', description: 'The push service of the device is not configured on this server' })
  skipped: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'sent / (devices − muted − skipped) (0..1); null when none was due' })
  deliveredRate: number | null;
}

export class PushReportResponse {
  @ApiProperty({ format: 'uuid' })
  notificationId: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'date-time' })
  publishAt: string;

  @ApiProperty({ type: PushReportCommittee, description: 'The committee reported on' })
  committee: PushReportCommittee;

  @ApiProperty({ type: PushReportRow, description: 'The whole subtree of `committee`' })
  total: PushReportRow;

  @ApiProperty({ type: [PushReportRow], description: 'One row per direct sub-committee (drill down with committeeId)' })
  children: PushReportRow[];
}

export class DeadLetterResponse {
  @ApiProperty({ description: '`<notificationId>:<deviceId>`' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  notificationId: string;

  @ApiProperty({ type: String, nullable: true, description: 'The notification title' })
  title: string | null;

  @ApiProperty({ format: 'uuid', description: "The member's app install (member_devices row)" })
  deviceId: string;

  @ApiProperty({ format: 'uuid' })
  memberId: string;

  @ApiProperty({ type: 'integer', description: "The member's branch when the push was tried" })
  committeeId: number;

  @ApiProperty({ type: 'integer' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, description: "The push service's last answer" })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export function toPushReportRow(c: ReportCounts): PushReportRow {
  return {
    committeeId: c.committeeId,
    name: c.name,
    kind: c.kind,
    members: c.members,
    read: c.read,
    readRate: rate(c.read, c.members),
    devices: c.devices,
    sent: c.sent,
    failed: c.failed,
    gone: c.gone,
    pending: c.pending,
    muted: c.muted,
    skipped: c.skipped,
    deliveredRate: rate(c.sent, c.devices - c.muted - c.skipped),
  };
}

export function toPushReportResponse(n: Notification, rows: ReportCounts[]): PushReportResponse {
  const [root, ...children] = rows;
  return {
    notificationId: n.id,
    kind: n.kind,
    title: n.title,
    publishAt: n.publishAt.toISOString(),
    committee: { id: root.committeeId, name: root.name },
    total: toPushReportRow(root),
    children: children.map(toPushReportRow),
  };
}

export function toDeadLetterResponse(d: PushDelivery): DeadLetterResponse {
  return {
    id: `${d.notificationId}:${d.deviceId}`,
    notificationId: d.notificationId,
    title: d.notification?.title ?? null,
    deviceId: d.deviceId,
    memberId: d.memberId,
    committeeId: d.committeeId,
    attempts: d.attempts,
    lastError: d.lastError,
    updatedAt: d.updatedAt.toISOString(),
  };
}
