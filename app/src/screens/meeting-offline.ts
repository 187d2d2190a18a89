import type { components } from '../../../clients/typescript/schema';
import { answer, api } from '../api';
import { dropOffline, keepOffline } from '../offline';

type MeetingItem = components['schemas']['MyMeetingItem'];

const KEPT = 'sotay.app.meetingFiles';

/** The next meeting of the member: the soonest scheduled or running one. */
export function nextMeeting(items: MeetingItem[]): MeetingItem | undefined {
  const now = Date.now() - 12 * 3600_000;
  return items
    .filter((m) => (m.status === 'scheduled' || m.status === 'in_progress') && (!m.startsAt || Date.parse(m.startsAt) >= now))
    .sort((a, b) => Date.parse(a.startsAt ?? '9999') - Date.parse(b.startsAt ?? '9999'))[0];
}

/**
 * Keeps the next meeting readable with no network: its detail (cached by the service worker as it
 * passes) and the files of its agenda (FILES_CACHE); the files of a meeting no longer next are let go.
 */
export async function prefetchNextMeeting(items: MeetingItem[]): Promise<void> {
  const next = nextMeeting(items);
  if (!next || !navigator.onLine) return;
  try {
    const detail = await answer(api.GET('/api/me/meetings/{id}', { params: { path: { id: next.id } } }));
    const urls = detail.agenda.flatMap((a) => a.attachments.map((f) => f.url));
    const before = JSON.parse(localStorage.getItem(KEPT) ?? '[]') as string[];
    for (const url of before) if (!urls.includes(url)) await dropOffline(url);
    for (const url of urls) await keepOffline(url);
    localStorage.setItem(KEPT, JSON.stringify(urls));
  } catch {
    // a weak network: tried again at the next visit of the home or meetings screen
  }
}
