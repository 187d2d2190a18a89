import KeyIcon from '@mui/icons-material/VpnKey';
import { Button, useDataProvider, usePermissions } from 'react-admin';
import { useBulkAction } from '../common/useBulkAction';
import type { AppDataProvider } from '../dataProvider';
import { saveFile } from '../download';
import { can } from '../permissions';

/**
 * Accounts for the chosen members (those without one), as the credentials sheet to print: the same
 * issuing as the "Cấp tài khoản Đảng viên" page, for the rows ticked in the list. All or nothing.
 */
export const IssueSelectedAccountsButton = () => {
  const { permissions } = usePermissions();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { busy, run } = useBulkAction();
  if (!can.issueMemberAccounts(permissions)) return null;

  const issue = () =>
    run(async (ids) => {
      const file = await dataProvider.issueSelectedAccounts(ids);
      saveFile(file);
      return { message: 'resources.members.bulk.accounts_issued', messageArgs: { filename: file.filename } };
    });

  return (
    <Button label="resources.members.bulk.issue_accounts" onClick={issue} disabled={busy}>
      <KeyIcon />
    </Button>
  );
};
