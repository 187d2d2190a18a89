import GroupAddIcon from '@mui/icons-material/GroupAdd';
import UploadIcon from '@mui/icons-material/Upload';
import { Menu as RaMenu, useGetIdentity, usePermissions } from 'react-admin';
import { MEMBER_IMPORT_PATH } from './members/MemberImportPage';
import { can } from './permissions';
import { ISSUE_MEMBER_ACCOUNTS_PATH } from './users/IssueMemberAccountsPage';

/**
 * The resources the role was given (App.tsx), then the pages that are not a
 * resource list. An account that must change its password sees nothing else
 * to click.
 */
export const Menu = () => {
    const { permissions } = usePermissions();
    const { identity } = useGetIdentity();
    if (identity?.mustChangePassword) return <RaMenu />;
    return (
        <RaMenu>
            <RaMenu.DashboardItem />
            <RaMenu.ResourceItems />
            {can.manageMembers(permissions) && (
                <RaMenu.Item
                    to={MEMBER_IMPORT_PATH}
                    primaryText="app.menu.import_members"
                    leftIcon={<UploadIcon />}
                />
            )}
            {can.issueMemberAccounts(permissions) && (
                <RaMenu.Item
                    to={ISSUE_MEMBER_ACCOUNTS_PATH}
                    primaryText="app.menu.issue_accounts"
                    leftIcon={<GroupAddIcon />}
                />
            )}
        </RaMenu>
    );
};
