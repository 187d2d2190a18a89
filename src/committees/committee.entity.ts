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
import { numericTransformer } from '../database/transformers.js';

export const COMMITTEE_KINDS = ['central', 'province', 'subordinate', 'grassroots', 'branch'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

export const ROLLOUT_PHASES = ['not_started', 'trial', 'pilot', 'live', 'on_hold'] as const;
export type RolloutPhase = (typeof ROLLOUT_PHASES)[number];

/**
 * A node of the Party organisation tree. `path` is the ltree of ids from the root
 * (e.g. `1.5.23`), so "everything under X" is one indexed ltree descendant query (`subtreeOf` in common/scope.ts).
 */
@Entity('committees')
@Check('committees_kind_check', `kind IN ('central','province','subordinate','grassroots','branch')`)
@Check('committees_phase_check', `phase IN ('not_started','trial','pilot','live','on_hold')`)
@Check('committees_target_rate_check', `target_install_rate IS NULL OR (target_install_rate >= 0 AND target_install_rate <= 1)`)
@Index('committees_name_search_idx', { synchronize: false })
@Index('committees_path_gist_idx', { synchronize: false })
export class Committee {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'committees_pkey' })
  id: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Index('committees_code_key', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CommitteeKind;

  @Index('committees_parent_id_idx')
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'committees_parent_id_fkey' })
  parent?: Relation<Committee> | null;

  @Column({ type: 'ltree' })
  path: string;

  @Column({ type: 'varchar', length: 16, default: 'not_started' })
  phase: RolloutPhase;

  @Column({ name: 'phase_started_at', type: 'date', nullable: true })
  phaseStartedAt: string | null;

  @Column({
    name: 'target_install_rate',
    type: 'numeric',
    precision: 5,
    scale: 4,
    nullable: true,
    transformer: numericTransformer,
  })
  targetInstallRate: number | null;

  /** Set when the committee was merged into another or dissolved; archived committees keep their history. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'merged_into_id', type: 'integer', nullable: true })
  mergedIntoId: number | null;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'committees_merged_into_id_fkey' })
  mergedInto?: Relation<Committee> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
