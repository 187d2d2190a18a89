import { exportAudit, readWholeList, writeListFile, type ListExportQuery, type ListFile } from '../common/list-export.js';
import { NEWS_EXPORT_COLUMNS } from './news-export.js';
import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { cursorPage, DEFAULT_CURSOR_LIMIT } from '../common/cursor.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { CreateNewsDto, MeNewsQuery, UpdateNewsDto } from './dto/news.dto.js';
import { toMeNewsDetail, toNewsResponse, type MeNewsDetail, type MeNewsPage, type NewsResponse } from './dto/news.response.js';
import { isBlankRichText, sanitizeRichText } from './html-sanitizer.js';
import type { NewsItem, NewsStatus } from './news-item.entity.js';
import { allOrNothing, type BulkResult } from '../common/bulk.js';
import { NewsItemRepository } from './news-item.repository.js';
import { NewsErrors } from './news.errors.js';
import { refuseCleared } from '../common/validation.js';

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
    private readonly tx: Transactions,
    private readonly items: NewsItemRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  // ---- editors ----

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<NewsResponse>> {
    const page = await this.items.list(principal, query);
    return { ...page, items: page.items.map(toNewsResponse) };
  }

  /** The list for the same scope, filters and sort as a CSV or xlsx file; audited. */
  async export(principal: Principal, query: ListExportQuery): Promise<ListFile> {
    const rows = await readWholeList(query, (q) => this.list(principal, q));
    const file = await writeListFile(rows, NEWS_EXPORT_COLUMNS, { ...query, sheetName: 'Tin tức', baseName: 'tin-tuc' });
    await this.audit.recordNow(principal, exportAudit('news', principal, query, file));
    return file;
  }

  async get(principal: Principal, id: string): Promise<NewsResponse> {
    return toNewsResponse(await this.items.findInScope(this.tx.none, principal, id));
  }

  async create(principal: Principal, dto: CreateNewsDto): Promise<NewsResponse> {
    return this.tx.run(async (tx) => {
      const committee = await this.publishingCommittee(tx, principal, dto.committeeId);
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
      const saved = await this.items.insert(tx, { ...content, committeeId: committee.id, status, publishedAt, createdBy: principal.id });
      await this.audit.record(tx, principal, {
        action: 'news.create',
        entityType: 'news',
        entityId: saved.id,
        committeeId: committee.id,
        details: { title: saved.title, status, sourced: saved.sourced },
      });
      if (status === 'published') await this.notifyPublished(tx, principal, saved);
      return toNewsResponse(await this.items.findInScope(tx, principal, saved.id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateNewsDto): Promise<NewsResponse> {
    return this.tx.run(async (tx) => {
      await this.updateIn(tx, principal, id, dto);
      return toNewsResponse(await this.items.findInScope(tx, principal, id));
    });
  }

  /** Publishes or unpublishes several items at once, all or nothing: each as `update` would, with its own audit entry. */
  async setStatusOfMany(principal: Principal, ids: string[], status: NewsStatus): Promise<BulkResult> {
    return this.tx.run((tx) => allOrNothing(ids, (id) => this.updateIn(tx, principal, id, { status })));
  }

  /** The body of an update, in the caller's transaction; answers whether the item changed. */
  private async updateIn(tx: Tx, principal: Principal, id: string, dto: UpdateNewsDto): Promise<boolean> {
    const item = await this.items.findInScope(tx, principal, id, true);
    refuseCleared(dto, REQUIRED);
    if (dto.committeeId !== undefined && dto.committeeId !== item.committeeId)
      await this.publishingCommittee(tx, principal, dto.committeeId);

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
      await this.items.update(tx, id, changes);
      const action = changed.status ? (status === 'published' ? 'news.publish' : 'news.unpublish') : 'news.update';
      // the field names only: bodies are long, and the item itself shows what it says now
      await this.audit.record(tx, principal, {
        action,
        entityType: 'news',
        entityId: id,
        committeeId: changes.committeeId,
        details: { title: changes.title, fields: Object.keys(changed) },
      });
      if (status === 'published' && item.status !== 'published') await this.notifyPublished(tx, principal, { ...item, ...changes });
    }
    return Object.keys(changed).length > 0;
  }

  async remove(principal: Principal, id: string): Promise<NewsResponse> {
    return this.tx.run(async (tx) => {
      const item = await this.items.findInScope(tx, principal, id, true);
      await this.items.delete(tx, id);
      await this.audit.record(tx, principal, {
        action: 'news.delete',
        entityType: 'news',
        entityId: id,
        committeeId: item.committeeId,
        details: { title: item.title, status: item.status, publishedAt: item.publishedAt?.toISOString() ?? null },
      });
      return toNewsResponse(item);
    });
  }

  /**
   * Tells the members of the publishing committee's subtree, in the publishing transaction; once per
   * item (the dedupe key). An item published with an earlier date (an archive) does not notify.
   */
  private async notifyPublished(
    tx: Tx,
    principal: Principal,
    item: Pick<NewsItem, 'id' | 'title' | 'summary' | 'committeeId' | 'publishedAt'>,
  ) {
    if (item.publishedAt && item.publishedAt.getTime() < Date.now() - 24 * 3_600_000) return;
    await this.notifications.publish(
      {
        kind: 'news_published',
        title: `Tin mới: ${item.title}`,
        body: item.summary,
        link: { type: 'news', id: item.id },
        audience: { committeeId: item.committeeId },
        dedupeKey: `news:${item.id}`,
        createdBy: principal.id,
      },
      tx,
    );
  }

  /** A committee in the editor's scope, to publish from; anything else is a 400 on committeeId. */
  private async publishingCommittee(tx: Tx, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(tx, principal, committeeId, NewsErrors.committeeNotFound);
    if (committee.archivedAt) throw NewsErrors.committeeArchived();
    return committee;
  }

  // ---- members (mobile): the published items of the caller's committee chain ----

  async feed(principal: Principal, query: MeNewsQuery): Promise<MeNewsPage> {
    const limit = query.limit ?? DEFAULT_CURSOR_LIMIT;
    // the rows are the response's items (news-item.repository.ts FEED_SQL)
    return cursorPage(await this.items.feed(principal, { category: query.category, cursor: query.cursor, limit }), limit);
  }

  /** One published item of the caller's chain; a draft or another subtree's item is a 404. */
  async read(principal: Principal, id: string): Promise<MeNewsDetail> {
    return toMeNewsDetail(await this.items.findPublished(principal, id));
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
