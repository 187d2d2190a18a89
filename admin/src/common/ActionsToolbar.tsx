import { createTheme, ThemeProvider, type Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import type { ToolbarProps } from '@mui/material';
import { TopToolbar } from 'react-admin';

/**
 * The theme of a toolbar whose buttons keep their words on a phone. react-admin's Button shows
 * only its icon under `sm` (600 px) and CreateButton becomes a floating icon under `md`; both ask
 * the theme's breakpoints, so inside this theme (the page's, with every breakpoint below `lg` at
 * 0 px) they draw the icon beside the words at every width. The rest of the page keeps the real
 * breakpoints (phone cards, the menu).
 */
const themes = new WeakMap<Theme, Theme>();
const labelledButtons = (outer: Theme): Theme => {
  let theme = themes.get(outer);
  if (!theme) {
    const { lg, xl } = outer.breakpoints.values;
    theme = { ...outer, breakpoints: createTheme({ breakpoints: { values: { xs: 0, sm: 0, md: 0, lg, xl } } }).breakpoints };
    themes.set(outer, theme);
  }
  return theme;
};

/** Buttons inside keep their labels on a phone (see labelledButtons). */
export const LabelledButtons = ({ children }: { children: ReactNode }) => <ThemeProvider theme={labelledButtons}>{children}</ThemeProvider>;

/**
 * The toolbar of every list (and record page): react-admin's TopToolbar whose buttons keep their
 * labels on a phone, wrapping onto a second line rather than running off a 390 px screen.
 */
export const ActionsToolbar = ({ children, sx, ...props }: ToolbarProps) => (
  <LabelledButtons>
    <TopToolbar
      {...props}
      sx={[
        { flexWrap: 'wrap', whiteSpace: 'normal', justifyContent: 'flex-end', rowGap: 1, px: { xs: 1, sm: 0 } },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      {children}
    </TopToolbar>
  </LabelledButtons>
);
