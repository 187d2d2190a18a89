import {
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
import { User } from '../auth/user.entity.js';
import { Committee } from '../committees/committee.entity.js';

/**
 * A question with its answer, published by a committee to the members of its subtree (they read
 * the entries of their own committee chain). `keywords` hold alternative phrasings and keywords:
 * how members actually ask ("dong dang phi o dau", "nộp đảng phí qua mạng").
 *
 * `search_text` and `search_vector` are kept by the trigger `faqs_search_refresh` (migration
 * FaqModule): the unaccented question and keywords for trigram similarity, and their syllables
 * and syllable bigrams (`dang_phi`) as a tsvector. Their GIN indexes are written by hand.
 */
@Entity('faqs')
@Index('faqs_search_text_trgm_idx', { synchronize: false })
@Index('faqs_search_vector_idx', { synchronize: false })
export class Faq {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'faqs_pkey' })
  id: string;

  /** The publishing committee. */
  @Index('faqs_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'faqs_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'text' })
  question: string;

  /** Plain text or light HTML, sanitised on the way in. */
  @Column({ type: 'text' })
  answer: string;

  @Column({ type: 'varchar', length: 64 })
  category: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ type: 'boolean', default: false })
  published: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'faqs_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Trigger-kept: f_unaccent(question + keywords). */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText?: string | null;

  /** Trigger-kept: syllables and syllable bigrams, weight A from the question, B from the keywords. */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;
}
