import { describe, expect, it } from '@jest/globals';
import { lazyModule, loadExcelJS } from './file-libraries.js';

describe('lazyModule', () => {
  it('loads once for every caller, and not before the first call', async () => {
    let loads = 0;
    const load = lazyModule(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it('tries again after a failed load instead of keeping the failure', async () => {
    let calls = 0;
    const load = lazyModule(async () => {
      if (++calls === 1) throw new Error('disk busy');
      return 'loaded';
    });
    await expect(load()).rejects.toThrow('disk busy');
    await expect(load()).resolves.toBe('loaded');
    expect(calls).toBe(2);
  });

  it('gives exceljs with its Workbook', async () => {
    const ExcelJS = await loadExcelJS();
    expect(new ExcelJS.Workbook().worksheets).toEqual([]);
  });
});
