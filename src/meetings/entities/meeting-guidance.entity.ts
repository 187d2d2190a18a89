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
import type { User } from '../../auth/user.entity.js';
import type { Committee } from '../../committees/committee.entity.js';

/** One guidance topic: what the committee above suggests the branches take up this month. */
export interface GuidanceTopic {
  title: string;
  description: string | null;
  /** Library documents to study with the topic. */
  documentIds: string[];
}

/**
 * The month's guidance for branch meetings (định hướng nội dung sinh hoạt chi bộ) that a committee
 * publishes for its subtree; branches adopt or adapt its topics into their agenda.
 */
@Entity('meeting_guidance')
@Check('meeting_guidance_month_check', `EXTRACT(DAY FROM month) = 1`)
@Index('meeting_guidance_committee_month_idx', ['committeeId', 'month'])
export class MeetingGuidance {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_guidance_pkey' })
  id: string;

  /** The publishing committee: its whole subtree sees the guidance. */
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'meeting_guidance_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'jsonb' })
  topics: GuidanceTopic[];

  /** Null while a draft: branches see published guidance only. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'meeting_guidance_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
