import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Document } from './document.entity.js';

/**
 * A reader's bookmark on a document ("read later"). It belongs to the account that made it.
 * `createdAt` is set by the application, millisecond-precise (the check), because the bookmark
 * list pages by a cursor that carries it as a JavaScript date.
 */
@Entity('document_bookmarks')
@Check('document_bookmarks_created_at_ms_check', `created_at = date_trunc('milliseconds', created_at)`)
@Index('document_bookmarks_user_id_created_at_idx', ['userId', 'createdAt', 'documentId'])
export class Bookmark {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'document_bookmarks_pkey' })
  userId: string;

  @Index('document_bookmarks_document_id_idx')
  @PrimaryColumn({ name: 'document_id', type: 'uuid', primaryKeyConstraintName: 'document_bookmarks_pkey' })
  documentId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'document_bookmarks_user_id_fkey' })
  user?: Relation<User>;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_bookmarks_document_id_fkey' })
  document?: Relation<Document>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
