import { describe, expect, it } from '@jest/globals';
import { enErrorMessages } from '../../admin/src/i18n/errorMessages.en.js';
import { viErrorMessages } from '../../admin/src/i18n/errorMessages.js';
import { CODE, codeEnums } from '../../test/support/error-code-enums.js';

describe('error codes', () => {
  it('are declared as an enum in each module’s errors file', async () => {
    const enums = await codeEnums();
    expect(enums.filter((e) => e.name === '(none)').map((e) => e.file)).toEqual([]);
    // the common codes and at least the modules that had errors files before the house issue
    expect(enums.map((e) => e.name)).toEqual(expect.arrayContaining(['CommonErrorCode']));
    expect(enums.length).toBeGreaterThanOrEqual(6);
    for (const e of enums) for (const code of e.codes) expect(code).toMatch(CODE);
  });

  it('each have a Vietnamese and an English message in the dashboard', async () => {
    const missing: string[] = [];
    for (const e of await codeEnums()) {
      for (const code of e.codes) {
        if (!viErrorMessages[code]?.trim()) missing.push(`vi ${code} (${e.file} ${e.name})`);
        if (!enErrorMessages[code]?.trim()) missing.push(`en ${code} (${e.file} ${e.name})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
