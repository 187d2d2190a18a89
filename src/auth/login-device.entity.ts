import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * A client that logged in to an account successfully (OWASP "device cookies", auth/login-devices.ts):
 * its logins skip the per-username throttle and the account lock, and have a failure count and a
 * lock of their own. Only the SHA-256 of the token is stored.
 */
@Entity('login_devices')
export class LoginDevice {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'login_devices_pkey' })
  id: string;

  @Index('login_devices_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'login_devices_user_id_fkey' })
  user?: Relation<User>;

  @Index('login_devices_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The last successful login with this token; the token expires LOGIN_DEVICE_DAYS after it. */
  @Column({ name: 'last_login_at', type: 'timestamptz' })
  lastLoginAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Wrong passwords with this token since its last successful login or lock. */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  /** Until then the token counts for nothing: its logins are an unknown client's. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
