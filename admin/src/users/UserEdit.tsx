import { Edit, ListButton, useRecordContext } from 'react-admin';
import type { UserAccount } from '../types';
import { ResetPasswordButton } from './ResetPasswordButton';
import { UnlockButton } from './UnlockButton';
import { UserEditForm } from './UserForm';
import { ActionsToolbar } from '../common/ActionsToolbar';

const EditActions = () => (
  <ActionsToolbar>
    <ListButton />
    <UnlockButton />
    <ResetPasswordButton />
  </ActionsToolbar>
);

const UserTitle = () => {
  const record = useRecordContext<UserAccount>();
  return <span>{record ? `${record.fullName} (${record.username})` : ''}</span>;
};

/** Pessimistic, so that a refusal (403, 409) leaves the form as it was. */
export const UserEdit = () => (
  <Edit mutationMode="pessimistic" actions={<EditActions />} title={<UserTitle />} redirect="list">
    <UserEditForm />
  </Edit>
);
