import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Committee } from '../committees/committee.entity.js';
import { Faq } from './faq.entity.js';

export const UNANSWERED_STATUSES = ['open', 'converted', 'dismissed'] as const;
export type UnansweredStatus = (typeof UNANSWERED_STATUSES)[number];

/**
 * A question the automatic answer could not answer with confidence, for editors to turn into an
 * FAQ entry. Identical questions (after normalisation: case, diacritics, punctuation, typing
 * leftovers) are one row that counts how often it was asked. Who asked is not kept: only the
 * committee of the latest asker, which places the question in the editors' scope.
 */
@Entity('unanswered_questions')
@Check('unanswered_questions_status_check', `status IN ('open','converted','dismissed')`)
@Check('unanswered_questions_times_asked_check', `times_asked >= 1`)
export class UnansweredQuestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'unanswered_questions_pkey' })
  id: string;

  /** The question as it was first asked. */
  @Column({ type: 'varchar', length: 300 })
  text: string;

  @Index('unanswered_questions_normalized_key', { unique: true })
  @Column({ type: 'varchar', length: 500 })
  normalized: string;

  @Column({ name: 'times_asked', type: 'integer', default: 1 })
  timesAsked: number;

  @Column({ name: 'first_asked_at', type: 'timestamptz', default: () => 'now()' })
  firstAskedAt: Date;

  @Column({ name: 'last_asked_at', type: 'timestamptz', default: () => 'now()' })
  lastAskedAt: Date;

  /** The home committee of the latest asker (null: an admin of the whole tree). */
  @Index('unanswered_questions_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer', nullable: true })
  committeeId: number | null;

  @ManyToOne(() => Committee, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'unanswered_questions_committee_id_fkey' })
  committee?: Relation<Committee> | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: UnansweredStatus;

  /** The entry it was turned into. */
  @Column({ name: 'faq_id', type: 'uuid', nullable: true })
  faqId: string | null;

  @ManyToOne(() => Faq, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'faq_id', foreignKeyConstraintName: 'unanswered_questions_faq_id_fkey' })
  faq?: Relation<Faq> | null;
}
