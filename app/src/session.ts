import type { components } from '../../clients/typescript/schema';

export type UserProfile = components['schemas']['UserProfile'];
export type LoginResult = components['schemas']['LoginResult'];

const KEYS = {
  access: 'sotay.app.accessToken',
  refresh: 'sotay.app.refreshToken',
  user: 'sotay.app.user',
  /** sessionStorage: why the member is back on the login screen, and the screen to return to. */
  ended: 'sotay.app.sessionEnded',
  returnTo: 'sotay.app.returnTo',
} as const;

type Listener = () => void;
const listeners = new Set<Listener>();

/** The member's tokens and profile (localStorage: an installed app stays logged in). */
export const session = {
  accessToken: (): string | null => localStorage.getItem(KEYS.access),
  refreshToken: (): string | null => localStorage.getItem(KEYS.refresh),
  user: (): UserProfile | null => {
    try {
      return JSON.parse(localStorage.getItem(KEYS.user) ?? 'null') as UserProfile | null;
    } catch {
      return null;
    }
  },
  save(auth: { accessToken: string; refreshToken: string; user: UserProfile }): void {
    localStorage.setItem(KEYS.access, auth.accessToken);
    localStorage.setItem(KEYS.refresh, auth.refreshToken);
    localStorage.setItem(KEYS.user, JSON.stringify(auth.user));
    sessionStorage.removeItem(KEYS.ended);
    notify();
  },
  setUser(user: UserProfile): void {
    localStorage.setItem(KEYS.user, JSON.stringify(user));
    notify();
  },
  clear(): void {
    localStorage.removeItem(KEYS.access);
    localStorage.removeItem(KEYS.refresh);
    localStorage.removeItem(KEYS.user);
    notify();
  },
  /** The server ended the session: back to login, which says why and returns to this screen after. */
  expire(): void {
    sessionStorage.setItem(KEYS.ended, '1');
    sessionStorage.setItem(KEYS.returnTo, location.pathname + location.search);
    session.clear();
  },
  endedByServer: (): boolean => sessionStorage.getItem(KEYS.ended) === '1',
  /** The screen to go back to after logging in again (once). */
  takeReturnTo(): string | null {
    const path = sessionStorage.getItem(KEYS.returnTo);
    sessionStorage.removeItem(KEYS.returnTo);
    sessionStorage.removeItem(KEYS.ended);
    return path && path.startsWith('/app/') ? path : null;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

function notify() {
  for (const l of listeners) l();
}

// another tab logged in or out
window.addEventListener('storage', (e) => {
  if (e.key === KEYS.access || e.key === KEYS.user) notify();
});
