import { exportAudit, readWholeList, writeListFile, type ListExportQuery, type ListFile } from '../common/list-export.js';
import { DOCUMENT_EXPORT_COLUMNS } from './document-export.js';
import { Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { AuditService, diff } from '../audit/audit.service.js';
import { parseListQuery, type AdminListQuery, type ListPage } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { ContentStatus, Document } from './document.entity.js';
import { allOrNothing, type BulkResult } from '../common/bulk.js';
import { DocumentErrors } from './documents.errors.js';
import { DocumentsRepository, LIBRARY_LIST } from './documents.repository.js';
import { assertFields, normalizeTags } from './documents.rules.js';
import type { CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto.js';
import { toDocumentResponse, type DocumentResponse } from './dto/document.response.js';
import type { DownloadableFile } from './file-response.js';
import { sanitizeFileName } from './file-response.js';
import { detectAllowedType } from './file-types.js';
import { FileStorage } from './storage/file-storage.js';
import type { SpooledUpload } from './storage/upload-spool.js';
import { StoredFileRepository } from './stored-file.repository.js';
import { StoredFileHolders } from './stored-file-holders.js';
import { refuseCleared } from '../common/validation.js';

/**
 * The editors' side of the document library: CRUD inside the caller's committee subtree, the
 * attached file (content-addressed, type checked by its bytes), and the files' lifecycle.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsRepository,
    private readonly storedFiles: StoredFileRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly holders: StoredFileHolders,
    private readonly notifications: NotificationsService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<DocumentResponse>> {
    const page = await this.documents.list(principal, query);
    return { ...page, items: page.items.map(toDocumentResponse) };
  }

  /** The list for the same scope, filters and sort as a CSV or xlsx file; audited. */
  async export(principal: Principal, query: ListExportQuery): Promise<ListFile> {
    const rows = await readWholeList(query, (q) => this.list(principal, q));
    const file = await writeListFile(rows, DOCUMENT_EXPORT_COLUMNS, { ...query, sheetName: 'Văn bản', baseName: 'van-ban' });
    await this.audit.recordNow(principal, exportAudit('document', principal, query, file));
    return file;
  }

  async get(principal: Principal, id: string): Promise<DocumentResponse> {
    return toDocumentResponse(await this.documents.findInScope(this.tx.none, principal, id));
  }

  /** The publishing committee: in the caller's subtree (else a 400 on committeeId, not a 404) and not archived. */
  private async publisher(tx: Tx, principal: Principal, committeeId: number | null): Promise<Committee> {
    if (committeeId === null) throw DocumentErrors.committeeRequired();
    const committee = await this.committees.findReferenced(tx, principal, committeeId, DocumentErrors.committeeNotFound);
    if (committee.archivedAt) throw DocumentErrors.committeeArchived();
    return committee;
  }

  async create(principal: Principal, dto: CreateDocumentDto): Promise<DocumentResponse> {
    return this.tx.run(async (tx) => {
      const committee = await this.publisher(tx, principal, dto.committeeId ?? principal.committeeId);
      const status = dto.status ?? 'draft';
      const values = {
        committeeId: committee.id,
        title: dto.title.trim(),
        number: dto.number?.trim() || null,
        type: dto.type,
        issuingBody: dto.issuingBody.trim(),
        issuedOn: dto.issuedOn ?? null,
        summary: dto.summary?.trim() ?? '',
        tags: normalizeTags(dto.tags ?? []),
        status,
        publishedAt: status === 'published' ? new Date() : null,
        fileId: null,
        fileName: null,
        createdBy: principal.id,
      };
      assertFields(values);
      const saved = await this.documents.insert(tx, values);
      await this.audit.record(tx, principal, {
        action: status === 'published' ? 'document.create_published' : 'document.create',
        entityType: 'document',
        entityId: saved.id,
        committeeId: committee.id,
        details: { title: saved.title, number: saved.number, type: saved.type, status },
      });
      if (status === 'published') await this.notifyPublished(tx, principal, saved);
      return toDocumentResponse(await this.documents.findInScope(tx, principal, saved.id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateDocumentDto): Promise<DocumentResponse> {
    return this.tx.run(async (tx) => {
      await this.updateIn(tx, principal, id, dto);
      return toDocumentResponse(await this.documents.findInScope(tx, principal, id));
    });
  }

  /** Publishes or unpublishes several documents at once, all or nothing: each as `update` would, with its own audit entry. */
  async setStatusOfMany(principal: Principal, ids: string[], status: ContentStatus): Promise<BulkResult> {
    return this.tx.run((tx) => allOrNothing(ids, (id) => this.updateIn(tx, principal, id, { status })));
  }

  /** The body of an update, in the caller's transaction; answers whether the document changed. */
  private async updateIn(tx: Tx, principal: Principal, id: string, dto: UpdateDocumentDto): Promise<boolean> {
    const doc = await this.documents.findInScope(tx, principal, id, true);
    // PartialType lets null through `@IsOptional()`; only number and issuedOn may be cleared
    refuseCleared(dto, ['committeeId', 'title', 'type', 'issuingBody', 'summary', 'tags', 'status']);
    const changes: Partial<Document> = {};
    if (dto.committeeId !== undefined && dto.committeeId !== doc.committeeId) {
      changes.committeeId = (await this.publisher(tx, principal, dto.committeeId)).id;
    }
    if (dto.title !== undefined) changes.title = dto.title.trim();
    if (dto.number !== undefined) changes.number = dto.number?.trim() || null;
    if (dto.type !== undefined) changes.type = dto.type;
    if (dto.issuingBody !== undefined) changes.issuingBody = dto.issuingBody.trim();
    if (dto.issuedOn !== undefined) changes.issuedOn = dto.issuedOn;
    if (dto.summary !== undefined) changes.summary = dto.summary.trim();
    if (dto.tags !== undefined) changes.tags = normalizeTags(dto.tags);
    if (dto.status !== undefined) {
      changes.status = dto.status;
      if (dto.status === 'published' && doc.publishedAt === null) changes.publishedAt = new Date();
    }
    assertFields({ ...doc, ...changes });
    const changed = diff(doc, changes);
    if (Object.keys(changed).length) {
      await this.documents.update(tx, id, changes);
      const action =
        changes.status && changes.status !== doc.status
          ? changes.status === 'published'
            ? 'document.publish'
            : 'document.unpublish'
          : 'document.update';
      await this.audit.record(tx, principal, {
        action,
        entityType: 'document',
        entityId: id,
        committeeId: changes.committeeId ?? doc.committeeId,
        details: { changes: changed },
      });
      if (changes.status === 'published' && doc.status !== 'published') await this.notifyPublished(tx, principal, { ...doc, ...changes });
    }
    return Object.keys(changed).length > 0;
  }

  /**
   * Tells the members of the publishing committee's subtree, in the publishing transaction; once per
   * document (the dedupe key): withdrawing and publishing again does not notify twice.
   */
  private async notifyPublished(tx: Tx, principal: Principal, doc: Pick<Document, 'id' | 'title' | 'summary' | 'committeeId'>) {
    await this.notifications.publish(
      {
        kind: 'document_published',
        title: `Văn bản mới: ${doc.title}`,
        body: doc.summary,
        link: { type: 'document', id: doc.id },
        audience: { committeeId: doc.committeeId },
        dedupeKey: `document:${doc.id}`,
        createdBy: principal.id,
      },
      tx,
    );
  }

  /** Deletes the document (bookmarks go with it) and answers it as it was; its file goes too unless another document uses the same bytes. */
  async remove(principal: Principal, id: string): Promise<DocumentResponse> {
    return this.tx.run(async (tx) => {
      const doc = await this.documents.findInScope(tx, principal, id, true);
      const uses = await this.holders.usingDocument(tx, id);
      if (Object.keys(uses).length) throw DocumentErrors.inUse(uses);
      const response = toDocumentResponse(doc);
      await this.documents.delete(tx, id);
      if (doc.fileId) await this.releaseFile(tx, doc.fileId);
      await this.audit.record(tx, principal, {
        action: 'document.delete',
        entityType: 'document',
        entityId: id,
        committeeId: doc.committeeId,
        details: { title: doc.title, number: doc.number, status: doc.status, file: response.file },
      });
      return response;
    });
  }

  /**
   * Attaches an upload (already spooled to a temporary file, which this method discards) to the
   * document, replacing any earlier file. The type is read from the bytes; anything but the allowed
   * types is a 415 and nothing changes. Identical bytes are stored once.
   */
  async attachFile(principal: Principal, id: string, upload: SpooledUpload, clientName: string | undefined): Promise<DocumentResponse> {
    try {
      const type = await detectAllowedType(upload.path);
      if (!type) throw DocumentErrors.unsupportedType();
      const name = sanitizeFileName(clientName, type.ext);
      return await this.tx.run(async (tx) => {
        const doc = await this.documents.findInScope(tx, principal, id, true);
        // The upsert locks the stored_files row of these bytes (or waits for a concurrent release of
        // it to commit), so the bytes cannot be removed between the existence check and the commit.
        const fileId = await this.storeBytes(tx, upload, type.mime);
        await this.documents.update(tx, id, { fileId, fileName: name });
        if (doc.fileId && doc.fileId !== fileId) await this.releaseFile(tx, doc.fileId);
        await this.audit.record(tx, principal, {
          action: 'document.file_attach',
          entityType: 'document',
          entityId: id,
          committeeId: doc.committeeId,
          details: { name, size: upload.size, mime: type.mime, sha256: upload.sha256, replaced: doc.file?.sha256 ?? null },
        });
        return toDocumentResponse(await this.documents.findInScope(tx, principal, id));
      });
    } finally {
      await upload.discard();
    }
  }

  async detachFile(principal: Principal, id: string): Promise<DocumentResponse> {
    return this.tx.run(async (tx) => {
      const doc = await this.documents.findInScope(tx, principal, id, true);
      if (!doc.fileId) throw DocumentErrors.fileNotFound();
      await this.documents.update(tx, id, { fileId: null, fileName: null });
      await this.releaseFile(tx, doc.fileId);
      await this.audit.record(tx, principal, {
        action: 'document.file_detach',
        entityType: 'document',
        entityId: id,
        committeeId: doc.committeeId,
        details: { name: doc.fileName, sha256: doc.file?.sha256 ?? null },
      });
      return toDocumentResponse(await this.documents.findInScope(tx, principal, id));
    });
  }

  /**
   * The stored_files row of the spooled bytes (created if new) with the bytes in storage, inside
   * `tx`: the upsert locks the row (or waits for a concurrent release of it to commit), so the bytes
   * cannot be removed between the existence check and the commit.
   */
  private async storeBytes(tx: Tx, upload: SpooledUpload, mime: string): Promise<string> {
    const fileId = await this.storedFiles.upsert(tx, { sha256: upload.sha256, size: upload.size, mime });
    if (!(await this.storage.exists(upload.sha256))) {
      const stored = await this.storage.put(createReadStream(upload.path));
      if (stored.sha256 !== upload.sha256) throw new Error('the spooled upload changed while being stored');
    }
    return fileId;
  }

  /**
   * For other modules' uploads (a meeting's agenda papers): the same checks as a document's file
   * (type read from the bytes, 415 otherwise; identical bytes stored once), stored inside the
   * caller's transaction. The caller keeps the returned id in a row of a registered StoredFileHolder
   * and discards the spooled upload.
   */
  async storeUpload(
    tx: Tx,
    upload: SpooledUpload,
    clientName: string | undefined,
  ): Promise<{ fileId: string; name: string; mime: string; size: number; sha256: string }> {
    const type = await detectAllowedType(upload.path);
    if (!type) throw DocumentErrors.unsupportedType();
    const fileId = await this.storeBytes(tx, upload, type.mime);
    return { fileId, name: sanitizeFileName(clientName, type.ext), mime: type.mime, size: upload.size, sha256: upload.sha256 };
  }

  /**
   * The published documents among `ids` that members of the committee whose chain (root first) is
   * `chainIds` may read; the others (missing, drafts, another chain's) are left out.
   */
  async readableInChain(tx: Tx, chainIds: number[], ids: string[]): Promise<{ id: string; title: string }[]> {
    return (await this.documents.readableInChain(tx, chainIds, ids)).map((d) => ({ id: d.id, title: d.title }));
  }

  /** The `committeeId` filter of a library query (checked as the rest of it is), for the caller to turn into a chain. */
  libraryCommitteeId(query: AdminListQuery): unknown {
    return parseListQuery(query, LIBRARY_LIST).filter.committeeId;
  }

  /** The library of a committee chain (root first): its published documents, as an admin list (LIBRARY_LIST). */
  async libraryOfChain(tx: Tx, chainIds: number[], query: AdminListQuery): Promise<ListPage<DocumentResponse>> {
    const page = await this.documents.libraryOfChain(tx, chainIds, query);
    return { ...page, items: page.items.map(toDocumentResponse) };
  }

  /** A document's file for a caller another module has already authorised (a meeting's attachment). */
  async documentFile(tx: Tx, id: string): Promise<DownloadableFile> {
    const doc = await this.documents.byIdWithFile(tx, id);
    if (!doc) throw DocumentErrors.fileNotFound();
    return downloadable(doc);
  }

  /** A stored file by id, served under `name` (another module's upload, authorised by it). */
  async storedFile(tx: Tx, fileId: string, name: string): Promise<DownloadableFile> {
    const file = await this.storedFiles.byId(tx, fileId);
    if (!file) throw DocumentErrors.fileNotFound();
    return { ...file, name };
  }

  /** The file of a document in the caller's scope (drafts included: editors proofread them). */
  async fileInScope(principal: Principal, id: string): Promise<DownloadableFile> {
    return downloadable(await this.documents.findInScope(this.tx.none, principal, id));
  }

  /**
   * Removes a stored file no document uses any more: the row and then the bytes, under the row's
   * lock and inside the caller's transaction (an upload of the same bytes waits on that lock, then
   * inserts a fresh row and stores them again). Documents and the registered StoredFileHolders
   * (meetings' uploaded agenda papers) hold stored files.
   */
  async releaseFile(tx: Tx, fileId: string): Promise<void> {
    const sha256 = await this.storedFiles.lockForRemoval(tx, fileId);
    if (sha256 === null) return;
    if ((await this.documents.countUsingFile(tx, fileId)) > 0) return;
    if (await this.holders.anyUsing(tx, fileId)) return;
    await this.storedFiles.delete(tx, fileId);
    await this.storage.delete(sha256);
  }
}

/** `d.file` loaded; a document without a file is a 404 on its file route. */
export function downloadable(d: Document): DownloadableFile {
  if (!d.file || !d.fileName) throw DocumentErrors.fileNotFound();
  return { sha256: d.file.sha256, size: d.file.size, mime: d.file.mime, name: d.fileName };
}
