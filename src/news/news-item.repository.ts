import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository, type SelectQueryBuilder } from 'typeorm';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
  withContentSource,
} from '../common/admin-list.js';
import { decodeCursor } from '../common/cursor.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { audienceOf, findInScopeOr404, inAudienceSql, scopeAudience } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { NEWS_CATEGORIES, NEWS_STATUSES, NewsItem, type NewsCategory } from './news-item.entity.js';
import { NewsErrors } from './news.errors.js';

export const NEWS_LIST: ListSpec = {
  sortable: {
    id: 'n.id',
    title: 'n.title',
    category: 'n.category',
    status: 'n.status',
    publishedAt: 'n.publishedAt',
    createdAt: 'n.createdAt',
    updatedAt: 'n.updatedAt',
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreaker: 'n.id',
  filters: {
    id: idsFilter('n.id', 'uuid'),
    q: searchFilter('n.title'),
    category: enumFilter('n.category', NEWS_CATEGORIES),
    status: enumFilter('n.status', NEWS_STATUSES),
    committeeId: subtreeFilter('n.committee_id'),
    sourced: boolFilter((v) => (v ? 'n.sourced' : 'NOT n.sourced')),
  },
};

/** The columns a new item is written with (the rest are defaults). */
export type NewNewsItem = Pick<
  NewsItem,
  | 'title'
  | 'summary'
  | 'body'
  | 'coverImageUrl'
  | 'category'
  | 'sourced'
  | 'sourceName'
  | 'sourceUrl'
  | 'committeeId'
  | 'status'
  | 'publishedAt'
  | 'createdBy'
>;

/**
 * The `news_items` table: the editors' desk (rows whose publishing committee lies in their
 * subtree) and the members' feed (published rows of their committee chain, scopeAudience).
 */
/** One item of the members' feed, as FEED_SQL reads it (the fields of MeNewsListItem). */
export interface NewsFeedRow {
  id: string;
  title: string;
  summary: string;
  category: NewsCategory;
  coverImageUrl: string | null;
  sourceName: string | null;
  publishedAt: Date;
  committeeName: string;
}

/**
 * The members' feed (bench/paths.ts runs the same statement): the published items of the caller's
 * audience ($1, audienceOf), of a category ($2, or null for all), after a cursor ($3, $4, or null
 * for the first page), newest first, $5 rows.
 */
export const FEED_SQL = `SELECT n.id, n.title, n.summary, n.category, n.cover_image_url AS "coverImageUrl", n.source_name AS "sourceName",
       n.published_at AS "publishedAt", c.name AS "committeeName"
  FROM news_items n JOIN committees c ON c.id = n.committee_id
 WHERE n.status = 'published' AND ${inAudienceSql('n.committee_id', '$1')}
   AND ($2::varchar IS NULL OR n.category = $2::varchar)
   AND ($3::timestamptz IS NULL OR (n.published_at, n.id) < ($3::timestamptz, $4::uuid))
 ORDER BY n.published_at DESC, n.id DESC
 LIMIT $5`;

@Injectable()
export class NewsItemRepository {
  constructor(@InjectRepository(NewsItem) private readonly items: Repository<NewsItem>) {}

  /** The admin list: the caller's subtree's items (the default, or `source=own`), or the published ones sent from above (`source=above`, read only). */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<NewsItem>> {
    const qb = this.items.createQueryBuilder('n').leftJoinAndSelect('n.committee', 'c');
    return runListQuery(qb, withContentSource(NEWS_LIST, principal, 'n.committee_id', `n.status = 'published'`), query);
  }

  /** The item with its committee if it lies in the caller's subtree, else NewsErrors.notFound; `lock` locks the item's row only. */
  findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<NewsItem> {
    return findInScopeOr404(tx, NewsItem, principal, id, {
      alias: 'n',
      scope: { committeeIdColumn: 'n.committee_id' },
      notFound: NewsErrors.notFound,
      build: (qb) => {
        qb.leftJoinAndSelect('n.committee', 'c');
        if (lock) qb.setLock('pessimistic_write', undefined, ['n']);
      },
    });
  }

  insert(tx: Tx, values: NewNewsItem): Promise<NewsItem> {
    return tx.save(tx.create(NewsItem, values));
  }

  async update(tx: Tx, id: string, changes: Partial<NewsItem>): Promise<void> {
    await tx.update(NewsItem, { id }, changes);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(NewsItem, { id });
  }

  // ---- members: the published items of the caller's committee chain ----

  private audienceQuery(principal: Principal): SelectQueryBuilder<NewsItem> {
    const qb = this.items.createQueryBuilder('n').innerJoinAndSelect('n.committee', 'c').where(`n.status = 'published'`);
    return scopeAudience(qb, principal, 'n.committee_id');
  }

  /**
   * A page of the feed, newest first (one row more than `limit`: cursorPage trims it): the list's
   * columns only (bodies are the bulk of a row and the feed never shows them), read as the
   * response's items. One constant statement (FEED_SQL) whatever the filters: no query builder
   * and no entity per request on the members' busiest read.
   */
  feed(principal: Principal, query: { category?: NewsCategory; cursor?: string; limit: number }): Promise<NewsFeedRow[]> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    return this.items.manager.query(FEED_SQL, [
      audienceOf(principal),
      query.category ?? null,
      after?.publishedAt.toISOString() ?? null,
      after?.id ?? null,
      query.limit + 1,
    ]);
  }

  /** One published item of the caller's chain; a draft or another subtree's item is a 404. */
  async findPublished(principal: Principal, id: string): Promise<NewsItem> {
    if (!isUuid(id)) throw NewsErrors.notFound();
    const item = await this.audienceQuery(principal).andWhere('n.id = :id', { id }).getOne();
    if (!item) throw NewsErrors.notFound();
    return item;
  }

  /** id → title of the NewsItem rows among `ids` that exist (the top-content report's titles, through analytics' ContentTitles). */
  async titles(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.items.find({ select: { id: true, title: true }, where: { id: In(ids) } });
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
