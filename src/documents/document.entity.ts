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
import { User } from '../auth/user.entity.js';
import { Committee } from '../committees/committee.entity.js';
import { StoredFile } from './stored-file.entity.js';

/** Kinds of Party and State documents (nghị quyết, chỉ thị, kết luận, quy định, hướng dẫn, tài liệu sinh hoạt). */
export const DOCUMENT_TYPES = [
  'resolution',
  'directive',
  'conclusion',
  'regulation',
  'guidance',
  'announcement',
  'decision',
  'plan',
  'study_material',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const CONTENT_STATUSES = ['draft', 'published'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

/**
 * A document of the library. It belongs to the committee that publishes it (`committeeId`):
 * members of that committee's subtree read it once it is published; editors of a subtree that
 * holds the committee manage it.
 *
 * `publishedAt` is set on the first publication and kept afterwards (an unpublished document
 * that is published again keeps its place in the feed). It is millisecond-precise (the check
 * below) because the mobile cursor carries it as a JavaScript date.
 */
@Entity('documents')
// migration 1796529787757-document-types
@Check(
  'documents_type_check',
  `type IN ('resolution','directive','conclusion','regulation','guidance','announcement','decision','plan','study_material','other')`,
)
@Check('documents_status_check', `status IN ('draft','published')`)
@Check('documents_published_at_check', `status = 'draft' OR published_at IS NOT NULL`)
@Check('documents_published_at_ms_check', `published_at IS NULL OR published_at = date_trunc('milliseconds', published_at)`)
@Check('documents_file_name_check', `(file_id IS NULL) = (file_name IS NULL)`)
@Index('documents_title_search_idx', { synchronize: false })
@Index('documents_number_search_idx', { synchronize: false })
@Index('documents_summary_search_idx', { synchronize: false })
@Index('documents_tags_idx', { synchronize: false })
@Index('documents_published_at_idx', ['publishedAt', 'id'])
export class Document {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'documents_pkey' })
  id: string;

  /** The publishing committee. */
  @Index('documents_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'documents_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  /** Số hiệu, e.g. `45-NQ/TW`. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  number: string | null;

  @Column({ type: 'varchar', length: 24 })
  type: DocumentType;

  @Column({ name: 'issuing_body', type: 'varchar', length: 255 })
  issuingBody: string;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ContentStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Index('documents_file_id_idx')
  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId: string | null;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'documents_file_id_fkey' })
  file?: Relation<StoredFile> | null;

  /** The attached file's name as uploaded, sanitised and ending with the detected extension. */
  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'documents_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
