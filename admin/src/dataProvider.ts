import simpleRestProvider from 'ra-data-simple-rest';
import type {
    CreateParams,
    DataProvider,
    GetListParams,
    SortPayload,
    UpdateManyParams,
    UpdateParams,
} from 'react-admin';
import { filenameFromDisposition, localIsoDate } from './download';
import { API_URL, httpClient } from './httpClient';
import type {
    Correction,
    DownloadedFile,
    IssuedAccount,
    Member,
    MemberImportResult,
    MemberTransfer,
    TransferMemberPayload,
} from './types';

/**
 * Fields the API accepts in a create/PUT body, per resource. Everything else on
 * a record (id, path, depth, childCount, timestamps...) is read-only and is not
 * sent, so that a strict server-side whitelist does not reject the form.
 * `create` lists the fields of the create body where it differs from the
 * update body.
 */
interface WritableFields {
    update: readonly string[];
    create?: readonly string[];
}

const MEMBER_FIELDS = [
    'fullName',
    'gender',
    'birthDate',
    'partyCardNumber',
    'externalId',
    'status',
    'admittedAt',
    'officialAt',
    'exempted',
    'exemptedAt',
    'exemptedReason',
    'phone',
    'email',
    'committeeId',
    'notInstalledReason',
] as const;

const WRITABLE_FIELDS: Record<string, WritableFields> = {
    committees: {
        update: [
            'name',
            'code',
            'kind',
            'parentId',
            'phase',
            'phaseStartedAt',
            'targetInstallRate',
        ],
    },
    members: {
        // The end state (the register of those who left) is set on update only.
        update: [...MEMBER_FIELDS, 'endState', 'endedAt', 'endReason'],
        create: MEMBER_FIELDS,
    },
    users: {
        update: ['fullName', 'role', 'committeeId', 'isActive'],
        create: ['username', 'password', 'fullName', 'role', 'committeeId'],
    },
};

const pickWritable = (
    resource: string,
    data: any,
    mode: 'create' | 'update'
) => {
    const spec = WRITABLE_FIELDS[resource];
    if (!spec || !data || typeof data !== 'object') return data;
    const fields = (mode === 'create' && spec.create) || spec.update;
    return Object.fromEntries(
        Object.entries(data).filter(
            ([key, value]) => fields.includes(key) && value !== undefined
        )
    );
};

/**
 * A member account's name and branch follow its member record: the API takes
 * only `isActive` for it.
 */
const updateBody = (resource: string, params: UpdateParams) => {
    const data = pickWritable(resource, params.data, 'update');
    if (resource === 'users' && params.previousData?.role === 'member') {
        return { isActive: data.isActive };
    }
    return data;
};

/** `to` of a date range is exclusive on the server: send the next day. */
const startOfLocalDay = (isoDate: string, addDays = 0): string | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    if (!match) return undefined;
    const date = new Date(
        Number(match[1]),
        Number(match[2]) - 1,
        Number(match[3]) + addDays
    );
    return date.toISOString();
};

/**
 * The audit log's `from`/`to` filters are instants; the form picks days in
 * the user's time zone, both ends included.
 */
const auditLogFilter = (filter: Record<string, any> = {}) => {
    const { from, to, ...rest } = filter;
    const out: Record<string, any> = { ...rest };
    if (typeof from === 'string' && from) out.from = startOfLocalDay(from) ?? from;
    if (typeof to === 'string' && to) out.to = startOfLocalDay(to, 1) ?? to;
    return out;
};

const json = (payload: unknown): RequestInit => ({
    method: 'POST',
    body: JSON.stringify(payload ?? {}),
});

const base = simpleRestProvider(API_URL, httpClient);

export interface ExportMembersParams {
    format: 'xlsx' | 'csv';
    filter?: Record<string, unknown>;
    sort?: SortPayload;
}

/**
 * The app's data provider: ra-data-simple-rest over the authenticated client,
 * plus the calls that are not CRUD. Views call the custom methods through
 * `useDataProvider<AppDataProvider>()`.
 */
export interface AppDataProvider extends DataProvider {
    /** GET /members/{id}/transfers: newest first. */
    getMemberTransfers(memberId: string): Promise<MemberTransfer[]>;
    /** POST /members/{id}/transfer. */
    transferMember(
        memberId: string,
        payload: TransferMemberPayload
    ): Promise<Member>;
    /**
     * POST /members/import (multipart, field `file`). A file with problems
     * rejects with a 422 ApiError whose body.rows lists them.
     */
    importMembers(
        file: File,
        options: { dryRun: boolean }
    ): Promise<MemberImportResult>;
    /** GET /members/export: the whole filtered list as a file. */
    exportMembers(params: ExportMembersParams): Promise<DownloadedFile>;
    /** POST /members/{id}/account: the member's app login, password once. */
    createMemberAccount(memberId: string): Promise<IssuedAccount>;
    /** POST /members/accounts/bulk with format xlsx: the credentials sheet. */
    issueMemberAccounts(committeeId: number): Promise<DownloadedFile>;
    /** POST /users/{id}/reset-password: a new one-time password. */
    resetUserPassword(userId: string): Promise<IssuedAccount>;
    /** POST /corrections/{id}/approve. */
    approveCorrection(id: string, note?: string): Promise<Correction>;
    /** POST /corrections/{id}/reject. */
    rejectCorrection(id: string, note: string): Promise<Correction>;
    /** POST /auth/password. */
    changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

const url = (path: string) => `${API_URL}${path}`;
const id = (value: string | number) => encodeURIComponent(String(value));

export const dataProvider: AppDataProvider = {
    ...base,
    getList: (resource: string, params: GetListParams) =>
        base.getList(
            resource,
            resource === 'audit-log'
                ? { ...params, filter: auditLogFilter(params.filter) }
                : params
        ),
    create: (resource: string, params: CreateParams) =>
        base.create(resource, {
            ...params,
            data: pickWritable(resource, params.data, 'create'),
        }),
    update: (resource: string, params: UpdateParams) =>
        base.update(resource, { ...params, data: updateBody(resource, params) }),
    updateMany: (resource: string, params: UpdateManyParams) =>
        base.updateMany(resource, {
            ...params,
            data: pickWritable(resource, params.data, 'update'),
        }),

    async getMemberTransfers(memberId) {
        const { json: body } = await httpClient(
            url(`/members/${id(memberId)}/transfers`)
        );
        return body as MemberTransfer[];
    },

    async transferMember(memberId, payload) {
        const { json: body } = await httpClient(
            url(`/members/${id(memberId)}/transfer`),
            json(payload)
        );
        return body as Member;
    },

    async importMembers(file, { dryRun }) {
        const form = new FormData();
        form.append('file', file, file.name);
        // No Content-Type: the browser writes the multipart boundary itself.
        const { json: body } = await httpClient(
            url(`/members/import${dryRun ? '?dryRun=true' : ''}`),
            { method: 'POST', body: form }
        );
        return body as MemberImportResult;
    },

    async exportMembers({ format, filter, sort }) {
        const query = new URLSearchParams({ format });
        if (filter && Object.keys(filter).length > 0) {
            query.set('filter', JSON.stringify(filter));
        }
        if (sort?.field) query.set('sort', JSON.stringify([sort.field, sort.order]));
        const { blob, headers } = await httpClient(
            url(`/members/export?${query}`),
            { responseType: 'blob' }
        );
        return {
            blob: blob!,
            filename: filenameFromDisposition(
                headers,
                `dang-vien-${localIsoDate().replaceAll('-', '')}.${format}`
            ),
        };
    },

    async createMemberAccount(memberId) {
        const { json: body } = await httpClient(
            url(`/members/${id(memberId)}/account`),
            json({})
        );
        return body as IssuedAccount;
    },

    async issueMemberAccounts(committeeId) {
        const { blob, headers } = await httpClient(
            url('/members/accounts/bulk'),
            { ...json({ committeeId, format: 'xlsx' }), responseType: 'blob' }
        );
        return {
            blob: blob!,
            filename: filenameFromDisposition(
                headers,
                `tai-khoan-${committeeId}-${localIsoDate()}.xlsx`
            ),
        };
    },

    async resetUserPassword(userId) {
        const { json: body } = await httpClient(
            url(`/users/${id(userId)}/reset-password`),
            json({})
        );
        return body as IssuedAccount;
    },

    async approveCorrection(correctionId, note) {
        const { json: body } = await httpClient(
            url(`/corrections/${id(correctionId)}/approve`),
            json(note ? { note } : {})
        );
        return body as Correction;
    },

    async rejectCorrection(correctionId, note) {
        const { json: body } = await httpClient(
            url(`/corrections/${id(correctionId)}/reject`),
            json({ note })
        );
        return body as Correction;
    },

    async changePassword(currentPassword, newPassword) {
        await httpClient(
            url('/auth/password'),
            json({ currentPassword, newPassword })
        );
    },
};
