import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { REPO_ROOT } from '../../src/bootstrap.js';

/** Where the dashboard's types come from: `npm run gen:api --prefix admin` (also run by `npm run openapi`). */
const SCHEMA = join(REPO_ROOT, 'admin/src/api/schema.d.ts');

describe("the dashboard's API types (admin/src/api/schema.d.ts)", () => {
  it('are generated from the committed openapi.json: run `npm run openapi` after changing a route', async () => {
    // as the openapi-typescript command line writes it, with its default options
    const generated = `${COMMENT_HEADER}${astToString(await openapiTS(pathToFileURL(join(REPO_ROOT, 'openapi.json'))))}`;
    expect(readFileSync(SCHEMA, 'utf8')).toBe(generated);
  });
});
