import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '../database/transformers.js';

/**
 * One stored file, addressed by the SHA-256 of its bytes: the same bytes uploaded twice (to one
 * document or to several) are stored once and share this row. `mime` is what the bytes are
 * (magic-byte detection), never what the client said. The file's name belongs to each document
 * that attaches it (`documents.file_name`), since one set of bytes may be attached under
 * different names.
 */
@Entity('stored_files')
export class StoredFile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'stored_files_pkey' })
  id: string;

  @Index('stored_files_sha256_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Bytes; `bigint` in the database, a number here (exact below 2^53). */
  @Column({ type: 'bigint', transformer: numericTransformer })
  size: number;

  @Column({ type: 'varchar', length: 100 })
  mime: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
