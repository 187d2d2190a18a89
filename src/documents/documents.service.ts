import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService, diff } from '../audit/audit.service.js';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { CONTENT_STATUSES, Document, DOCUMENT_TYPES } from './document.entity.js';
import { DocumentErrors } from './documents.errors.js';
import type { CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto.js';
import { toDocumentResponse, type DocumentResponse } from './dto/document.response.js';
import type { DownloadableFile } from './file-response.js';
import { sanitizeFileName } from './file-response.js';
import { detectAllowedType } from './file-types.js';
import { FileStorage } from './storage/file-storage.js';
import type { SpooledUpload } from './storage/upload-spool.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const badFilter = (message: string) => ApiError.badRequest(message, { filter: message }, 'INVALID_LIST_QUERY');

const dateBound =
  (op: '>=' | '<='): FilterHandler<Document> =>
  (qb, v, p) => {
    if (typeof v !== 'string' || !DATE.test(v) || !isRealDate(v)) throw badFilter('issuedFrom and issuedTo must be dates YYYY-MM-DD');
    qb.andWhere(`d.issued_on ${op} CAST(:${p} AS date)`, { [p]: v });
  };

export const DOCUMENT_LIST: ListSpec<Document> = {
  sortable: {
    id: 'd.id',
    title: 'd.title',
    number: 'd.number',
    type: 'd.type',
    status: 'd.status',
    issuedOn: 'd.issuedOn',
    publishedAt: 'd.publishedAt',
    createdAt: 'd.createdAt',
    updatedAt: 'd.updatedAt',
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreaker: 'd.id',
  filters: {
    id: idsFilter('d.id', 'uuid'),
    q: searchFilter('d.title', 'd.number', 'd.summary'),
    type: enumFilter('d.type', DOCUMENT_TYPES),
    status: enumFilter('d.status', CONTENT_STATUSES),
    committeeId: subtreeFilter('d.committee_id'),
    tag: (qb, v, p) => {
      if (typeof v !== 'string' || !v.trim() || v.length > 50) throw badFilter('tag must be a string of 1-50 characters');
      qb.andWhere(`d.tags @> ARRAY[CAST(:${p} AS text)]`, { [p]: v.trim() });
    },
    issuedFrom: dateBound('>='),
    issuedTo: dateBound('<='),
    hasFile: boolFilter((v) => (v ? 'd.file_id IS NOT NULL' : 'd.file_id IS NULL')),
  },
};

export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Trimmed, inner spaces collapsed, duplicates (ignoring case) dropped, order kept. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    const key = tag.toLocaleLowerCase('vi');
    if (tag && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/**
 * The editors' side of the document library: CRUD inside the caller's committee subtree, the
 * attached file (content-addressed, type checked by its bytes), and the files' lifecycle.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
  ) {}

  private scoped(m: EntityManager, principal: Principal): SelectQueryBuilder<Document> {
    const qb = m.getRepository(Document).createQueryBuilder('d').leftJoinAndSelect('d.committee', 'c').leftJoinAndSelect('d.file', 'f');
    return scopeByCommittee(qb, principal, 'd.committee_id');
  }

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<DocumentResponse>> {
    const page = await runListQuery(this.scoped(this.db.manager, principal), DOCUMENT_LIST, query);
    return { ...page, items: page.items.map(toDocumentResponse) };
  }

  async get(principal: Principal, id: string): Promise<DocumentResponse> {
    return toDocumentResponse(await this.findInScope(this.db.manager, principal, id));
  }

  /** The document if it exists and its committee is in the caller's subtree; otherwise 404 for both. */
  async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<Document> {
    if (!UUID.test(id)) throw DocumentErrors.notFound();
    if (lock) {
      // lock the row alone (FOR UPDATE cannot apply to the nullable side of the outer joins)
      const locked = await scopeByCommittee(m.getRepository(Document).createQueryBuilder('d'), principal, 'd.committee_id')
        .andWhere('d.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!locked) throw DocumentErrors.notFound();
    }
    const doc = await this.scoped(m, principal).andWhere('d.id = :id', { id }).getOne();
    if (!doc) throw DocumentErrors.notFound();
    return doc;
  }

  /** The publishing committee: in the caller's subtree (else a 400 on committeeId, not a 404) and not archived. */
  private async publisher(m: EntityManager, principal: Principal, committeeId: number | null): Promise<Committee> {
    if (committeeId === null) throw DocumentErrors.committeeRequired();
    let committee: Committee;
    try {
      committee = await this.committees.findInScope(m, principal, committeeId);
    } catch (e) {
      if (e instanceof ApiError && e.getStatus() === 404) throw DocumentErrors.committeeNotFound();
      throw e;
    }
    if (committee.archivedAt) throw DocumentErrors.committeeArchived();
    return committee;
  }

  async create(principal: Principal, dto: CreateDocumentDto): Promise<DocumentResponse> {
    return this.db.transaction(async (m) => {
      const committee = await this.publisher(m, principal, dto.committeeId ?? principal.committeeId);
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
      const saved = await m.save(m.create(Document, values));
      await this.audit.record(m, principal, {
        action: status === 'published' ? 'document.create_published' : 'document.create',
        entityType: 'document',
        entityId: saved.id,
        committeeId: committee.id,
        details: { title: saved.title, number: saved.number, type: saved.type, status },
      });
      return toDocumentResponse(await this.findInScope(m, principal, saved.id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateDocumentDto): Promise<DocumentResponse> {
    return this.db.transaction(async (m) => {
      const doc = await this.findInScope(m, principal, id, true);
      // PartialType lets null through `@IsOptional()`; only number and issuedOn may be cleared
      const cleared = (['committeeId', 'title', 'type', 'issuingBody', 'summary', 'tags', 'status'] as const).filter((f) => dto[f] === null);
      if (cleared.length) throw ApiError.validation(Object.fromEntries(cleared.map((f) => [f, `${f} cannot be empty`])));
      const changes: Partial<Document> = {};
      if (dto.committeeId !== undefined && dto.committeeId !== doc.committeeId) {
        changes.committeeId = (await this.publisher(m, principal, dto.committeeId)).id;
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
        await m.update(Document, { id }, changes);
        const action =
          changes.status && changes.status !== doc.status ? (changes.status === 'published' ? 'document.publish' : 'document.unpublish') : 'document.update';
        await this.audit.record(m, principal, {
          action,
          entityType: 'document',
          entityId: id,
          committeeId: changes.committeeId ?? doc.committeeId,
          details: { changes: changed },
        });
      }
      return toDocumentResponse(await this.findInScope(m, principal, id));
    });
  }

  /** Deletes the document (bookmarks go with it) and answers it as it was; its file goes too unless another document uses the same bytes. */
  async remove(principal: Principal, id: string): Promise<DocumentResponse> {
    return this.db.transaction(async (m) => {
      const doc = await this.findInScope(m, principal, id, true);
      const response = toDocumentResponse(doc);
      await m.delete(Document, { id });
      if (doc.fileId) await this.releaseFile(m, doc.fileId);
      await this.audit.record(m, principal, {
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
      return await this.db.transaction(async (m) => {
        const doc = await this.findInScope(m, principal, id, true);
        // The upsert locks the stored_files row of these bytes (or waits for a concurrent release of
        // it to commit), so the bytes cannot be removed between the existence check and the commit.
        const [file]: { id: string }[] = await m.query(
          `INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3)
           ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
           RETURNING id`,
          [upload.sha256, upload.size, type.mime],
        );
        if (!(await this.storage.exists(upload.sha256))) {
          const stored = await this.storage.put(createReadStream(upload.path));
          if (stored.sha256 !== upload.sha256) throw new Error('the spooled upload changed while being stored');
        }
        await m.update(Document, { id }, { fileId: file.id, fileName: name });
        if (doc.fileId && doc.fileId !== file.id) await this.releaseFile(m, doc.fileId);
        await this.audit.record(m, principal, {
          action: 'document.file_attach',
          entityType: 'document',
          entityId: id,
          committeeId: doc.committeeId,
          details: { name, size: upload.size, mime: type.mime, sha256: upload.sha256, replaced: doc.file?.sha256 ?? null },
        });
        return toDocumentResponse(await this.findInScope(m, principal, id));
      });
    } finally {
      await upload.discard();
    }
  }

  async detachFile(principal: Principal, id: string): Promise<DocumentResponse> {
    return this.db.transaction(async (m) => {
      const doc = await this.findInScope(m, principal, id, true);
      if (!doc.fileId) throw DocumentErrors.fileNotFound();
      await m.update(Document, { id }, { fileId: null, fileName: null });
      await this.releaseFile(m, doc.fileId);
      await this.audit.record(m, principal, {
        action: 'document.file_detach',
        entityType: 'document',
        entityId: id,
        committeeId: doc.committeeId,
        details: { name: doc.fileName, sha256: doc.file?.sha256 ?? null },
      });
      return toDocumentResponse(await this.findInScope(m, principal, id));
    });
  }

  /** The file of a document in the caller's scope (drafts included: editors proofread them). */
  async fileInScope(principal: Principal, id: string): Promise<DownloadableFile> {
    return downloadable(await this.findInScope(this.db.manager, principal, id));
  }

  /**
   * Removes a stored file no document uses any more: the row and then the bytes, under the row's
   * lock and inside the caller's transaction (an upload of the same bytes waits on that lock, then
   * inserts a fresh row and stores them again). Documents are the only holders of stored files.
   */
  private async releaseFile(m: EntityManager, fileId: string): Promise<void> {
    const [row]: { sha256: string }[] = await m.query(`SELECT sha256 FROM stored_files WHERE id = $1 FOR UPDATE`, [fileId]);
    if (!row) return;
    const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM documents WHERE file_id = $1`, [fileId]);
    if (n > 0) return;
    await m.query(`DELETE FROM stored_files WHERE id = $1`, [fileId]);
    await this.storage.delete(row.sha256);
  }
}

/** `d.file` loaded; a document without a file is a 404 on its file route. */
export function downloadable(d: Document): DownloadableFile {
  if (!d.file || !d.fileName) throw DocumentErrors.fileNotFound();
  return { sha256: d.file.sha256, size: d.file.size, mime: d.file.mime, name: d.fileName };
}

/** Rules the DTO cannot check alone: values empty once trimmed, impossible dates. */
function assertFields(d: Pick<Document, 'title' | 'issuingBody' | 'issuedOn'>): void {
  const problems: Record<string, string> = {};
  if (!d.title) problems.title = 'title cannot be empty';
  if (!d.issuingBody) problems.issuingBody = 'issuingBody cannot be empty';
  if (d.issuedOn && !isRealDate(d.issuedOn)) problems.issuedOn = 'issuedOn is not a real date';
  if (Object.keys(problems).length) throw ApiError.validation(problems);
}
