import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { FaqAnswerService } from './faq-answer.service.js';
import { FaqController } from './faq.controller.js';
import { FaqService } from './faq.service.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Faq } from './faq.entity.js';
import { UnansweredQuestion } from './unanswered-question.entity.js';
import { FaqRepository } from './faq.repository.js';
import { UnansweredQuestionRepository } from './unanswered-question.repository.js';

/** Questions and answers: editors' entries, automatic answers, the queue of unanswered questions. */
@Module({
  imports: [TypeOrmModule.forFeature([Faq, UnansweredQuestion]), CommitteesModule],
  controllers: [FaqController],
  providers: [FaqService, FaqAnswerService, FaqRepository, UnansweredQuestionRepository],
})
export class FaqModule {}
