import { ApiError } from '../common/errors.js';

export const AccountErrors = {
  userNotFound: () => ApiError.notFound('User'),
  accountExists: () => ApiError.conflict('ACCOUNT_EXISTS', 'The member already has an account; reset its password or reactivate it instead'),
  usernameTaken: () => ApiError.conflict('USERNAME_TAKEN', 'Another account already has this username'),
  /** 403: the role asked for (or the role of the account to change) has more reach than the caller's. */
  roleNotGrantable: () =>
    new ApiError(403, 'ROLE_NOT_GRANTABLE', 'Nobody creates or manages an account with more reach than their own'),
  /** 400 like a missing committee: out of scope is indistinguishable from not found. */
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeRequired: () => ApiError.validation({ committeeId: 'a home committee is required for this role' }),
  wholeTreeOnly: () =>
    ApiError.validation({ committeeId: 'only an admin of the whole tree gives an account the whole tree (no home committee)' }),
  homeCommittee: (problem: string) => ApiError.validation({ committeeId: problem }),
  memberAccountField: (field: string) =>
    ApiError.validation({ [field]: 'a member account follows its member record; only isActive can be changed here' }),
  ownAccount: () =>
    ApiError.conflict('OWN_ACCOUNT', "Your own role, home committee, activity and password reset are decided by someone else"),
};
