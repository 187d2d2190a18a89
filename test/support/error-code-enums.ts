import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../src/common/repo-root.js';

/** What an error code looks like: UPPER_SNAKE_CASE. */
export const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * The codes of an enum object. A member initialised from another enum (`Archived = CommitteeErrorCode.Archived`)
 * is compiled with a reverse mapping (`COMMITTEE_ARCHIVED: 'Archived'`), which is not a code.
 */
const codesOf = (e: Record<string, unknown>) =>
  Object.entries(e)
    .filter(([key, value]) => typeof value === 'string' && !(e[value] === key && !CODE.test(value)))
    .map(([, value]) => value as string);

/** Every `*.errors.ts` of src/, and the code enums (`…ErrorCode`) each exports. */
export async function codeEnums(): Promise<{ file: string; name: string; codes: string[] }[]> {
  const files = (readdirSync(join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.errors.ts') || f === join('common', 'errors.ts'))
    .map((f) => join(REPO_ROOT, 'src', f));
  const found: { file: string; name: string; codes: string[] }[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const enums = Object.entries(module).filter(([name, value]) => name.endsWith('ErrorCode') && value && typeof value === 'object');
    if (enums.length === 0) found.push({ file: relative(REPO_ROOT, file), name: '(none)', codes: [] });
    for (const [name, value] of enums)
      found.push({ file: relative(REPO_ROOT, file), name, codes: codesOf(value as Record<string, unknown>) });
  }
  return found;
}
