import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useState } from 'react';
import { useDataProvider, useNotify, useRecordContext } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import { OneTimePasswordDialog, type IssuedCredentials } from '../common/OneTimePasswordDialog';
import type { AppDataProvider } from '../dataProvider';
import type { Member } from '../types';

/**
 * "Tạo tài khoản": the member's mobile-app login (POST /members/{id}/account).
 * The generated initial password is shown once; a member who already has an
 * account answers 409 ACCOUNT_EXISTS (shown as a message).
 */
export const CreateAccountButton = () => {
  const record = useRecordContext<Member>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);

  if (!record || record.endState) return null;

  return (
    <>
      <ConfirmActionButton
        label="resources.members.account.button"
        title="resources.members.account.confirm_title"
        titleTranslateOptions={{ name: record.fullName }}
        content="resources.members.account.confirm_content"
        icon={<PersonAddIcon />}
        action={async () => {
          const result = await dataProvider.createMemberAccount(String(record.id));
          notify('resources.members.account.success', { type: 'success' });
          setIssued({ username: result.user.username, password: result.initialPassword ?? '', fullName: result.user.fullName });
        }}
      />
      <OneTimePasswordDialog credentials={issued} onClose={() => setIssued(null)} />
    </>
  );
};
