import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { buildOpenApiDocument, serializeOpenApi } from '../../src/common/openapi.js';
import { generateClientSchema, SCHEMA_FILE } from '../../scripts/client.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Downloads (exports) document their file types instead of JSON. */
const FILE_TYPES = /^(text\/csv|application\/(vnd\.openxmlformats-officedocument\.|pdf|octet-stream)|image\/(png|jpeg|webp))/;
const jsonOrFile = (content: Record<string, any> | undefined) =>
  content?.['application/json']?.schema ??
  (content && Object.keys(content).length && Object.entries(content).every(([type, c]) => FILE_TYPES.test(type) && c.schema)
    ? 'file'
    : undefined);

describe('the OpenAPI document (what mobile clients are generated from)', () => {
  let t: TestApp;
  let doc: any;
  const operations: { method: string; path: string; op: any }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    doc = buildOpenApiDocument(t.app);
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of METHODS) if (item[method]) operations.push({ method, path, op: item[method] });
    }
  });
  afterAll(async () => t?.close());

  it('is checked in up to date: run `npm run openapi` after changing a route', () => {
    const committed = readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8');
    expect(committed).toBe(serializeOpenApi(doc));
  });

  it('has its TypeScript SDK (clients/typescript) checked in up to date: run `npm run client` after `npm run openapi`', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(await generateClientSchema(serializeOpenApi(doc)));
  });

  it('is served at /api/docs-json, with Swagger UI at /api/docs', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(json.body.paths).sort()).toEqual(Object.keys(doc.paths).sort());
    const ui = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('gives every operation a unique, hand-chosen operationId', () => {
    expect(operations.length).toBeGreaterThan(5);
    const ids = operations.map((o) => o.op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]+$/); // not the generated Controller_method
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents request and response schemas and the error responses', () => {
    for (const { method, path, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      // one body type per operation: several 2xx (201 new / 200 repeat, 200 whole / 206 range) share it
      const success = Object.keys(op.responses).filter((s) => /^2/.test(s));
      expect([where, success.length > 0]).toEqual([where, true]);
      for (const s of success.slice(1)) expect([where, s, op.responses[s].content]).toEqual([where, s, op.responses[success[0]].content]);
      if (success[0] !== '204') {
        expect([where, jsonOrFile(op.responses[success[0]].content)]).toEqual([where, expect.anything()]);
      }
      if (method === 'post' || method === 'put') {
        const body = op.requestBody?.content;
        expect([where, body?.['application/json']?.schema ?? body?.['multipart/form-data']?.schema]).toEqual([where, expect.anything()]);
      }
      const errors = Object.keys(op.responses).filter((s) => /^[45]/.test(s));
      expect([where, errors.length > 0]).toEqual([where, true]);
      for (const s of errors) {
        if (op.operationId === 'getHealth' && s === '503') continue; // a degraded health report, by design
        // the error body, narrowed to the codes of the status (src/common/api-docs.ts errorSchema)
        const schema = op.responses[s].content?.['application/json']?.schema;
        expect([where, s, schema?.allOf?.[0]?.$ref, schema?.allOf?.[1]?.properties?.code?.enum?.length > 0]).toEqual([
          where,
          s,
          '#/components/schemas/ErrorBody',
          true,
        ]);
      }
    }
  });

  it('asks for the bearer token everywhere but on the public operations, which document 401 otherwise', () => {
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const { method, path, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      if (op.security) {
        expect([where, op.security]).toEqual([where, []]);
      } else {
        expect([where, Object.keys(op.responses)]).toEqual([where, expect.arrayContaining(['401'])]);
      }
    }
  });
});
