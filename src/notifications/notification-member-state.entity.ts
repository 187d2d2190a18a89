import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { Member } from '../members/member.entity.js';
import type { Notification } from './notification.entity.js';

/**
 * "This member read this notification": one row per notification a member opened, written only by
 * the member's own action (never when publishing). Deleted with the notification (cascade), and the
 * ones at or below the member's watermark are dropped when they mark all read.
 */
@Entity('notification_reads')
export class NotificationRead {
  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'notification_reads_pkey' })
  memberId: string;

  @PrimaryColumn({ name: 'notification_id', type: 'uuid', primaryKeyConstraintName: 'notification_reads_pkey' })
  notificationId: string;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'notification_reads_member_id_fkey' })
  member?: Relation<Member>;

  @Index('notification_reads_notification_id_idx')
  @ManyToOne('Notification', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'notification_reads_notification_id_fkey' })
  notification?: Relation<Notification>;

  @CreateDateColumn({ name: 'read_at', type: 'timestamptz' })
  readAt: Date;
}

/**
 * "Mark all read" as one row per member: everything in the inbox order at or before
 * (readUpToAt, readUpToId) counts as read, so marking a national inbox read writes one row.
 */
@Entity('notification_read_watermarks')
export class NotificationReadWatermark {
  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'notification_read_watermarks_pkey' })
  memberId: string;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'notification_read_watermarks_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ name: 'read_up_to_at', type: 'timestamptz', precision: 3 })
  readUpToAt: Date;

  @Column({ name: 'read_up_to_id', type: 'uuid' })
  readUpToId: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A member's push preferences. No row means the defaults: every kind pushes, no quiet hours.
 * `mutedKinds` lists the kinds that do NOT push (so a kind added later pushes by default); the inbox
 * shows every kind regardless. Quiet hours are minutes of the day in Vietnam time (Asia/Ho_Chi_Minh),
 * start inclusive, end exclusive, and may wrap midnight (22:00-06:00).
 */
@Entity('notification_preferences')
@Check('notification_preferences_quiet_hours_check', `(quiet_start_minute IS NULL) = (quiet_end_minute IS NULL)`)
@Check(
  'notification_preferences_quiet_range_check',
  `quiet_start_minute IS NULL OR (quiet_start_minute BETWEEN 0 AND 1439 AND quiet_end_minute BETWEEN 0 AND 1439 AND quiet_start_minute <> quiet_end_minute)`,
)
export class NotificationPreference {
  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'notification_preferences_pkey' })
  memberId: string;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'notification_preferences_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ name: 'muted_kinds', type: 'text', array: true, default: () => "'{}'" })
  mutedKinds: string[];

  @Column({ name: 'quiet_start_minute', type: 'smallint', nullable: true })
  quietStartMinute: number | null;

  @Column({ name: 'quiet_end_minute', type: 'smallint', nullable: true })
  quietEndMinute: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
