import { ApiError } from '../common/errors.js';
import { MAX_KEYWORDS } from './dto/faq.dto.js';

/**
 * The codes the FAQ module answers besides the generic ones of common/errors.ts (NOT_FOUND,
 * VALIDATION_FAILED, INVALID_LIST_QUERY).
 */
export enum FaqErrorCode {
  UnansweredAlreadyHandled = 'UNANSWERED_ALREADY_HANDLED',
}

export const FaqErrors = {
  notFound: () => ApiError.notFound('FAQ entry'),
  questionNotFound: () => ApiError.notFound('Unanswered question'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  linkedNotFound: () => ApiError.validation({ faqId: 'FAQ entry not found' }),
  tooManyPhrasings: () => ApiError.validation({ faqId: `the entry already has ${MAX_KEYWORDS} keywords and phrasings` }),
  emptyQuestion: () => ApiError.validation({ q: 'q must contain letters or digits' }),
  alreadyHandled: (status: string) => ApiError.conflict(FaqErrorCode.UnansweredAlreadyHandled, `The question has already been ${status}`),
};
