import type { QuestionType } from './survey-question.entity.js';
import type { Survey, SurveyEffectiveStatus } from './survey.entity.js';
import { canOpen } from './survey-definition.js';
import { SurveyErrors } from './surveys.errors.js';

// ---- status: draft → open → closed, by hand or by time ----

/** The status the API reports: the stored one read against the clock. */
export function effectiveStatus(s: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): SurveyEffectiveStatus {
  if (s.status !== 'open') return s.status;
  if (s.closesAt && s.closesAt.getTime() <= now.getTime()) return 'closed';
  if (s.opensAt && s.opensAt.getTime() > now.getTime()) return 'scheduled';
  return 'open';
}

/** The same rule in SQL, for filters (`alias` is the surveys table). */
export const effectiveStatusSql = (alias: string) =>
  `(CASE WHEN ${alias}.status = 'open' AND ${alias}.closes_at IS NOT NULL AND ${alias}.closes_at <= now() THEN 'closed'` +
  ` WHEN ${alias}.status = 'open' AND ${alias}.opens_at IS NOT NULL AND ${alias}.opens_at > now() THEN 'scheduled'` +
  ` ELSE ${alias}.status END)`;

/** When members first see an opened survey: the later of its opening and opensAt. */
export function visibleFrom(openedAt: Date, opensAt: Date | null): Date {
  return opensAt && opensAt.getTime() > openedAt.getTime() ? opensAt : openedAt;
}

/**
 * draft → open: needs a question to answer, a closesAt (if any) still ahead and a target committee
 * that is not archived. Throws the 409 (or 400) that says why not.
 */
export function checkOpen(
  survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt' | 'kind'>,
  questions: { type: QuestionType; points: number | null }[],
  committeeArchived: boolean,
  now: Date,
): void {
  const status = effectiveStatus(survey);
  if (status === 'closed') throw SurveyErrors.closed();
  if (status !== 'draft') throw SurveyErrors.notDraft();
  if (!canOpen(survey.kind, questions)) throw SurveyErrors.notAnswerable();
  if (survey.closesAt && survey.closesAt.getTime() <= now.getTime()) throw SurveyErrors.windowPassed();
  if (committeeArchived) throw SurveyErrors.committeeArchived();
}

/** open (or scheduled) → closed. Closing is final. */
export function checkClose(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>): void {
  const status = effectiveStatus(survey);
  if (status === 'closed') throw SurveyErrors.closed();
  if (status === 'draft') throw SurveyErrors.notOpen();
}

/**
 * What may change in a stored survey. Once it has answers only wording and dates (409
 * SURVEY_HAS_RESPONSES); once closed only its wording (409 SURVEY_CLOSED); anonymity and results
 * visibility are fixed once it is opened (409 SURVEY_PRIVACY_LOCKED); an open survey keeps a
 * question to answer (409 SURVEY_NOT_ANSWERABLE).
 */
export function checkUpdate(
  survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt' | 'anonymous' | 'resultsVisibility'>,
  next: {
    kind: Survey['kind'];
    anonymous: boolean;
    resultsVisibility: Survey['resultsVisibility'];
    questions: { type: QuestionType; points: number | null }[];
  },
  change: { respondents: number; structural: string[]; datesChanged: boolean },
): void {
  if (change.respondents > 0 && change.structural.length) throw SurveyErrors.hasResponses(change.structural);
  const status = effectiveStatus(survey);
  if (status === 'closed' && (change.structural.length || change.datesChanged)) throw SurveyErrors.closed();
  if (survey.status !== 'draft' && (next.anonymous !== survey.anonymous || next.resultsVisibility !== survey.resultsVisibility)) {
    throw SurveyErrors.privacyLocked();
  }
  if (survey.status === 'open' && !canOpen(next.kind, next.questions)) throw SurveyErrors.notAnswerable();
}

/** A survey with answers is a record of the campaign and is kept. */
export function checkRemove(respondents: number): void {
  if (respondents > 0) throw SurveyErrors.hasResponsesDelete();
}

/**
 * A member answers an open survey, on the terms they were shown: `anonymous`, when the answer
 * states it, must be the survey's (and anonymity cannot change once open).
 */
export function checkSubmission(
  survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt' | 'anonymous'>,
  anonymous: boolean | undefined,
): void {
  const status = effectiveStatus(survey);
  if (status !== 'open') throw SurveyErrors.notAcceptingResponses(status);
  if (anonymous !== undefined && anonymous !== survey.anonymous) throw SurveyErrors.anonymityChanged(survey.anonymous);
}

/**
 * Staff in scope see the results once the survey is closed, or while it runs if resultsVisibility
 * is `live`; before that they are hidden from everyone, admins included (403 RESULTS_NOT_YET_VISIBLE).
 */
export function checkResultsVisible(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt' | 'resultsVisibility'>): void {
  if (survey.resultsVisibility !== 'live' && effectiveStatus(survey) !== 'closed') throw SurveyErrors.resultsHidden();
}

// ---- anonymity: k ----

/**
 * The anonymity rules of an anonymous survey's figures (outside review II, finding 3). k is
 * SURVEY_ANONYMITY_K (config): no figure describes a group of fewer than k respondents.
 *
 * - The answers shown are those "released": an anonymous answer is stored unreleased and released
 *   together with the others once at least k are waiting (SurveyResponsesService.submit), so live
 *   figures move only in steps of at least k answers, and a poll cannot pin one answer to the
 *   moment one member answered. A survey whose results were hidden until it closed shows every
 *   answer once closed (no earlier view to subtract); a live one keeps its last incomplete step
 *   (fewer than k answers) unshown, because the difference with the last live view would be it.
 * - A group (the whole survey, one question's answerers, a sub-committee, a day) of fewer than k is
 *   suppressed; see {@link suppressedCells} for the cells that would give one away by difference.
 */

/**
 * Which cells of a breakdown to suppress, given the respondents of each cell and that their total
 * is known: every cell below k, and then, while the suppressed cells together hold between 1 and
 * k-1 respondents (so the known total minus the shown cells would reveal a group below k), the
 * smallest cell still shown as well.
 */
export function suppressedCells(counts: readonly number[], k: number): boolean[] {
  const hidden = counts.map((n) => n < k);
  const hiddenSum = () => counts.reduce((sum, n, i) => sum + (hidden[i] ? n : 0), 0);
  for (let sum = hiddenSum(); sum > 0 && sum < k; sum = hiddenSum()) {
    let smallest = -1;
    counts.forEach((n, i) => {
      if (!hidden[i] && (smallest < 0 || n < counts[smallest])) smallest = i;
    });
    if (smallest < 0) break;
    hidden[smallest] = true;
  }
  return hidden;
}

/**
 * Whether the figures of a survey count only its released answers: an anonymous survey's, except
 * one whose results were hidden until it closed and that has closed.
 */
export function onlyReleased(s: { anonymous: boolean; resultsVisibility: string }, status: string): boolean {
  return s.anonymous && !(s.resultsVisibility === 'after_close' && status === 'closed');
}

/** The respondent count staff may see: null when an anonymous survey has fewer than k to show. */
export function shownRespondents(
  s: { anonymous: boolean; resultsVisibility: string },
  status: string,
  counts: { total: number; released: number },
  k: number,
): number | null {
  if (!s.anonymous) return counts.total;
  const n = onlyReleased(s, status) ? counts.released : counts.total;
  return n < k ? null : n;
}
