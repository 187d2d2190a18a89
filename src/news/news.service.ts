import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { applyCursor, cursorPage, DEFAULT_CURSOR_LIMIT } from '../common/cursor.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeAudience, scopeByCommittee } from '../common/scope.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import type { CreateNewsDto, MeNewsQuery, UpdateNewsDto } from './dto/news.dto.js';
import { toMeNewsDetail, toMeNewsListItem, toNewsResponse, type MeNewsDetail, type MeNewsPage, type NewsResponse } from './dto/news.response.js';
import { isBlankRichText, sanitizeRichText } from './html-sanitizer.js';
import { NEWS_CATEGORIES, NEWS_STATUSES, NewsItem } from './news-item.entity.js';

export const NewsErrors = {
  notFound: () => ApiError.notFound('News item'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeArchived: () => ApiError.validation({ committeeId: 'the committee is archived (merged or dissolved); publish from the committee that replaced it' }),
};

export const NEWS_LIST: ListSpec<NewsItem> = {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A publication time may run ahead of the server clock by this much (a client's clock). */
const CLOCK_SKEW_MS = 60_000;

/** Fields an update may not clear (PartialType lets `null` through `@IsOptional()`). */
const REQUIRED = ['committeeId', 'title', 'summary', 'body', 'category', 'sourced', 'status', 'publishedAt'] as const;

type Content = Pick<NewsItem, 'title' | 'summary' | 'body' | 'coverImageUrl' | 'category' | 'sourced' | 'sourceName' | 'sourceUrl'>;

/** `''` and blank strings of the optional text fields mean "none". */
const orNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

/**
 * News: editors write in their committee subtree (the admin-list contract); members read the
 * published items of their committee chain through the cursor-paged feed.
 */
@Injectable()
export class NewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  // ---- editors ----

  private editorQuery(m: EntityManager, principal: Principal): SelectQueryBuilder<NewsItem> {
    return scopeByCommittee(m.getRepository(NewsItem).createQueryBuilder('n').leftJoinAndSelect('n.committee', 'c'), principal, 'n.committee_id');
  }

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<NewsResponse>> {
    const page = await runListQuery(this.editorQuery(this.db.manager, principal), NEWS_LIST, query);
    return { ...page, items: page.items.map(toNewsResponse) };
  }

  async get(principal: Principal, id: string): Promise<NewsResponse> {
    return toNewsResponse(await this.findInScope(this.db.manager, principal, id));
  }

  private async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<NewsItem> {
    if (!UUID.test(id)) throw NewsErrors.notFound();
    const qb = this.editorQuery(m, principal).andWhere('n.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['n']);
    const item = await qb.getOne();
    if (!item) throw NewsErrors.notFound();
    return item;
  }

  async create(principal: Principal, dto: CreateNewsDto): Promise<NewsResponse> {
    return this.db.transaction(async (m) => {
      const committee = await this.publishingCommittee(m, principal, dto.committeeId);
      const content = checkContent({
        title: dto.title,
        summary: dto.summary,
        body: dto.body,
        coverImageUrl: orNull(dto.coverImageUrl) ?? null,
        category: dto.category,
        sourced: dto.sourced ?? false,
        sourceName: orNull(dto.sourceName) ?? null,
        sourceUrl: orNull(dto.sourceUrl) ?? null,
      });
      const status = dto.status ?? 'draft';
      const publishedAt = publicationTime(status, null, dto.publishedAt);
      const saved = await m.save(m.create(NewsItem, { ...content, committeeId: committee.id, status, publishedAt, createdBy: principal.id }));
      await this.audit.record(m, principal, {
        action: 'news.create',
        entityType: 'news',
        entityId: saved.id,
        committeeId: committee.id,
        details: { title: saved.title, status, sourced: saved.sourced },
      });
      return toNewsResponse(await this.findInScope(m, principal, saved.id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateNewsDto): Promise<NewsResponse> {
    return this.db.transaction(async (m) => {
      const item = await this.findInScope(m, principal, id, true);
      const cleared = REQUIRED.filter((f) => dto[f] === null);
      if (cleared.length) throw ApiError.validation(Object.fromEntries(cleared.map((f) => [f, `${f} cannot be empty`])));
      if (dto.committeeId !== undefined && dto.committeeId !== item.committeeId) await this.publishingCommittee(m, principal, dto.committeeId);

      const content = checkContent({
        title: dto.title ?? item.title,
        summary: dto.summary ?? item.summary,
        body: dto.body ?? item.body,
        coverImageUrl: orNull(dto.coverImageUrl) !== undefined ? orNull(dto.coverImageUrl)! : item.coverImageUrl,
        category: dto.category ?? item.category,
        sourced: dto.sourced ?? item.sourced,
        sourceName: orNull(dto.sourceName) !== undefined ? orNull(dto.sourceName)! : item.sourceName,
        sourceUrl: orNull(dto.sourceUrl) !== undefined ? orNull(dto.sourceUrl)! : item.sourceUrl,
      });
      const status = dto.status ?? item.status;
      const changes: Partial<NewsItem> = {
        ...content,
        committeeId: dto.committeeId ?? item.committeeId,
        status,
        publishedAt: publicationTime(status, item.publishedAt, dto.publishedAt),
      };
      const changed = diff(item, changes);
      if (Object.keys(changed).length) {
        await m.update(NewsItem, { id }, changes);
        const action = changed.status ? (status === 'published' ? 'news.publish' : 'news.unpublish') : 'news.update';
        // the field names only: bodies are long, and the item itself shows what it says now
        await this.audit.record(m, principal, {
          action,
          entityType: 'news',
          entityId: id,
          committeeId: changes.committeeId,
          details: { title: changes.title, fields: Object.keys(changed) },
        });
      }
      return toNewsResponse(await this.findInScope(m, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<NewsResponse> {
    return this.db.transaction(async (m) => {
      const item = await this.findInScope(m, principal, id, true);
      await m.delete(NewsItem, { id });
      await this.audit.record(m, principal, {
        action: 'news.delete',
        entityType: 'news',
        entityId: id,
        committeeId: item.committeeId,
        details: { title: item.title, status: item.status, publishedAt: item.publishedAt?.toISOString() ?? null },
      });
      return toNewsResponse(item);
    });
  }

  /** A committee in the editor's scope, to publish from; anything else is a 400 on committeeId. */
  private async publishingCommittee(m: EntityManager, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(m, principal, committeeId, NewsErrors.committeeNotFound);
    if (committee.archivedAt) throw NewsErrors.committeeArchived();
    return committee;
  }

  // ---- members (mobile): the published items of the caller's committee chain ----

  private audienceQuery(principal: Principal): SelectQueryBuilder<NewsItem> {
    const qb = this.db.getRepository(NewsItem).createQueryBuilder('n').innerJoinAndSelect('n.committee', 'c').where(`n.status = 'published'`);
    return scopeAudience(qb, principal, 'n.committee_id');
  }

  async feed(principal: Principal, query: MeNewsQuery): Promise<MeNewsPage> {
    const limit = query.limit ?? DEFAULT_CURSOR_LIMIT;
    // the list's columns only: bodies are the bulk of a row and the feed never shows them
    const qb = this.audienceQuery(principal).select(['n.id', 'n.title', 'n.summary', 'n.category', 'n.coverImageUrl', 'n.sourceName', 'n.publishedAt', 'c.id', 'c.name']);
    if (query.category) qb.andWhere('n.category = :category', { category: query.category });
    const page = cursorPage(await applyCursor(qb, 'n', query.cursor, limit).getMany(), limit);
    return { items: page.items.map(toMeNewsListItem), nextCursor: page.nextCursor };
  }

  /** One published item of the caller's chain; a draft or another subtree's item is a 404. */
  async read(principal: Principal, id: string): Promise<MeNewsDetail> {
    if (!UUID.test(id)) throw NewsErrors.notFound();
    const item = await this.audienceQuery(principal).andWhere('n.id = :id', { id }).getOne();
    if (!item) throw NewsErrors.notFound();
    return toMeNewsDetail(item);
  }
}

/** Trims, sanitises the body and checks the rules across fields; 400 with every problem at once. */
function checkContent(c: Content): Content {
  const problems: Record<string, string> = {};
  const title = c.title.trim();
  const summary = c.summary.trim();
  if (!title) problems.title = 'title must not be blank';
  if (!summary) problems.summary = 'summary must not be blank';
  const body = sanitizeRichText(c.body);
  if (isBlankRichText(body)) problems.body = 'body has no content once scripts and other disallowed markup are removed';
  if (c.sourced) {
    if (!c.sourceName) problems.sourceName = 'sourceName is required for an item compiled from another outlet';
    if (!c.sourceUrl) problems.sourceUrl = 'sourceUrl is required for an item compiled from another outlet';
  }
  if (Object.keys(problems).length) throw ApiError.validation(problems);
  return { ...c, title, summary, body };
}

/**
 * When the item counts as published: kept once set (also across unpublishing), now on the first
 * publication, or the time the editor gives with a publication (an archived item's own date).
 */
function publicationTime(status: NewsItem['status'], current: Date | null, given: string | undefined): Date | null {
  if (given === undefined) return status === 'published' ? (current ?? new Date()) : current;
  if (status !== 'published') throw ApiError.validation({ publishedAt: 'publishedAt can only be given with status published' });
  const at = new Date(given);
  if (Number.isNaN(at.getTime())) throw ApiError.validation({ publishedAt: 'publishedAt must be an ISO 8601 date-time' });
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw ApiError.validation({ publishedAt: 'publishedAt cannot be in the future' });
  return at;
}
