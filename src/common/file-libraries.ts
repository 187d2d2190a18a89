import type ExcelJSModule from 'exceljs';

/**
 * The libraries that write files (exceljs for spreadsheets, pdfmake for the minutes' PDF) are
 * loaded on first use, not at startup: together with their dependencies they held about 17 MB of
 * heap (V8 keeps the source of every compiled function) and took 0.6 s of every start, whether or
 * not anyone exported a file (issue 20: memory per process, restart time). Only the exports, the
 * import template, the credentials sheet, the survey results file and the minutes' PDF use them.
 */

/** `load()` once, for every caller; a failed load is tried again on the next call. */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

export type ExcelJS = typeof ExcelJSModule;

/** exceljs, loaded on first use. */
export const loadExcelJS = lazyModule(async () => {
  const m = (await import('exceljs')) as { default?: ExcelJS };
  return m.default ?? (m as unknown as ExcelJS);
});
