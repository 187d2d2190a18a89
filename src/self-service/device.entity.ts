import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Member } from '../members/member.entity.js';

export const DEVICE_PLATFORMS = ['ios', 'android'] as const;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];

/**
 * An install of the mobile app by a member. `deviceId` is the client's own install id; a member
 * registers it after login and unregisters it on logout or uninstall. The row stays (with
 * `unregisteredAt`) so that re-registering the same install is the same row.
 */
@Entity('member_devices')
@Check('member_devices_platform_check', `platform IN ('ios','android')`)
@Index('member_devices_member_id_device_id_key', ['memberId', 'deviceId'], { unique: true })
export class MemberDevice {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'member_devices_pkey' })
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_devices_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ name: 'device_id', type: 'varchar', length: 128 })
  deviceId: string;

  @Column({ type: 'varchar', length: 16 })
  platform: DevicePlatform;

  @Column({ name: 'app_version', type: 'varchar', length: 32 })
  appVersion: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @Column({ name: 'unregistered_at', type: 'timestamptz', nullable: true })
  unregisteredAt: Date | null;
}
