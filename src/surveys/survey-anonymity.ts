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
