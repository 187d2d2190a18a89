import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Committee } from '../committees/committee.entity.js';
import { SurveyQuestion } from './survey-question.entity.js';

export const SURVEY_KINDS = ['survey', 'quiz'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** What is stored. `open` is a decision; whether answers are taken also depends on the window. */
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/**
 * What the API reports: the stored status read against the clock. An `open` survey whose opensAt is
 * still ahead is `scheduled`; one whose closesAt has passed is `closed` (and stays so).
 */
export const SURVEY_EFFECTIVE_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type SurveyEffectiveStatus = (typeof SURVEY_EFFECTIVE_STATUSES)[number];

export const RESULTS_VISIBILITIES = ['after_close', 'live'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITIES)[number];

/**
 * A survey or a resolution-study quiz, sent by a committee to its whole subtree: every member of
 * the target committee and of the committees below it is invited.
 *
 * `published_at` is when members first see it: the later of the hand-opening and `opens_at`,
 * millisecond-precise because the members' list pages by a cursor over it.
 */
@Entity('surveys')
@Check('surveys_kind_check', `kind IN ('survey','quiz')`)
@Check('surveys_status_check', `status IN ('draft','open','closed')`)
@Check('surveys_results_visibility_check', `results_visibility IN ('after_close','live')`)
@Check('surveys_window_check', `opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at`)
@Check('surveys_pass_mark_check', `(kind = 'quiz') = (pass_mark IS NOT NULL) AND (pass_mark IS NULL OR pass_mark >= 0)`)
@Check('surveys_published_at_check', `status = 'draft' OR published_at IS NOT NULL`)
@Index('surveys_feed_idx', ['publishedAt', 'id'], { where: `status = 'open'` })
export class Survey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'surveys_pkey' })
  id: string;

  /** The target committee: its whole subtree is invited. */
  @Index('surveys_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'surveys_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind: SurveyKind;

  @Column({ type: 'varchar', length: 8, default: 'draft' })
  status: SurveyStatus;

  @Column({ name: 'opens_at', type: 'timestamptz', precision: 3, nullable: true })
  opensAt: Date | null;

  @Column({ name: 'closes_at', type: 'timestamptz', precision: 3, nullable: true })
  closesAt: Date | null;

  /** Answers are stored without the member; participation is kept apart (one answer per member). */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({ name: 'results_visibility', type: 'varchar', length: 16, default: 'after_close' })
  resultsVisibility: ResultsVisibility;

  /** Quizzes only: the least score that passes. */
  @Column({ name: 'pass_mark', type: 'integer', nullable: true })
  passMark: number | null;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  /** When it was opened by hand (POST /open). */
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  /** When it was closed by hand (POST /close); a survey closed by time keeps null here. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'surveys_created_by_fkey' })
  creator?: Relation<User> | null;

  @OneToMany(() => SurveyQuestion, (q) => q.survey)
  questions?: Relation<SurveyQuestion>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
