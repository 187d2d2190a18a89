import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { AppDataProvider } from '../dataProvider';
import type { UserAccount } from '../types';
import { isLocked } from './fields';

/**
 * "Mở khóa đăng nhập": POST /users/{id}/unlock, for an account locked
 * after repeated wrong passwords. Shown only while the lock holds.
 */
export const UnlockButton = () => {
  const record = useRecordContext<UserAccount>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();

  if (!record || !isLocked(record)) return null;

  return (
    <ConfirmActionButton
      label="resources.users.unlock.button"
      title="resources.users.unlock.confirm_title"
      titleTranslateOptions={{ name: record.fullName || record.username }}
      content="resources.users.unlock.confirm_content"
      icon={<LockOpenIcon />}
      action={async () => {
        await dataProvider.unlockUser(String(record.id));
        notify('resources.users.unlock.success', { type: 'success' });
        refresh();
      }}
    />
  );
};
