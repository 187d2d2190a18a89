/**
 * The paths of the dashboard's own pages (App.tsx's custom routes), apart from the pages, so that a
 * menu item or a link does not pull a page into the login page's bundle: the pages load when opened.
 */

export const MEMBER_IMPORT_PATH = '/members/import';
export const ISSUE_MEMBER_ACCOUNTS_PATH = '/member-accounts';
export const SURVEY_RESULTS_PATH = '/survey-results/:id';
export const ROLLOUT_PATH = '/rollout';
export const COMMITTEE_TREE_PATH = '/committee-tree';
