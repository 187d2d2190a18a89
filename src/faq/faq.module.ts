import { Module } from '@nestjs/common';
import { MembershipModule } from '../membership/membership.module.js';
import { FaqAnswerService } from './faq-answer.service.js';
import { FaqController } from './faq.controller.js';
import { FaqService } from './faq.service.js';

/** Questions and answers: editors' entries, automatic answers, the queue of unanswered questions. */
@Module({
  imports: [MembershipModule],
  controllers: [FaqController],
  providers: [FaqService, FaqAnswerService],
})
export class FaqModule {}
