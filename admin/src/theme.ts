import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's default themes in the Party's red and gold. */
/** Wide enough for the Vietnamese menu labels ("Cấp tài khoản Đảng viên"). */
const sidebar = { width: 280, closedWidth: 50 };

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  sidebar,
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#b71c1c' },
    secondary: { main: '#c62828', contrastText: '#fff' },
  },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  sidebar,
  palette: {
    ...defaultDarkTheme.palette,
    primary: { main: '#ef9a9a' },
    secondary: { main: '#ffca28' },
  },
};
