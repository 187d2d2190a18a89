import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
// type-only: the relations name their targets by string, so auth does not load the committees or members modules
import type { Committee } from '../committees/committee.entity.js';
import type { Member } from '../members/member.entity.js';
import type { Role } from '../common/roles.js';

/** A login: staff (home committee = scope) or a member of the mobile app (linked to its record). */
@Entity('users')
@Check('users_role_check', `role IN ('admin','committee_admin','secretary','editor','member')`)
@Check('users_scope_check', `role = 'admin' OR committee_id IS NOT NULL`)
@Check('users_member_link_check', `role <> 'member' OR member_id IS NOT NULL`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id: string;

  /** Stored lower-case; login is case-insensitive. */
  @Index('users_username_key', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'full_name', type: 'varchar', length: 255 })
  fullName: string;

  @Column({ type: 'varchar', length: 24 })
  role: Role;

  /** The home committee: the root of the subtree this account may see. Null only for `admin`. */
  @Index('users_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer', nullable: true })
  committeeId: number | null;

  @ManyToOne('Committee', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'users_committee_id_fkey' })
  committee?: Relation<Committee> | null;

  @Index('users_member_id_key', { unique: true, where: 'member_id IS NOT NULL' })
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne('Member', { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'users_member_id_fkey' })
  member?: Relation<Member> | null;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  /** Wrong passwords since the last successful login or lock (auth/lockout.service.ts). */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  /** Logins are refused until then (or until staff unlock the account); null when not locked. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
