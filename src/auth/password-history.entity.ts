import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * The hashes an account used before its current one (at most PASSWORD_HISTORY_SIZE are kept,
 * auth/password-history.service.ts): a new password must differ from the current one and from these.
 */
@Entity('password_history')
export class PasswordHistoryEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'password_history_pkey' })
  id: string;

  @Index('password_history_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'password_history_user_id_fkey' })
  user?: Relation<User>;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  /** When this hash stopped being the account's password. */
  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt: Date;
}
