import type { DataSource } from 'typeorm';
import type { Committee } from '../../src/committees/committee.entity.js';
import { NewsItem } from '../../src/news/news-item.entity.js';

let seq = 0;

/**
 * A news item straight through the repository (already clean HTML: factories skip the API's
 * sanitiser). Published by default, now, unless `status` or `publishedAt` say otherwise.
 */
export async function createNews(db: DataSource, committee: Committee, over: Partial<NewsItem> = {}): Promise<NewsItem> {
  const n = ++seq;
  const status = over.status ?? 'published';
  const repo = db.getRepository(NewsItem);
  return repo.save(
    repo.create({
      committeeId: committee.id,
      title: `Tin hoạt động số ${n} của ${committee.name}`,
      summary: `Tóm tắt tin số ${n}`,
      body: `<p>Nội dung tin số ${n}.</p>`,
      coverImageUrl: null,
      category: 'local',
      sourced: false,
      sourceName: null,
      sourceUrl: null,
      status,
      publishedAt: status === 'published' ? new Date() : null,
      createdBy: null,
      ...over,
    }),
  );
}
