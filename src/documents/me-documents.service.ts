import { Injectable } from '@nestjs/common';
import { EventsService } from '../analytics/events.service.js';
import { cursorPage } from '../common/cursor.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { BookmarkRepository } from './bookmark.repository.js';
import type { Document } from './document.entity.js';
import { DocumentErrors } from './documents.errors.js';
import { DocumentsRepository } from './documents.repository.js';
import { downloadable } from './documents.service.js';
import type { FeedQuery, MyDocumentsQuery } from './dto/document.dto.js';
import {
  toMyDocumentDetail,
  toMyDocumentItem,
  type MyBookmarkPage,
  type MyDocumentDetail,
  type MyDocumentPage,
} from './dto/document.response.js';
import type { DownloadableFile } from './file-response.js';

export const FEED_PAGE_SIZE = 20;

/**
 * The reader's side (the mobile app): published documents that target the caller (published by
 * their committee or one above it), newest publication first, by cursor; their bookmarks.
 * A document that is a draft, or targets someone else, is a 404 here exactly like a missing one.
 */
@Injectable()
export class MeDocumentsService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsRepository,
    private readonly bookmarkRows: BookmarkRepository,
    private readonly events: EventsService,
  ) {}

  async feed(principal: Principal, query: MyDocumentsQuery): Promise<MyDocumentPage> {
    const limit = query.limit ?? FEED_PAGE_SIZE;
    // the rows are the response's items, bookmarks included (documents.repository.ts FEED_SQL)
    return cursorPage(await this.documents.feed(principal, { type: query.type, q: query.q, cursor: query.cursor, limit }), limit);
  }

  /** One document for reading; each read by a member is a `view` event for analytics. */
  async detail(principal: Principal, id: string): Promise<MyDocumentDetail> {
    const doc = await this.documents.findReadable(this.tx.none, principal, id);
    const detail = toMyDocumentDetail(doc, (await this.bookmarkRows.bookmarkedIds(principal.id, [doc.id])).has(doc.id));
    await this.events.recordServerView(principal, 'document', doc.id);
    return detail;
  }

  async file(principal: Principal, id: string): Promise<DownloadableFile> {
    return downloadable(await this.documents.findReadable(this.tx.none, principal, id));
  }

  /** Bookmarks a readable document; repeating it changes nothing (the first time stays). */
  async bookmark(principal: Principal, documentId: string): Promise<void> {
    await this.tx.run(async (tx) => {
      await this.documents.findReadable(tx, principal, documentId);
      await this.bookmarkRows.insertIgnore(tx, principal.id, documentId);
    });
  }

  /** Removes a bookmark; one that does not exist is already removed. */
  async unbookmark(principal: Principal, documentId: string): Promise<void> {
    if (!isUuid(documentId)) throw DocumentErrors.notFound();
    await this.bookmarkRows.delete(principal.id, documentId);
  }

  /**
   * The caller's bookmarks, most recent first, by cursor. A bookmarked document that was
   * unpublished or no longer targets the caller is left out (and comes back if that changes).
   */
  async bookmarks(principal: Principal, query: FeedQuery): Promise<MyBookmarkPage> {
    const limit = query.limit ?? FEED_PAGE_SIZE;
    const rows = await this.bookmarkRows.page(principal, query.cursor, limit);
    const page = cursorPage(
      rows.map((b) => ({ b, publishedAt: b.createdAt, id: b.documentId })),
      limit,
    );
    return {
      items: page.items.map(({ b }) => ({ ...toMyDocumentItem(b.document as Document, true), bookmarkedAt: b.createdAt })),
      nextCursor: page.nextCursor,
    };
  }
}
