import KeyIcon from '@mui/icons-material/VpnKey';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useNotify, usePermissions, useRefresh } from 'react-admin';
import { errorMessage } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import { saveFile } from '../download';
import { can } from '../permissions';

/**
 * Accounts for the chosen members (those without one), as the credentials sheet to print: the same
 * issuing as the "Cấp tài khoản Đảng viên" page, for the rows ticked in the list. All or nothing.
 */
export const IssueSelectedAccountsButton = () => {
  const { selectedIds, onUnselectItems } = useListContext();
  const { permissions } = usePermissions();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!can.issueMemberAccounts(permissions)) return null;

  const issue = async () => {
    setBusy(true);
    try {
      const file = await dataProvider.issueSelectedAccounts(selectedIds.map(String));
      saveFile(file);
      notify('resources.members.bulk.accounts_issued', { type: 'success', messageArgs: { filename: file.filename } });
      onUnselectItems();
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button label="resources.members.bulk.issue_accounts" onClick={issue} disabled={busy}>
      <KeyIcon />
    </Button>
  );
};
