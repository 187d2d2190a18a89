import { FaqErrors } from './faq.errors.js';
import type { UnansweredQuestion } from './unanswered-question.entity.js';

/** Only an open question is handled (converted, linked or dismissed), once: afterwards it is a 409. */
export function assertOpen(question: Pick<UnansweredQuestion, 'status'>): void {
  if (question.status !== 'open') throw FaqErrors.alreadyHandled(question.status);
}
