import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { MeNewsController } from './me-news.controller.js';
import { NewsController } from './news.controller.js';
import { NewsService } from './news.service.js';
import { NewsTitlesProvider } from './news-titles.provider.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NewsItem } from './news-item.entity.js';
import { NewsItemRepository } from './news-item.repository.js';

/** News: the editors' desk (/api/news) and the members' feed (/api/me/news). */
@Module({
  imports: [TypeOrmModule.forFeature([NewsItem]), CommitteesModule, AnalyticsModule, NotificationsModule],
  controllers: [NewsController, MeNewsController],
  providers: [NewsService, NewsItemRepository, NewsTitlesProvider],
  exports: [NewsService],
})
export class NewsModule {}
