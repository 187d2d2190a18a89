import { ApiError } from '../common/errors.js';

/**
 * The codes the accounts module answers besides the generic ones of common/errors.ts (NOT_FOUND,
 * VALIDATION_FAILED, FORBIDDEN, INVALID_LIST_QUERY).
 */
export enum AccountErrorCode {
  AccountExists = 'ACCOUNT_EXISTS',
  UsernameTaken = 'USERNAME_TAKEN',
  RoleNotGrantable = 'ROLE_NOT_GRANTABLE',
  OwnAccount = 'OWN_ACCOUNT',
}

export const AccountErrors = {
  userNotFound: () => ApiError.notFound('User'),
  accountExists: () =>
    ApiError.conflict(AccountErrorCode.AccountExists, 'The member already has an account; reset its password or reactivate it instead'),
  usernameTaken: () => ApiError.conflict(AccountErrorCode.UsernameTaken, 'Another account already has this username'),
  /** 403: the role asked for (or the role of the account to change) has more reach than the caller's. */
  roleNotGrantable: () =>
    new ApiError(403, AccountErrorCode.RoleNotGrantable, 'Nobody creates or manages an account with more reach than their own'),
  /** 400 like a missing committee: out of scope is indistinguishable from not found. */
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeRequired: () => ApiError.validation({ committeeId: 'a home committee is required for this role' }),
  wholeTreeOnly: () =>
    ApiError.validation({ committeeId: 'only an admin of the whole tree gives an account the whole tree (no home committee)' }),
  homeCommittee: (problem: string) => ApiError.validation({ committeeId: problem }),
  memberAccountField: (field: string) =>
    ApiError.validation({ [field]: 'a member account follows its member record; only isActive can be changed here' }),
  /** A staff account cannot be given the role `member`: member accounts come from the member record. */
  memberRoleNotGiven: () =>
    ApiError.validation({ role: 'member accounts are created from the member record (POST /api/members/{id}/account)' }),
  /** A chosen password that fails the password policy (config/password-policy.ts). */
  weakPassword: (problem: string) => ApiError.validation({ password: problem }),
  ownAccount: () =>
    ApiError.conflict(
      AccountErrorCode.OwnAccount,
      'Your own role, home committee, activity and password reset are decided by someone else',
    ),
};
