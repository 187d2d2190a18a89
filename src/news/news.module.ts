import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { MeNewsController } from './me-news.controller.js';
import { NewsController } from './news.controller.js';
import { NewsService } from './news.service.js';

/** News: the editors' desk (/api/news) and the members' feed (/api/me/news). */
@Module({
  imports: [MembershipModule, AnalyticsModule],
  controllers: [NewsController, MeNewsController],
  providers: [NewsService],
  exports: [NewsService],
})
export class NewsModule {}
