// Types of build-stale.mjs (plain JavaScript: it runs before anything is compiled), for the tests that import it.
export type BuildTarget = 'api' | 'admin' | 'app';
export const REPO: string;
export const TARGETS: Record<BuildTarget, { output: string; sources: string[]; counts: (name: string) => boolean }>;
export function newestMtime(path: string, counts?: (name: string) => boolean): number;
export function isStale(name: BuildTarget, root?: string): boolean;
export function needsInstall(dir: 'admin' | 'app', root?: string): boolean;
export function buildFrontEnd(name: 'admin' | 'app', options?: { root?: string; quiet?: boolean }): Promise<boolean>;
