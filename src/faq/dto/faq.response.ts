import { ApiProperty } from '@nestjs/swagger';
import type { Faq } from '../faq.entity.js';
import { UNANSWERED_STATUSES, type UnansweredQuestion, type UnansweredStatus } from '../unanswered-question.entity.js';

/** An entry as editors manage it. */
export class FaqResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty() question: string;
  @ApiProperty({ description: 'Plain text or sanitised light HTML' }) answer: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty() published: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export function toFaqResponse(f: Faq): FaqResponse {
  return {
    id: f.id,
    committeeId: f.committeeId,
    committeeName: f.committee?.name ?? null,
    question: f.question,
    answer: f.answer,
    category: f.category,
    keywords: f.keywords,
    published: f.published,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

export class FaqMatchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() question: string;
  @ApiProperty({ description: 'Plain text or sanitised light HTML' }) answer: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Confidence in [0,1], 3 decimals', example: 0.874 }) score: number;
}

export class FaqAnswerResponse {
  @ApiProperty({ description: 'The best match clears the confidence threshold: show matches[0] as the answer' })
  answered: boolean;

  @ApiProperty({
    type: () => [FaqMatchResponse],
    maxItems: 5,
    description: 'Best first. When not answered: suggestions (possibly none); the question is queued for editors.',
  })
  matches: FaqMatchResponse[];
}

export class UnansweredQuestionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'As first asked' }) text: string;
  @ApiProperty({ type: 'integer' }) timesAsked: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) firstAskedAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) lastAskedAt: Date;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Home committee of the latest asker' }) committeeId: number | null;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ enum: UNANSWERED_STATUSES, enumName: 'UnansweredStatus' }) status: UnansweredStatus;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The entry it was turned into' }) faqId: string | null;
}

export function toUnansweredResponse(u: UnansweredQuestion): UnansweredQuestionResponse {
  return {
    id: u.id,
    text: u.text,
    timesAsked: u.timesAsked,
    firstAskedAt: u.firstAskedAt,
    lastAskedAt: u.lastAskedAt,
    committeeId: u.committeeId,
    committeeName: u.committee?.name ?? null,
    status: u.status,
    faqId: u.faqId,
  };
}

export class ConvertUnansweredResponse {
  @ApiProperty({ type: () => FaqResponse }) faq: FaqResponse;
  @ApiProperty({ type: () => UnansweredQuestionResponse }) question: UnansweredQuestionResponse;
}
