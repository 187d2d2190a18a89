import LockResetIcon from '@mui/icons-material/LockReset';
import { useState } from 'react';
import { useDataProvider, useGetIdentity, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import { OneTimePasswordDialog, type IssuedCredentials } from '../common/OneTimePasswordDialog';
import type { AppDataProvider } from '../dataProvider';
import type { UserAccount } from '../types';

/**
 * "Đặt lại mật khẩu": POST /users/{id}/reset-password. The new one-time
 * password is shown once, with a copy button; the account's sessions end.
 * One's own password is changed on the change-password page instead.
 */
export const ResetPasswordButton = () => {
  const record = useRecordContext<UserAccount>();
  const { identity } = useGetIdentity();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);

  if (!record || record.id === identity?.id) return null;

  return (
    <>
      <ConfirmActionButton
        label="resources.users.reset.button"
        title="resources.users.reset.confirm_title"
        titleTranslateOptions={{ name: record.fullName || record.username }}
        content="resources.users.reset.confirm_content"
        icon={<LockResetIcon />}
        action={async () => {
          const result = await dataProvider.resetUserPassword(String(record.id));
          notify('resources.users.reset.success', { type: 'success' });
          setIssued({ username: result.user.username, password: result.initialPassword ?? '', fullName: result.user.fullName });
        }}
      />
      <OneTimePasswordDialog
        credentials={issued}
        onClose={() => {
          setIssued(null);
          // mustChangePassword is now set on the account
          refresh();
        }}
      />
    </>
  );
};
