import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Committee } from '../../committees/committee.entity.js';
import type { Member } from '../../members/member.entity.js';
import type { MemberDevice } from '../../self-service/device.entity.js';
import type { Notification } from '../notification.entity.js';

/** What became of one device's push for one notification. */
export const PUSH_DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'gone', 'muted', 'skipped'] as const;
export type PushDeliveryStatus = (typeof PUSH_DELIVERY_STATUSES)[number];

/** Statuses that end a device's delivery: a device with one of these is never sent this notification again. */
export const FINAL_PUSH_STATUSES: readonly PushDeliveryStatus[] = ['sent', 'failed', 'gone', 'muted', 'skipped'];

/**
 * One device's delivery of one notification (docs/notifications.md): written by the fan-out in bulk,
 * one multi-row statement per chunk of sends, right after the chunk's sends complete. The primary key
 * (notification, device) is the exactly-once ledger: a device with a final row is skipped by a fan-out
 * that runs again after a crash. `pending` is a device whose push waits (quiet hours, a retry) in a
 * delayed job; `committee_id` is the member's branch when the push was tried (the report groups by it).
 */
@Entity('push_deliveries')
@Check('push_deliveries_status_check', `status IN (${PUSH_DELIVERY_STATUSES.map((s) => `'${s}'`).join(',')})`)
@Index('push_deliveries_failed_idx', ['updatedAt'], { where: `status = 'failed'` })
export class PushDelivery {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid', primaryKeyConstraintName: 'push_deliveries_pkey' })
  notificationId: string;

  /** The member_devices row (the install), not the app's own device id. */
  @PrimaryColumn({ name: 'device_id', type: 'uuid', primaryKeyConstraintName: 'push_deliveries_pkey' })
  deviceId: string;

  @ManyToOne('Notification', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'push_deliveries_notification_id_fkey' })
  notification?: Relation<Notification>;

  @Index('push_deliveries_device_id_idx')
  @ManyToOne('MemberDevice', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'push_deliveries_device_id_fkey' })
  device?: Relation<MemberDevice>;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Index('push_deliveries_member_id_idx')
  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'push_deliveries_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @Index('push_deliveries_committee_id_idx')
  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'push_deliveries_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'varchar', length: 16 })
  status: PushDeliveryStatus;

  /** Sends tried so far (0: muted, skipped, or waiting for the end of quiet hours). */
  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
