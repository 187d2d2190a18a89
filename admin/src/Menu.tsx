import AccountTreeIcon from '@mui/icons-material/AccountTree';
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import LockIcon from '@mui/icons-material/Lock';
import TimelineIcon from '@mui/icons-material/Timeline';
import UploadIcon from '@mui/icons-material/Upload';
import { Menu as RaMenu, useGetIdentity, usePermissions } from 'react-admin';
import { CHANGE_PASSWORD_PATH } from './authProvider';
import { can } from './permissions';
import { COMMITTEE_TREE_PATH, ISSUE_MEMBER_ACCOUNTS_PATH, MEMBER_IMPORT_PATH, ROLLOUT_PATH } from './paths';

/**
 * The resources the role was given (App.tsx), then the pages that are not a
 * resource list. An account that must change its password sees only the page
 * that changes it.
 */
export const Menu = () => {
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  if (identity?.mustChangePassword) {
    return (
      <RaMenu>
        <RaMenu.Item to={CHANGE_PASSWORD_PATH} primaryText="app.menu.change_password" leftIcon={<LockIcon />} />
      </RaMenu>
    );
  }
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <RaMenu.ResourceItems />
      {can.manageMembers(permissions) && (
        <RaMenu.Item to={MEMBER_IMPORT_PATH} primaryText="app.menu.import_members" leftIcon={<UploadIcon />} />
      )}
      {can.issueMemberAccounts(permissions) && (
        <RaMenu.Item to={ISSUE_MEMBER_ACCOUNTS_PATH} primaryText="app.menu.issue_accounts" leftIcon={<GroupAddIcon />} />
      )}
      {can.manageCommittees(permissions) && (
        <RaMenu.Item to={COMMITTEE_TREE_PATH} primaryText="resources.committees.tree.menu" leftIcon={<AccountTreeIcon />} />
      )}
      {can.manageRollout(permissions) && <RaMenu.Item to={ROLLOUT_PATH} primaryText="app.rollout.menu" leftIcon={<TimelineIcon />} />}
    </RaMenu>
  );
};
