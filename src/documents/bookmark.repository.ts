import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { applyCursor } from '../common/cursor.js';
import type { Principal } from '../common/principal.js';
import { scopeAudience } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { Bookmark } from './bookmark.entity.js';

/** The `document_bookmarks` table: a reader's "read later" marks, keyed by account and document. */
@Injectable()
export class BookmarkRepository {
  constructor(@InjectRepository(Bookmark) private readonly bookmarks: Repository<Bookmark>) {}

  /** Which of these documents the account has bookmarked. */
  async bookmarkedIds(userId: string, documentIds: string[]): Promise<Set<string>> {
    if (!documentIds.length) return new Set();
    const rows = await this.bookmarks.find({ select: { documentId: true }, where: { userId, documentId: In(documentIds) } });
    return new Set(rows.map((b) => b.documentId));
  }

  /** Adds the bookmark unless it exists (the first one, and its time, stay). */
  async insertIgnore(tx: Tx, userId: string, documentId: string): Promise<void> {
    await tx.createQueryBuilder().insert().into(Bookmark).values({ userId, documentId, createdAt: new Date() }).orIgnore().execute();
  }

  async delete(userId: string, documentId: string): Promise<void> {
    await this.bookmarks.delete({ userId, documentId });
  }

  /**
   * A page of the caller's bookmarks with their documents, most recent first (one row more than
   * `limit`): only documents published for the caller's committee chain (scopeAudience).
   */
  page(principal: Principal, cursor: string | undefined, limit: number): Promise<Bookmark[]> {
    const qb = this.bookmarks
      .createQueryBuilder('b')
      .innerJoinAndSelect('b.document', 'd')
      .where('b.user_id = :userId', { userId: principal.id })
      .andWhere(`d.status = 'published'`);
    scopeAudience(qb, principal, 'd.committee_id');
    return applyCursor(qb, 'b', cursor, limit, { at: 'b.created_at', id: 'b.document_id' }).getMany();
  }
}
