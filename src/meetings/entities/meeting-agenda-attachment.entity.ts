import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Document } from '../../documents/document.entity.js';
import type { StoredFile } from '../../documents/stored-file.entity.js';
import type { MeetingAgendaItem } from './meeting-agenda-item.entity.js';

/** A document sent ahead with an agenda item: one from the library, or a file uploaded for the meeting. */
@Entity('meeting_agenda_attachments')
@Check('meeting_agenda_attachments_source_check', `(document_id IS NULL) <> (stored_file_id IS NULL)`)
export class MeetingAgendaAttachment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_agenda_attachments_pkey' })
  id: string;

  @Index('meeting_agenda_attachments_item_idx')
  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId: string;

  @ManyToOne('MeetingAgendaItem', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'meeting_agenda_attachments_agenda_item_id_fkey' })
  agendaItem?: Relation<MeetingAgendaItem>;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId: string | null;

  @ManyToOne('Document', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'meeting_agenda_attachments_document_id_fkey' })
  document?: Relation<Document> | null;

  @Column({ name: 'stored_file_id', type: 'uuid', nullable: true })
  storedFileId: string | null;

  @ManyToOne('StoredFile', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'stored_file_id', foreignKeyConstraintName: 'meeting_agenda_attachments_stored_file_id_fkey' })
  storedFile?: Relation<StoredFile> | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;
}
