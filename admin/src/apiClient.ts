import { createSoTayClient } from '../../clients/typescript/index';
import { filenameFromDisposition } from './download';
import { ApiError, authorizedFetch } from './httpClient';
import type { AuthUser, DownloadedFile } from './types';

/**
 * The dashboard's typed client: the SDK (openapi-fetch over the `paths` generated from openapi.json)
 * on the dashboard's transport (httpClient.ts: the bearer token, one shared refresh on a 401, errors
 * as ApiError with the dashboard's messages). Every call that is not react-admin's CRUD goes through
 * it as `api.POST('/api/...', { params: { path, query }, body })`, so that tsc checks the path, its
 * parameters, the query, the body and the answer against openapi.json. Answers are read as their JSON
 * (`'application/json'`); files with `asFile` (`parseAs: 'blob'`).
 */
export const api = createSoTayClient<'application/json'>({
  fetch: authorizedFetch,
  headers: { Accept: 'application/json' },
});

/**
 * The answer of a call. The transport rejects every non-2xx answer with ApiError, so the error
 * branch of openapi-fetch's result never happens; a 204 answers undefined.
 */
export const answer = async <Data>(pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> => {
  const { data, error, response } = await pending;
  if (error !== undefined || !response.ok) {
    throw new ApiError(response.statusText || `HTTP ${response.status}`, response.status, error);
  }
  return data as Data;
};

/** Options of a call whose answer is a file: read as a Blob. */
export const asFile = { parseAs: 'blob', headers: { Accept: '*/*' } } as const;

/** A file answer with its name from Content-Disposition (or the fallback). */
export const downloaded = async (
  pending: Promise<{ data?: Blob; error?: unknown; response: Response }>,
  fallback: string,
): Promise<DownloadedFile> => {
  const blob = await answer(pending);
  return { blob, filename: filenameFromDisposition((await pending).response.headers, fallback) };
};

/**
 * The body of a multipart upload of one file. openapi.json types the binary field as a string,
 * so the typed body carries the file's name under the documented field (a renamed field fails the
 * type-check) and the serializer sends the File itself under it.
 */
export const fileUpload = (file: File) => ({
  body: { file: file.name },
  bodySerializer: ({ file: name }: { file: string }) => {
    const form = new FormData();
    form.append('file', file, name);
    return form;
  },
});

/** A query without its empty values (a form's cleared filter is not a parameter). */
export const presentOnly = <Query extends object>(query: Query = {} as Query): Query =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as Query;

/** GET /auth/me, with the same refresh-on-401 as every other call. */
export const fetchMe = (): Promise<AuthUser> => answer(api.GET('/api/auth/me'));
