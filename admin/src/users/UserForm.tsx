import { Alert } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  Link,
  PasswordInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  minLength,
  required,
  useCreatePath,
  useGetIdentity,
  usePermissions,
  useRecordContext,
  useTranslate,
  type SimpleFormProps,
} from 'react-admin';
import { committeeOptionText } from '../committees/choices';
import { grantableRoles } from '../permissions';
import type { Role, UserAccount } from '../types';
import { roleChoices } from './choices';

const filterToQuery = (q: string) => ({ q });
const requiredValidator = required();
const validateUsername = [required(), minLength(3), maxLength(64)];
const validateName = [required(), maxLength(255)];
const validatePassword = [required(), minLength(10), maxLength(256)];

/** The password must not contain the username (the API's policy). */
const validateForm = (values: Partial<UserAccount & { password: string }>) => {
  const errors: Record<string, string> = {};
  if (values.password && values.username && values.password.toLowerCase().includes(values.username.toLowerCase())) {
    errors.password = 'resources.users.helpers.password';
  }
  return errors;
};

/** No delete: accounts are deactivated, never removed. */
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const MemberAccountNotice = () => {
  const record = useRecordContext<UserAccount>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (record?.role !== 'member') return null;
  return (
    <Alert severity="info" sx={{ mb: 2, width: '100%' }}>
      {translate('resources.users.helpers.member_account')}{' '}
      {record.memberId && (
        <Link
          to={createPath({
            resource: 'members',
            id: record.memberId,
            type: 'show',
          })}
        >
          {translate('resources.users.open_member')}
        </Link>
      )}
    </Alert>
  );
};

/**
 * The role picker offers what the caller may grant (the API refuses the rest
 * with 403 ROLE_NOT_GRANTABLE). An account's current role stays listed so
 * that the form shows it even when the caller could not grant it.
 */
const RoleInput = ({ disabled }: { disabled?: boolean }) => {
  const { permissions } = usePermissions();
  const record = useRecordContext<UserAccount>();
  const roles: Role[] = grantableRoles(permissions);
  if (record?.role && !roles.includes(record.role)) roles.push(record.role);
  return (
    <SelectInput
      source="role"
      choices={roleChoices(roles)}
      validate={requiredValidator}
      helperText="resources.users.helpers.role"
      disabled={disabled}
    />
  );
};

const CommitteeInput = ({ disabled }: { disabled?: boolean }) => (
  <ReferenceInput source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput
      optionText={committeeOptionText}
      filterToQuery={filterToQuery}
      helperText="resources.users.helpers.committeeId"
      disabled={disabled}
      fullWidth
    />
  </ReferenceInput>
);

/** Create: username, initial password, name, role, home committee. */
export const UserCreateForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm validate={validateForm} toolbar={<SaveOnlyToolbar />} {...props}>
    <TextInput source="username" validate={validateUsername} autoComplete="off" />
    <PasswordInput
      source="password"
      validate={validatePassword}
      helperText="resources.users.helpers.password"
      autoComplete="new-password"
    />
    <TextInput source="fullName" validate={validateName} />
    <RoleInput />
    <CommitteeInput />
  </SimpleForm>
);

/**
 * Edit: a member account takes only `isActive`; one's own role, home and
 * activity are decided by someone else (409 OWN_ACCOUNT).
 */
export const UserEditForm = (props: Omit<SimpleFormProps, 'children'>) => {
  const record = useRecordContext<UserAccount>();
  const { identity } = useGetIdentity();
  const isMember = record?.role === 'member';
  const isSelf = record != null && record.id === identity?.id;
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />} {...props}>
      <MemberAccountNotice />
      <TextInput source="username" disabled />
      <TextInput source="fullName" validate={validateName} disabled={isMember} />
      <RoleInput disabled={isMember || isSelf} />
      <CommitteeInput disabled={isMember || isSelf} />
      <BooleanInput source="isActive" helperText="resources.users.helpers.isActive" disabled={isSelf} />
    </SimpleForm>
  );
};
