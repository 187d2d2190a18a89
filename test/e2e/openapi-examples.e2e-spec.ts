import { describe, expect, it } from '@jest/globals';
import { AuthErrorCode } from '../../src/auth/auth.errors.js';
import { codesOfErrorSchema } from '../../src/common/api-docs.js';
import { isMemberAppPath } from '../../src/common/openapi-examples.js';
import { PASSWORD_CHANGE_REQUIRED } from '../../src/common/openapi.js';
import { codeEnums } from '../support/error-code-enums.js';
import { OpenApiContract } from '../support/openapi-contract.js';

/**
 * What openapi.json tells a mobile team beyond the shapes: a real example of each member-app answer,
 * and for each error response the codes it may carry (src/common/api-docs.ts ApiErrors). The contract
 * check (test/support/openapi-contract.ts) already refuses, in every e2e test, an error whose code the
 * document does not list; this file checks the lists and the examples themselves.
 */
const contract = OpenApiContract.fromRepository();
const doc = contract.doc;
const operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
  Object.entries<any>(item).map(([method, op]) => ({ path, method, op })),
);

/** Every code of every `…ErrorCode` enum of src/. */
const knownCodes = async () => new Set((await codeEnums()).flatMap((e) => e.codes));

const errorCodesOf = (response: any): string[] => codesOfErrorSchema(response?.content?.['application/json']?.schema);

describe('openapi.json examples and error codes', () => {
  it('shows a real answer for every member-app operation that answers JSON, and each keeps its schema', () => {
    const missing: string[] = [];
    const broken: string[] = [];
    for (const { path, op } of operations.filter((o) => isMemberAppPath(o.path))) {
      const ok = Object.entries<any>(op.responses).find(([s, r]) => +s < 300 && r.content?.['application/json']);
      if (!ok) continue;
      const [status] = ok;
      const withExample = Object.entries<any>(op.responses).find(
        ([s, r]) => +s < 300 && r.content?.['application/json']?.example !== undefined,
      );
      if (!withExample) {
        missing.push(`${op.operationId} (${path} ${status})`);
        continue;
      }
      broken.push(...contract.checkResponseBody(op.operationId, +withExample[0], withExample[1].content['application/json'].example));
    }
    expect(missing).toEqual([]);
    expect(broken).toEqual([]);
  });

  it('lists the codes of every error response, each a code of the API', async () => {
    const known = await knownCodes();
    const bare: string[] = [];
    const unknown: string[] = [];
    for (const { op } of operations) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        const schema = response.content?.['application/json']?.schema;
        if (+status < 400 || !schema) continue;
        const codes = errorCodesOf(response);
        // an error body without its codes (the health check's 503 answers its own report, not the error body)
        if (schema.$ref === '#/components/schemas/ErrorBody') bare.push(`${op.operationId} ${status}`);
        for (const code of codes) if (!known.has(code)) unknown.push(`${op.operationId} ${status} ${code}`);
      }
    }
    expect(bare).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('declares every code of the API on an operation that answers it', async () => {
    // METHOD_NOT_ALLOWED answers a method a path does not have: no operation to list it under
    const undeclared = new Set([...(await knownCodes())].filter((c) => c !== 'METHOD_NOT_ALLOWED'));
    for (const { op } of operations)
      for (const response of Object.values<any>(op.responses)) for (const c of errorCodesOf(response)) undeclared.delete(c);
    expect([...undeclared]).toEqual([]);
  });

  it('lists PASSWORD_CHANGE_REQUIRED under 403 where the password-change guard applies', () => {
    expect(PASSWORD_CHANGE_REQUIRED).toBe(AuthErrorCode.PasswordChangeRequired);
    const getMe = operations.find((o) => o.op.operationId === 'getMe')!;
    expect(errorCodesOf(getMe.op.responses['403'])).toContain(PASSWORD_CHANGE_REQUIRED);
    const changePassword = operations.find((o) => o.op.operationId === 'changePassword')!;
    expect(errorCodesOf(changePassword.op.responses['403'])).not.toContain(PASSWORD_CHANGE_REQUIRED);
  });
});
