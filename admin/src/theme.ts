import {
    defaultDarkTheme,
    defaultLightTheme,
    type RaThemeOptions,
} from 'react-admin';

/** react-admin's default themes in the Party's red and gold. */
export const lightTheme: RaThemeOptions = {
    ...defaultLightTheme,
    palette: {
        ...defaultLightTheme.palette,
        primary: { main: '#b71c1c' },
        secondary: { main: '#c62828', contrastText: '#fff' },
    },
};

export const darkTheme: RaThemeOptions = {
    ...defaultDarkTheme,
    palette: {
        ...defaultDarkTheme.palette,
        primary: { main: '#ef9a9a' },
        secondary: { main: '#ffca28' },
    },
};
