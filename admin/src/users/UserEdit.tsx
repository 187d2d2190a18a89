import { Edit, ListButton, TopToolbar, useRecordContext } from 'react-admin';
import type { UserAccount } from '../types';
import { ResetPasswordButton } from './ResetPasswordButton';
import { UnlockButton } from './UnlockButton';
import { UserEditForm } from './UserForm';

const EditActions = () => (
  <TopToolbar>
    <ListButton />
    <UnlockButton />
    <ResetPasswordButton />
  </TopToolbar>
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
