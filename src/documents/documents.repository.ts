import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository, type SelectQueryBuilder } from 'typeorm';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  searchSql,
  searchTerm,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
  withContentSource,
} from '../common/admin-list.js';
import { decodeCursor } from '../common/cursor.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { audienceOf, findInScopeOr404, inAudienceSql, scopeAudience } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { CONTENT_STATUSES, Document, DOCUMENT_TYPES, type DocumentType } from './document.entity.js';
import { DocumentErrors } from './documents.errors.js';
import { isRealDate } from './documents.rules.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dateBound =
  (op: '>=' | '<='): FilterHandler =>
  (qb, v, p) => {
    if (typeof v !== 'string' || !DATE.test(v) || !isRealDate(v))
      invalidListQuery('filter', 'issuedFrom and issuedTo must be dates YYYY-MM-DD');
    qb.andWhere(`d.issued_on ${op} CAST(:${p} AS date)`, { [p]: v });
  };

export const DOCUMENT_LIST: ListSpec = {
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
      if (typeof v !== 'string' || !v.trim() || v.length > 50) invalidListQuery('filter', 'tag must be a string of 1-50 characters');
      qb.andWhere(`d.tags @> ARRAY[CAST(:${p} AS text)]`, { [p]: v.trim() });
    },
    issuedFrom: dateBound('>='),
    issuedTo: dateBound('<='),
    hasFile: boolFilter((v) => (v ? 'd.file_id IS NOT NULL' : 'd.file_id IS NULL')),
  },
};

/**
 * The library a meeting or a month's guidance may attach from: the published documents of one
 * committee chain (readableInChain). `committeeId` names that chain's committee; the service has
 * turned it into the chain before the query runs, so its handler adds nothing.
 */
export const LIBRARY_LIST: ListSpec = {
  sortable: { id: 'd.id', title: 'd.title', number: 'd.number', type: 'd.type', issuedOn: 'd.issuedOn', publishedAt: 'd.publishedAt' },
  defaultSort: ['publishedAt', 'DESC'],
  tieBreaker: 'd.id',
  filters: {
    id: idsFilter('d.id', 'uuid'),
    q: searchFilter('d.title', 'd.number', 'd.summary'),
    type: enumFilter('d.type', DOCUMENT_TYPES),
    committeeId: () => undefined,
  },
};

/** The columns a new document is written with (the rest are defaults). */
export type NewDocument = Pick<
  Document,
  | 'committeeId'
  | 'title'
  | 'number'
  | 'type'
  | 'issuingBody'
  | 'issuedOn'
  | 'summary'
  | 'tags'
  | 'status'
  | 'publishedAt'
  | 'fileId'
  | 'fileName'
  | 'createdBy'
>;

/** One document of a reader's feed, as FEED_SQL reads it (the fields of MyDocumentItem). */
export interface DocumentFeedRow {
  id: string;
  title: string;
  number: string | null;
  type: DocumentType;
  issuingBody: string;
  issuedOn: string | null;
  publishedAt: Date;
  hasFile: boolean;
  bookmarked: boolean;
}

/**
 * A reader's feed (bench/paths.ts runs the same statement): the published documents of the
 * caller's audience ($1, audienceOf), of a type ($2, or null), matching a search ($3, searchTerm, or
 * null), after a cursor ($4, $5, or null for the first page), newest first, $7 rows; `bookmarked`
 * by the caller ($6).
 */
export const FEED_SQL = `SELECT d.id, d.title, d.number, d.type, d.issuing_body AS "issuingBody", d.issued_on::text AS "issuedOn",
       d.published_at AS "publishedAt", d.file_id IS NOT NULL AS "hasFile",
       EXISTS (SELECT 1 FROM document_bookmarks b WHERE b.user_id = $6::uuid AND b.document_id = d.id) AS bookmarked
  FROM documents d
 WHERE d.status = 'published' AND ${inAudienceSql('d.committee_id', '$1')}
   AND ($2::varchar IS NULL OR d.type = $2::varchar)
   AND ($3::text IS NULL OR ${searchSql(['d.title', 'd.number', 'd.summary'], '$3::text')})
   AND ($4::timestamptz IS NULL OR (d.published_at, d.id) < ($4::timestamptz, $5::uuid))
 ORDER BY d.published_at DESC, d.id DESC
 LIMIT $7`;

/** What a reader's feed asks for. */
export interface DocumentFeedQuery {
  type?: DocumentType;
  q?: string;
  cursor?: string;
  limit: number;
}

/**
 * The `documents` table: the editors' scoped reads and writes, and the readers' published view.
 * A document is in an editor's scope when its publishing committee lies in their subtree; it is
 * readable by someone when it is published by their committee or one above (scopeAudience).
 */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectRepository(Document) private readonly documents: Repository<Document>) {}

  /** The admin list: the caller's subtree's documents (the default, or `source=own`), or the published ones sent from above (`source=above`, read only). */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<Document>> {
    const qb = this.documents.createQueryBuilder('d').leftJoinAndSelect('d.committee', 'c').leftJoinAndSelect('d.file', 'f');
    return runListQuery(qb, withContentSource(DOCUMENT_LIST, principal, 'd.committee_id', `d.status = 'published'`), query);
  }

  /**
   * The document with its committee and file, if its committee is in the caller's subtree;
   * otherwise DocumentErrors.notFound (malformed id, missing and out-of-scope alike). With `lock`,
   * the row is locked first, alone (FOR UPDATE cannot apply to the nullable side of the outer joins).
   */
  async findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Document> {
    const options = { alias: 'd', scope: { committeeIdColumn: 'd.committee_id' }, notFound: DocumentErrors.notFound };
    if (lock) await findInScopeOr404(tx, Document, principal, id, { ...options, lock: true });
    return findInScopeOr404(tx, Document, principal, id, {
      ...options,
      build: (qb) => qb.leftJoinAndSelect('d.committee', 'c').leftJoinAndSelect('d.file', 'f'),
    });
  }

  insert(tx: Tx, values: NewDocument): Promise<Document> {
    return tx.save(tx.create(Document, values));
  }

  async update(tx: Tx, id: string, changes: Partial<Document>): Promise<void> {
    await tx.update(Document, { id }, changes);
  }

  /** Deletes the document; its bookmarks go with it (ON DELETE CASCADE). */
  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Document, { id });
  }

  /** How many documents attach this stored file. */
  async countUsingFile(tx: Tx, fileId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM documents WHERE file_id = $1`, [fileId]);
    return n;
  }

  // ---- readers ----

  /** Every reader query starts here: published, and published for the caller's committee chain. */
  private readable(tx: Tx, principal: Principal, alias = 'd'): SelectQueryBuilder<Document> {
    const qb = tx.getRepository(Document).createQueryBuilder(alias).where(`${alias}.status = 'published'`);
    return scopeAudience(qb, principal, `${alias}.committee_id`);
  }

  /**
   * A page of the reader's feed, newest publication first (one row more than `limit`: cursorPage
   * trims it), read as the response's items, each with whether the caller bookmarked it. One
   * constant statement (FEED_SQL) whatever the filters: no query builder and no entity per request.
   */
  feed(principal: Principal, query: DocumentFeedQuery): Promise<DocumentFeedRow[]> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    return this.documents.manager.query(FEED_SQL, [
      audienceOf(principal),
      query.type ?? null,
      searchTerm(query.q),
      after?.publishedAt.toISOString() ?? null,
      after?.id ?? null,
      principal.id,
      query.limit + 1,
    ]);
  }

  /** A published document for the caller, with its committee and file; a draft or another chain's is a 404. */
  async findReadable(tx: Tx, principal: Principal, id: string): Promise<Document> {
    if (!isUuid(id)) throw DocumentErrors.notFound();
    const doc = await this.readable(tx, principal)
      .leftJoinAndSelect('d.committee', 'c')
      .leftJoinAndSelect('d.file', 'f')
      .andWhere('d.id = :id', { id })
      .getOne();
    if (!doc) throw DocumentErrors.notFound();
    return doc;
  }

  /**
   * A published document with its file, whoever published it: for content another module hands
   * on to its own audience (a meeting's agenda attachment); a draft or missing one is a 404.
   */
  async findPublished(tx: Tx, id: string): Promise<Document> {
    if (!isUuid(id)) throw DocumentErrors.notFound();
    const doc = await tx
      .getRepository(Document)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.file', 'f')
      .where(`d.status = 'published'`)
      .andWhere('d.id = :id', { id })
      .getOne();
    if (!doc) throw DocumentErrors.notFound();
    return doc;
  }

  /** A page of the published documents of a committee chain (root first), LIBRARY_LIST's filters and sorts. */
  libraryOfChain(tx: Tx, chainIds: number[], query: AdminListQuery): Promise<ListPage<Document>> {
    const qb = tx
      .getRepository(Document)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.committee', 'c')
      .leftJoinAndSelect('d.file', 'f')
      .where(`d.status = 'published'`)
      .andWhere('d.committee_id IN (:...chainIds)', { chainIds: chainIds.length ? chainIds : [-1] });
    return runListQuery(qb, LIBRARY_LIST, query);
  }

  /**
   * The documents among `ids` that a member of the committee whose chain (root first) is `chainIds`
   * may read: published by a committee of that chain. Missing, draft and other chains' documents
   * are simply absent from the answer.
   */
  async readableInChain(tx: Tx, chainIds: number[], ids: string[]): Promise<Document[]> {
    const wanted = ids.filter(isUuid);
    if (!wanted.length || !chainIds.length) return [];
    return tx
      .getRepository(Document)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.file', 'f')
      .where(`d.status = 'published'`)
      .andWhere('d.committee_id IN (:...chainIds)', { chainIds })
      .andWhere('d.id IN (:...wanted)', { wanted })
      .getMany();
  }

  /** A document by id with its file, whatever its status or committee (callers checked the reader's right). */
  byIdWithFile(tx: Tx, id: string): Promise<Document | null> {
    return tx.getRepository(Document).findOne({ where: { id }, relations: { file: true } });
  }

  /** id → title of the Document rows among `ids` that exist (the top-content report's titles, through analytics' ContentTitles). */
  async titles(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.documents.find({ select: { id: true, title: true }, where: { id: In(ids) } });
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
