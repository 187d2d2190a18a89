import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Committee, type RolloutPhase } from './committee.entity.js';

/** The rollout history of a committee: who moved it from which phase to which, and when. */
@Entity('committee_phase_changes')
export class CommitteePhaseChange {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'committee_phase_changes_pkey' })
  id: string;

  @Index('committee_phase_changes_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'committee_phase_changes_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ name: 'from_phase', type: 'varchar', length: 16, nullable: true })
  fromPhase: RolloutPhase | null;

  @Column({ name: 'to_phase', type: 'varchar', length: 16 })
  toPhase: RolloutPhase;

  /** The date the new phase began (the committee's phaseStartedAt). */
  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true })
  actorUsername: string | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
