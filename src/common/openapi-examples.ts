import { OPENAPI_EXAMPLES } from './openapi-examples.data.js';

/**
 * The member app's operations: sign-in and the caller's own data under /api/me, and the FAQ answer
 * (for members and staff alike). Their successful responses carry an example in openapi.json.
 */
export function isMemberAppPath(path: string): boolean {
  return path.startsWith('/api/auth/') || path === '/api/me' || path.startsWith('/api/me/') || path === '/api/faqs/answer';
}

export interface ResponseExample {
  status: number;
  value: unknown;
}

/**
 * The example of an operation's successful response, by operationId. They are real answers of this
 * API, taken from the test suite's requests (`npm run openapi:examples`, scripts/openapi-examples.ts),
 * with lists cut to two items and tokens replaced; test/e2e/openapi-examples.e2e-spec.ts checks each
 * against its schema, so an example never contradicts the document.
 */
export function responseExample(operationId: string): ResponseExample | undefined {
  return (OPENAPI_EXAMPLES as Record<string, ResponseExample | undefined>)[operationId];
}
