import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import committees from './committees';
import { Dashboard } from './Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { LoginPage } from './LoginPage';
import { darkTheme, lightTheme } from './theme';

// No `requireAuth`: with it, the first visit of a logged-out user can spin for
// seconds in a logout/redirect loop (upstream race between useLogout's store
// reset and the navigation, marmelab/react-admin#10764), seen here with
// react-admin 5.15.4 + react-router 7. Every route still checks the session.
export const App = () => (
    <Admin
        title="Sổ tay Đảng viên điện tử"
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        dashboard={Dashboard}
        loginPage={LoginPage}
        theme={lightTheme}
        darkTheme={darkTheme}
        disableTelemetry
    >
        <Resource name="committees" {...committees} />
    </Admin>
);
