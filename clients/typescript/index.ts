/**
 * The TypeScript SDK of the Sổ tay Đảng viên API: openapi-fetch typed by the `paths` generated from
 * openapi.json (`npm run client` rewrites schema.ts; this file is hand-written).
 *
 *   const api = createSoTayClient({ baseUrl: 'https://example.org' });
 *   const { data, error } = await api.POST('/api/auth/login', { body: { username, password } });
 *
 * `Media` narrows the answers to some media types: `createSoTayClient<'application/json'>(...)` reads an
 * operation that also answers a file (`?format=csv`) as its JSON only (a file is read with `parseAs: 'blob'`).
 */
import createClient, { type ClientOptions, type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** A media type, as openapi-fetch names them (`type/subtype`). */
type MediaType = `${string}/${string}`;

export type SoTayClient<Media extends MediaType = MediaType> = Client<paths, Media>;

export function createSoTayClient<Media extends MediaType = MediaType>(options: ClientOptions = {}): SoTayClient<Media> {
  return createClient<paths, Media>(options);
}
