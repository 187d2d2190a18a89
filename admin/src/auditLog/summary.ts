import { formatVietnamDate, formatVietnamDateTime } from '../common/vietnamTime';

/** The dashboard resource of each audited entity type (its field labels, its record page). */
export const ENTITY_RESOURCES: Record<string, string> = {
  member: 'members',
  committee: 'committees',
  user: 'users',
  correction: 'corrections',
  training: 'trainings',
  document: 'documents',
  news: 'news',
  faq: 'faqs',
  survey: 'surveys',
  bulletin: 'bulletins',
  meeting: 'meetings',
  meeting_guidance: 'meeting-guidance',
  meeting_task: 'meeting-tasks',
  member_identity_conflict: 'member-identity-conflicts',
};

/** Entity types whose record has a page of its own to open. */
const HAS_SHOW_PAGE = new Set([
  'member',
  'committee',
  'correction',
  'document',
  'news',
  'survey',
  'bulletin',
  'meeting',
  'meeting_guidance',
]);

export const recordPath = (entityType: string, entityId: string | null): string | null =>
  entityId && HAS_SHOW_PAGE.has(entityType) ? `/${ENTITY_RESOURCES[entityType]}/${entityId}/show` : null;

type Translate = (key: string, options?: Record<string, unknown>) => string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * An audit entry's details in words: "Ngày sinh: 30/03/1975 → 04/12/1990" for each change, "Tiêu đề: …"
 * for the rest, with the resource's own field labels; ids (UUIDs) are left out, the raw JSON stays
 * available to technical staff.
 */
export const summarize = (entityType: string, details: Record<string, unknown> | null | undefined, translate: Translate): string[] => {
  if (!details) return [];
  const resource = ENTITY_RESOURCES[entityType];
  const label = (key: string) =>
    translate(`resources.${resource}.fields.${key}`, {
      _: translate(`resources.audit-log.detail_keys.${key}`, { _: key }),
    });
  const value = (v: unknown, key?: string): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return translate(v ? 'app.yes' : 'app.no');
    if (typeof v === 'number') return new Intl.NumberFormat('vi-VN').format(v);
    if (typeof v === 'string') {
      if (DATE.test(v)) return formatVietnamDate(v);
      if (INSTANT.test(v)) return formatVietnamDateTime(v);
      if (key === 'status' || key === 'phase' || key === 'fromPhase' || key === 'toPhase' || key === 'kind') {
        return translate(
          `resources.${resource}.${key === 'kind' ? 'kinds' : key.toLowerCase().includes('phase') ? 'phases' : 'statuses'}.${v}`,
          { _: v },
        );
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((item) => (key === 'fields' && typeof item === 'string' ? label(item) : value(item))).join(', ');
    return Object.entries(v as Record<string, unknown>)
      .filter(([, inner]) => !(typeof inner === 'string' && UUID.test(inner)))
      .map(([k, inner]) => `${label(k)}: ${value(inner, k)}`)
      .join('; ');
  };
  const lines: string[] = [];
  for (const [key, v] of Object.entries(details)) {
    if (typeof v === 'string' && UUID.test(v)) continue;
    if (key === 'changes' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [field, change] of Object.entries(v as Record<string, unknown>)) {
        if (Array.isArray(change) && change.length === 2) {
          lines.push(`${label(field)}: ${value(change[0], field)} → ${value(change[1], field)}`);
        } else {
          lines.push(`${label(field)}: ${value(change, field)}`);
        }
      }
      continue;
    }
    lines.push(`${label(key)}: ${value(v, key)}`);
  }
  return lines;
};
