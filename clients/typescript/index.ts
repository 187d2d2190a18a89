/**
 * The TypeScript SDK of the Sổ tay Đảng viên API: openapi-fetch typed by the `paths` generated from
 * openapi.json (`npm run client` rewrites schema.ts; this file is hand-written).
 *
 *   const api = createSoTayClient({ baseUrl: 'https://example.org' });
 *   const { data, error } = await api.POST('/api/auth/login', { body: { username, password } });
 */
import createClient, { type ClientOptions, type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

export type SoTayClient = Client<paths>;

export function createSoTayClient(options: ClientOptions = {}): SoTayClient {
  return createClient<paths>(options);
}
