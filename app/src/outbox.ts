import type { components } from '../../clients/typescript/schema';
import { api, ApiError } from './api';
import { uuid } from './ids';
import { session } from './session';

type Schemas = components['schemas'];
export type AccessEvent = Schemas['AccessEventDto'];

/**
 * What the app sends later when the network is back: usage events (batches to POST /api/me/events,
 * each with the id generated here, so that a batch sent twice is counted once: the server keeps the
 * first of each id) and the writes that are safe to make offline (a comment, a survey answer, an
 * excuse). Kept in IndexedDB, per account, until the server has answered; a write the server refuses
 * is dropped and shown to the member with the reason.
 */
export type Write =
  | { op: 'comment'; meetingId: string; body: Schemas['CreateCommentDto'] }
  | { op: 'excuse'; meetingId: string; body: Schemas['ExcuseRequestDto'] }
  | { op: 'survey'; surveyId: string; body: Schemas['SubmitSurveyResponseDto'] };

type Item =
  | { id: string; userId: string; createdAt: number; kind: 'event'; event: AccessEvent }
  | { id: string; userId: string; createdAt: number; kind: 'write'; write: Write; label: string };

export interface Refused {
  label: string;
  message: string;
}

const DB = 'sotay-app';
const STORE = 'outbox';
const BATCH = 100;

let dbPromise: Promise<IDBDatabase> | null = null;
function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(STORE, mode);
    const req = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

const all = async (): Promise<Item[]> => ((await tx('readonly', (s) => s.getAll() as IDBRequest<Item[]>)) ?? []) as Item[];
const remove = (ids: string[]) => tx('readwrite', (s) => void ids.forEach((id) => s.delete(id)));
const put = (item: Item) => tx('readwrite', (s) => void s.put(item));

/* what the screens show: pending writes, refused ones */
const listeners = new Set<() => void>();
let state = { pendingWrites: 0, pendingEvents: 0, refused: [] as Refused[] };
const setState = (change: Partial<typeof state>) => {
  state = { ...state, ...change };
  listeners.forEach((l) => l());
};
export const outboxStore = {
  subscribe(l: () => void) {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
  get: () => state,
  dismissRefused: () => setState({ refused: [] }),
};

async function recount() {
  const userId = session.user()?.id;
  const mine = (await all()).filter((i) => i.userId === userId);
  setState({ pendingWrites: mine.filter((i) => i.kind === 'write').length, pendingEvents: mine.filter((i) => i.kind === 'event').length });
}

/** Records a usage event (sent in the next batch). */
export async function track(type: AccessEvent['type'], target?: { type: NonNullable<AccessEvent['targetType']>; id: string }) {
  const userId = session.user()?.id;
  if (!userId) return;
  const event: AccessEvent = {
    id: uuid(),
    type,
    occurredAt: new Date().toISOString(),
    ...(target ? { targetType: target.type, targetId: target.id } : {}),
  };
  await put({ id: event.id, userId, createdAt: Date.now(), kind: 'event', event });
  await recount();
  scheduleFlush(2000);
}

/** Queues a write to send when the network is back; the member sees it as pending. */
export async function queueWrite(write: Write, label: string): Promise<void> {
  const userId = session.user()?.id;
  if (!userId) return;
  await put({ id: uuid(), userId, createdAt: Date.now(), kind: 'write', write, label });
  await recount();
}

function sendWrite(w: Write): Promise<unknown> {
  switch (w.op) {
    case 'comment':
      return api.POST('/api/me/meetings/{id}/comments', { params: { path: { id: w.meetingId } }, body: w.body });
    case 'excuse':
      return api.POST('/api/me/meetings/{id}/excuse', { params: { path: { id: w.meetingId } }, body: w.body });
    case 'survey':
      return api.POST('/api/me/surveys/{id}/responses', { params: { path: { id: w.surveyId } }, body: w.body });
  }
}

let flushing: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
/** After a network failure on a weak network: tried again in 2 s, 4 s, … up to a minute. */
let retryMs = 2000;
const retryLater = () => {
  if (!navigator.onLine) return;
  scheduleFlush(retryMs);
  retryMs = Math.min(retryMs * 2, 60_000);
};

export function scheduleFlush(ms = 0) {
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), ms);
}

/** Sends what waits, oldest first; stops at the first network failure (the rest waits for the next try). */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      const userId = session.user()?.id;
      if (!userId || !navigator.onLine) return;
      const mine = (await all()).filter((i) => i.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
      const events = mine.filter((i): i is Extract<Item, { kind: 'event' }> => i.kind === 'event');
      for (let i = 0; i < events.length; i += BATCH) {
        const batch = events.slice(i, i + BATCH);
        try {
          await api.POST('/api/me/events', { body: { events: batch.map((b) => b.event) } });
        } catch (e) {
          // a batch the server refuses as a whole (not its events one by one) would never pass
          if (e instanceof ApiError && !e.network && e.status !== 401 && e.status !== 429 && e.status < 500) {
            await remove(batch.map((b) => b.id));
            continue;
          }
          retryLater();
          return;
        }
        // accepted, duplicates (sent before, answer lost) and rejected ones are all settled
        await remove(batch.map((b) => b.id));
      }
      const refused: Refused[] = [];
      let failed = false;
      for (const item of mine) {
        if (item.kind !== 'write') continue;
        try {
          await sendWrite(item.write);
        } catch (e) {
          if (!(e instanceof ApiError) || e.network || e.status === 401 || e.status === 429 || e.status >= 500) {
            retryLater();
            failed = true;
            break;
          }
          refused.push({ label: item.label, message: e.message });
        }
        await remove([item.id]);
      }
      if (refused.length) setState({ refused: [...state.refused, ...refused] });
      if (!failed) retryMs = 2000;
    } finally {
      await recount();
      flushing = null;
    }
  })();
  return flushing;
}

window.addEventListener('online', () => scheduleFlush(500));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void flush();
});
setInterval(() => void flush(), 60_000);
session.subscribe(() => void recount().then(() => scheduleFlush(500)));
void recount();
