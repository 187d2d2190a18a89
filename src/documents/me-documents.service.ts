import { EventsService } from '../analytics/events.service.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { searchFilter } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { scopeAudience } from '../common/scope.js';
import { Bookmark } from './bookmark.entity.js';
import { Document } from './document.entity.js';
import { DocumentErrors } from './documents.errors.js';
import { downloadable } from './documents.service.js';
import type { FeedQuery, MyDocumentsQuery } from './dto/document.dto.js';
import {
  toMyDocumentDetail,
  toMyDocumentItem,
  type MyBookmarkPage,
  type MyDocumentDetail,
  type MyDocumentPage,
} from './dto/document.response.js';
import { applyCursor, cursorPage } from '../common/cursor.js';
import type { DownloadableFile } from './file-response.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const FEED_PAGE_SIZE = 20;

/**
 * The reader's side (the mobile app): published documents that target the caller (published by
 * their committee or one above it), newest publication first, by cursor; their bookmarks.
 * A document that is a draft, or targets someone else, is a 404 here exactly like a missing one.
 */
@Injectable()
export class MeDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  /** Every reader query starts here: published, and published for the caller's committee chain. */
  private readable(m: EntityManager, principal: Principal, alias = 'd'): SelectQueryBuilder<Document> {
    const qb = m.getRepository(Document).createQueryBuilder(alias).where(`${alias}.status = 'published'`);
    return scopeAudience(qb, principal, `${alias}.committee_id`);
  }

  async feed(principal: Principal, query: MyDocumentsQuery): Promise<MyDocumentPage> {
    const m = this.db.manager;
    const limit = query.limit ?? FEED_PAGE_SIZE;
    const qb = this.readable(m, principal);
    if (query.type) qb.andWhere('d.type = :type', { type: query.type });
    if (query.q) searchFilter<Document>('d.title', 'd.number', 'd.summary')(qb, query.q, 'q');
    const page = cursorPage(await applyCursor(qb, 'd', query.cursor, limit).getMany(), limit);
    const marked = await this.bookmarkedIds(m, principal, page.items.map((d) => d.id));
    return { items: page.items.map((d) => toMyDocumentItem(d, marked.has(d.id))), nextCursor: page.nextCursor };
  }

  /** One document for reading; each read by a member is a `view` event for analytics. */
  async detail(principal: Principal, id: string): Promise<MyDocumentDetail> {
    const m = this.db.manager;
    const doc = await this.findReadable(m, principal, id);
    const detail = toMyDocumentDetail(doc, (await this.bookmarkedIds(m, principal, [doc.id])).has(doc.id));
    await this.events.recordServerView(principal, 'document', doc.id);
    return detail;
  }

  async file(principal: Principal, id: string): Promise<DownloadableFile> {
    return downloadable(await this.findReadable(this.db.manager, principal, id));
  }

  private async findReadable(m: EntityManager, principal: Principal, id: string): Promise<Document> {
    if (!UUID.test(id)) throw DocumentErrors.notFound();
    const doc = await this.readable(m, principal)
      .leftJoinAndSelect('d.committee', 'c')
      .leftJoinAndSelect('d.file', 'f')
      .andWhere('d.id = :id', { id })
      .getOne();
    if (!doc) throw DocumentErrors.notFound();
    return doc;
  }

  private async bookmarkedIds(m: EntityManager, principal: Principal, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await m.find(Bookmark, { select: { documentId: true }, where: { userId: principal.id, documentId: In(ids) } });
    return new Set(rows.map((b) => b.documentId));
  }

  /** Bookmarks a readable document; repeating it changes nothing (the first time stays). */
  async bookmark(principal: Principal, documentId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.findReadable(m, principal, documentId);
      await m
        .createQueryBuilder()
        .insert()
        .into(Bookmark)
        .values({ userId: principal.id, documentId, createdAt: new Date() })
        .orIgnore()
        .execute();
    });
  }

  /** Removes a bookmark; one that does not exist is already removed. */
  async unbookmark(principal: Principal, documentId: string): Promise<void> {
    if (!UUID.test(documentId)) throw DocumentErrors.notFound();
    await this.db.getRepository(Bookmark).delete({ userId: principal.id, documentId });
  }

  /**
   * The caller's bookmarks, most recent first, by cursor. A bookmarked document that was
   * unpublished or no longer targets the caller is left out (and comes back if that changes).
   */
  async bookmarks(principal: Principal, query: FeedQuery): Promise<MyBookmarkPage> {
    const m = this.db.manager;
    const limit = query.limit ?? FEED_PAGE_SIZE;
    const qb = m
      .getRepository(Bookmark)
      .createQueryBuilder('b')
      .innerJoinAndSelect('b.document', 'd')
      .where('b.user_id = :userId', { userId: principal.id })
      .andWhere(`d.status = 'published'`);
    scopeAudience(qb, principal, 'd.committee_id');
    const rows = await applyCursor(qb, 'b', query.cursor, limit, { at: 'b.created_at', id: 'b.document_id' }).getMany();
    const page = cursorPage(rows.map((b) => ({ b, publishedAt: b.createdAt, id: b.documentId })), limit);
    return {
      items: page.items.map(({ b }) => ({ ...toMyDocumentItem(b.document as Document, true), bookmarkedAt: b.createdAt })),
      nextCursor: page.nextCursor,
    };
  }
}
