import { useSyncExternalStore } from 'react';

/** Reading settings for elderly and low-vision members: text size (100–200%) and high contrast, kept on the phone. */
export interface Settings {
  textScale: number;
  highContrast: boolean;
}

export const TEXT_SCALES = [100, 125, 150, 175, 200] as const;
const KEY = 'sotay.app.settings';
const listeners = new Set<() => void>();
let current: Settings = load();

function load(): Settings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    const scale = Number(saved.textScale);
    return {
      textScale: TEXT_SCALES.includes(scale as (typeof TEXT_SCALES)[number]) ? scale : 100,
      highContrast: saved.highContrast === true,
    };
  } catch {
    return { textScale: 100, highContrast: false };
  }
}

/** Every size of the app is in rem: the root font size scales all of it. */
export function applySettings(settings: Settings = current): void {
  const root = document.documentElement;
  root.style.fontSize = `${settings.textScale}%`;
  root.dataset.contrast = settings.highContrast ? 'high' : 'normal';
  // from 175% the bars stop floating over the content (they would hide too much of a phone's screen)
  root.dataset.largeText = settings.textScale >= 175 ? 'true' : 'false';
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', settings.highContrast ? '#000000' : '#b71c1c');
}

export function updateSettings(change: Partial<Settings>): void {
  current = { ...current, ...change };
  localStorage.setItem(KEY, JSON.stringify(current));
  applySettings();
  listeners.forEach((l) => l());
}

export function useSettings(): Settings {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
