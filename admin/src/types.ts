/** Shapes of the API contract shared by the providers and the views. */

export const ROLES = [
    'admin',
    'committee_admin',
    'secretary',
    'editor',
    'member',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles allowed into the dashboard; `member` uses the mobile app. */
export const STAFF_ROLES: readonly Role[] = [
    'admin',
    'committee_admin',
    'secretary',
    'editor',
];

export interface AuthUser {
    /** uuid */
    id: string;
    username: string;
    fullName: string;
    role: Role;
    committeeId: number | null;
    committeeName: string | null;
    /** uuid of the member record of a `member` account (null for staff). */
    memberId?: string | null;
    mustChangePassword: boolean;
}

export interface AuthResponse {
    accessToken: string;
    refreshToken: string;
    user: AuthUser;
}

/** Error body of every failed API call. */
export interface ApiErrorBody {
    statusCode: number;
    code?: string;
    message?: string | string[];
    errors?: Record<string, string>;
    requestId?: string;
}

export const COMMITTEE_KINDS = [
    'central',
    'province',
    'subordinate',
    'grassroots',
    'branch',
] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

export const COMMITTEE_PHASES = [
    'not_started',
    'trial',
    'pilot',
    'live',
    'on_hold',
] as const;
export type CommitteePhase = (typeof COMMITTEE_PHASES)[number];

export interface Committee {
    id: number;
    name: string;
    code: string;
    kind: CommitteeKind;
    parentId: number | null;
    /** Read-only materialised path of ids, e.g. "1.5.23". */
    path: string;
    depth: number;
    childCount: number;
    phase: CommitteePhase;
    /** YYYY-MM-DD */
    phaseStartedAt: string | null;
    /** 0..1 */
    targetInstallRate: number | null;
    createdAt: string;
    updatedAt: string;
}
