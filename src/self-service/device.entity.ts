import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Member } from '../members/member.entity.js';

/** `web`: the member web app (app/, installed from the browser). */
export const DEVICE_PLATFORMS = ['ios', 'android', 'web'] as const;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];
export const PUSH_PROVIDERS = ['webpush', 'fcm', 'apns'] as const;
export type PushProvider = (typeof PUSH_PROVIDERS)[number];

/**
 * An install of the mobile app by a member. `deviceId` is the client's own install id; a member
 * registers it after login and unregisters it on logout or uninstall. The row stays (with
 * `unregisteredAt`) so that re-registering the same install is the same row.
 */
@Entity('member_devices')
@Check('member_devices_platform_check', `platform IN ('ios','android','web')`)
@Check(
  'member_devices_push_check',
  `(push_provider IS NULL AND push_token IS NULL AND push_endpoint IS NULL AND push_p256dh IS NULL AND push_auth IS NULL) OR (push_provider = 'webpush' AND push_token IS NULL AND push_endpoint IS NOT NULL AND push_p256dh IS NOT NULL AND push_auth IS NOT NULL) OR (push_provider IN ('fcm','apns') AND push_token IS NOT NULL AND push_endpoint IS NULL AND push_p256dh IS NULL AND push_auth IS NULL)`,
)
@Index('member_devices_member_id_device_id_key', ['memberId', 'deviceId'], { unique: true })
// one member at a time on an install (migration 1796500000000-device-push)
@Index('member_devices_active_device_id_key', ['deviceId'], { unique: true, where: 'unregistered_at IS NULL' })
// the fan-out's keyset: active installs with a push target, by id
@Index('member_devices_push_targets_idx', ['id'], { where: 'push_provider IS NOT NULL AND unregistered_at IS NULL' })
// a push target on one row at a time: UNIQUE (md5(coalesce(push_token, push_endpoint))), an expression index
@Index('member_devices_push_target_key', { synchronize: false })
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

  /**
   * Where notifications are pushed to this install: `fcm` or `apns` with `pushToken`, or `webpush`
   * with the subscription's endpoint and keys (RFC 8291). All null: no push. Cleared when the
   * install unregisters and when the provider reports the target gone.
   */
  @Column({ name: 'push_provider', type: 'varchar', length: 8, nullable: true })
  pushProvider: PushProvider | null;

  @Column({ name: 'push_token', type: 'varchar', length: 4096, nullable: true })
  pushToken: string | null;

  @Column({ name: 'push_endpoint', type: 'varchar', length: 2048, nullable: true })
  pushEndpoint: string | null;

  /** The subscription's P-256 public key, base64url (65 bytes, uncompressed point). */
  @Column({ name: 'push_p256dh', type: 'varchar', length: 100, nullable: true })
  pushP256dh: string | null;

  /** The subscription's authentication secret, base64url (16 bytes). */
  @Column({ name: 'push_auth', type: 'varchar', length: 32, nullable: true })
  pushAuth: string | null;

  @Column({ name: 'push_updated_at', type: 'timestamptz', nullable: true })
  pushUpdatedAt: Date | null;
}
