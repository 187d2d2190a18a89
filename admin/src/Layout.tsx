import LockIcon from '@mui/icons-material/Lock';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { forwardRef, type ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { AppBar, Layout as RaLayout, Logout, UserMenu, useGetIdentity, useTranslate, useUserMenu } from 'react-admin';
import { CHANGE_PASSWORD_PATH } from './authProvider';
import { Menu } from './Menu';
import { RecordBreadcrumbs } from './common/Breadcrumbs';

const ChangePasswordMenuItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem component={Link} to={CHANGE_PASSWORD_PATH} ref={ref} onClick={() => userMenu?.onClose()} {...props}>
      <ListItemIcon>
        <LockIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('app.menu.change_password')}</ListItemText>
    </MenuItem>
  );
});

const AppUserMenu = () => (
  <UserMenu>
    <ChangePasswordMenuItem />
    <Logout />
  </UserMenu>
);

/**
 * On a phone the page title may take two lines at a smaller size (a meeting's title is long) instead of
 * being cut to its first words, and the language button gives it the room of its label; elsewhere both
 * stay as react-admin draws them.
 */
const AppAppBar = () => (
  <AppBar
    userMenu={<AppUserMenu />}
    sx={(theme) => ({
      '& #react-admin-title': {
        [theme.breakpoints.down('sm')]: {
          whiteSpace: 'normal',
          display: '-webkit-box',
          WebkitLineClamp: 2,
          WebkitBoxOrient: 'vertical',
          fontSize: '0.95rem',
          lineHeight: 1.25,
          // Chromium no longer clamps this box by -webkit-line-clamp alone (a long record title took 4
          // lines and the bar grew over the page's first lines): two lines' height at most
          maxHeight: '2.5em',
        },
      },
      // the language button keeps its icons on a phone, not the language's name
      '& button[aria-controls="simple-menu"]': { [theme.breakpoints.down('sm')]: { fontSize: 0, minWidth: 0 } },
    })}
  />
);

/**
 * While the account must change its password, every page but that one is
 * refused by the API: go there at once rather than through a failed call.
 */
const PasswordChangeGate = ({ children }: { children: ReactNode }) => {
  const { identity } = useGetIdentity();
  const location = useLocation();
  if (identity?.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return <>{children}</>;
};

/**
 * The content column may shrink below its widest child (a chart measures its box, a table its
 * columns): without `minWidth: 0` a flex item grows to its content and the page scrolls sideways on a phone.
 */
export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout
    menu={Menu}
    appBar={AppAppBar}
    sx={{ minWidth: 0, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } }}
  >
    <PasswordChangeGate>
      <RecordBreadcrumbs />
      {children}
    </PasswordChangeGate>
  </RaLayout>
);
