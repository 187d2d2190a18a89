import { ApiProperty } from '@nestjs/swagger';
import { CursorPageMeta } from '../../common/cursor.js';
import { NEWS_CATEGORIES, NEWS_STATUSES, type NewsCategory, type NewsItem, type NewsStatus } from '../news-item.entity.js';

/** A news item as editors see it (the dashboard). */
export class NewsResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'Sanitised HTML' }) body: string;
  @ApiProperty({ type: 'string', nullable: true }) coverImageUrl: string | null;
  @ApiProperty({ enum: NEWS_CATEGORIES, enumName: 'NewsCategory' }) category: NewsCategory;
  @ApiProperty() sourced: boolean;
  @ApiProperty({ type: 'string', nullable: true }) sourceName: string | null;
  @ApiProperty({ type: 'string', nullable: true }) sourceUrl: string | null;
  @ApiProperty({ enum: NEWS_STATUSES, enumName: 'NewsStatus' }) status: NewsStatus;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Set by the first publication, kept afterwards' })
  publishedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The account that created it' }) createdBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export function toNewsResponse(n: NewsItem): NewsResponse {
  return {
    id: n.id,
    committeeId: n.committeeId,
    committeeName: n.committee?.name ?? null,
    title: n.title,
    summary: n.summary,
    body: n.body,
    coverImageUrl: n.coverImageUrl,
    category: n.category,
    sourced: n.sourced,
    sourceName: n.sourceName,
    sourceUrl: n.sourceUrl,
    status: n.status,
    publishedAt: n.publishedAt,
    createdBy: n.createdBy,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

/** A compact feed entry for the mobile app: no body. */
export class MeNewsListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: NEWS_CATEGORIES, enumName: 'NewsCategory' }) category: NewsCategory;
  @ApiProperty({ type: 'string', nullable: true }) coverImageUrl: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'The outlet it was compiled from' }) sourceName: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) publishedAt: Date;
  @ApiProperty({ description: 'The publishing committee' }) committeeName: string;
}

export class MeNewsPage extends CursorPageMeta {
  @ApiProperty({ type: () => [MeNewsListItem] }) items: MeNewsListItem[];
}

/** One item in full for the mobile app. */
export class MeNewsDetail extends MeNewsListItem {
  @ApiProperty({ description: 'Sanitised HTML' }) body: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'The original article' }) sourceUrl: string | null;
}

export function toMeNewsListItem(n: NewsItem): MeNewsListItem {
  return {
    id: n.id,
    title: n.title,
    summary: n.summary,
    category: n.category,
    coverImageUrl: n.coverImageUrl,
    sourceName: n.sourceName,
    publishedAt: n.publishedAt!,
    committeeName: n.committee?.name ?? '',
  };
}

export function toMeNewsDetail(n: NewsItem): MeNewsDetail {
  return { ...toMeNewsListItem(n), body: n.body, sourceUrl: n.sourceUrl };
}
