/**
 * What notifies a member. Audience kinds go to a committee subtree (every member of the committee
 * and of the committees below it); personal kinds go to one member. A new kind is added here, in
 * the CHECK of the `notifications` table (a migration) and, when it is personal, in PERSONAL_KINDS.
 */
export const NOTIFICATION_KINDS = [
  'document_published',
  'news_published',
  'survey_published',
  'meeting_scheduled',
  'meeting_changed',
  'meeting_cancelled',
  'meeting_check_in_opened',
  'meeting_vote_opened',
  'excuse_decided',
  'correction_decided',
  'task_assigned',
  'task_overdue',
  'bulletin',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds addressed to one member (member_id), never to a subtree. */
export const PERSONAL_KINDS: readonly NotificationKind[] = ['excuse_decided', 'correction_decided', 'task_assigned', 'task_overdue'];

export function isPersonalKind(kind: NotificationKind): boolean {
  return PERSONAL_KINDS.includes(kind);
}

/**
 * What a notification opens in the app (the deep link is `linkType` + `linkId`). `url` is a web
 * address (https) a bulletin may point to.
 */
export const LINK_TYPES = ['document', 'news', 'survey', 'meeting', 'meeting_task', 'correction_request', 'url'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
export const KIND_CHECK = `kind IN (${quoted(NOTIFICATION_KINDS)})`;
export const LINK_TYPE_CHECK = `link_type IS NULL OR link_type IN (${quoted(LINK_TYPES)})`;
