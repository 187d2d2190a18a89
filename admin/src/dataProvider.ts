import simpleRestProvider from 'ra-data-simple-rest';
import type {
    CreateParams,
    DataProvider,
    UpdateManyParams,
    UpdateParams,
} from 'react-admin';
import { API_URL, httpClient } from './httpClient';

/**
 * Fields the API accepts in a create/PUT body, per resource. Everything else on
 * a record (id, path, depth, childCount, timestamps...) is read-only and is not
 * sent, so that a strict server-side whitelist does not reject the form.
 */
const WRITABLE_FIELDS: Record<string, readonly string[]> = {
    committees: [
        'name',
        'code',
        'kind',
        'parentId',
        'phase',
        'phaseStartedAt',
        'targetInstallRate',
    ],
};

const pickWritable = (resource: string, data: any) => {
    const fields = WRITABLE_FIELDS[resource];
    if (!fields || !data || typeof data !== 'object') return data;
    return Object.fromEntries(
        Object.entries(data).filter(
            ([key, value]) => fields.includes(key) && value !== undefined
        )
    );
};

const base = simpleRestProvider(API_URL, httpClient);

/**
 * The app's data provider: ra-data-simple-rest over the authenticated client.
 * Custom methods (analytics...) are added to this object and typed here, then
 * called through `useDataProvider<AppDataProvider>()`.
 */
export interface AppDataProvider extends DataProvider {}

export const dataProvider: AppDataProvider = {
    ...base,
    create: (resource: string, params: CreateParams) =>
        base.create(resource, {
            ...params,
            data: pickWritable(resource, params.data),
        }),
    update: (resource: string, params: UpdateParams) =>
        base.update(resource, {
            ...params,
            data: pickWritable(resource, params.data),
        }),
    updateMany: (resource: string, params: UpdateManyParams) =>
        base.updateMany(resource, {
            ...params,
            data: pickWritable(resource, params.data),
        }),
};
