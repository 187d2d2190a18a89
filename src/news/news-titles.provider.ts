import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ContentTitles } from '../analytics/content-titles.registry.js';
import { NewsItemRepository } from './news-item.repository.js';

/** Tells analytics the titles of news items, for its top-content report (analytics does not read `news_items`). */
@Injectable()
export class NewsTitlesProvider implements OnModuleInit {
  constructor(
    private readonly repository: NewsItemRepository,
    private readonly contentTitles: ContentTitles,
  ) {}

  onModuleInit(): void {
    this.contentTitles.register('news', (ids) => this.repository.titles(ids));
  }
}
