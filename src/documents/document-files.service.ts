import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';
import { DocumentErrors } from './documents.errors.js';
import { DocumentsRepository } from './documents.repository.js';
import { downloadable } from './documents.service.js';
import { sanitizeFileName, type DownloadableFile } from './file-response.js';
import { ALLOWED_FILE_TYPES } from './file-types.js';
import { StoredFileRepository } from './stored-file.repository.js';

/**
 * Files of the library as other modules hand them on (a meeting's agenda attachments): the file of
 * a published document, or stored bytes under a name the caller gives. The caller decides who may
 * read them; this service only finds the bytes. Serve the answer with `sendStoredFile`.
 */
@Injectable()
export class DocumentFilesService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsRepository,
    private readonly storedFiles: StoredFileRepository,
  ) {}

  /** The file of a published document; a draft, a missing document or one without a file is a 404. */
  async publishedDocumentFile(documentId: string): Promise<DownloadableFile> {
    return downloadable(await this.documents.findPublished(this.tx.none, documentId));
  }

  /** Stored bytes served under `title` (made a safe file name with the extension of what the bytes are). */
  async storedFile(storedFileId: string, title: string): Promise<DownloadableFile> {
    const row = await this.storedFiles.byId(this.tx.none, storedFileId);
    if (!row) throw DocumentErrors.fileNotFound();
    return { ...row, name: sanitizeFileName(title, ALLOWED_FILE_TYPES[row.mime] ?? 'bin') };
  }
}
