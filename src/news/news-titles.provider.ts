import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ContentTitles } from '../analytics/content-titles.registry.js';
import { NewsItem } from './news-item.entity.js';

/** Tells analytics the titles of news items, for its top-content report (analytics does not read `news_items`). */
@Injectable()
export class NewsTitlesProvider implements OnModuleInit {
  constructor(
    @InjectRepository(NewsItem) private readonly news: Repository<NewsItem>,
    private readonly contentTitles: ContentTitles,
  ) {}

  onModuleInit(): void {
    this.contentTitles.register('news', (ids) => this.titles(ids));
  }

  /** id → title of the news items among `ids` that exist. */
  async titles(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.news.find({ select: { id: true, title: true }, where: { id: In(ids) } });
    return new Map(rows.map((n) => [n.id, n.title]));
  }
}
