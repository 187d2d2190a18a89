import { ThemeProvider, type Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import type { ToolbarProps } from '@mui/material';
import { TopToolbar } from 'react-admin';

/** A media query that never matches (`useMediaQuery` reads it as `not all`). */
const NEVER = '@media not all';

/**
 * The theme of a toolbar whose buttons keep their words on a phone. react-admin's Button shows only
 * its icon under `sm` (600 px), CreateButton becomes a floating icon under `md`: both ask
 * `theme.breakpoints.down('sm' | 'md')`, which inside this theme never matches, so they draw the
 * icon beside the words at every width. Everything else keeps the page's breakpoints: a dialog a
 * toolbar button opens sizes itself by the real ones (numeric queries and `values` are untouched).
 */
const themes = new WeakMap<Theme, Theme>();
const labelledButtons = (outer: Theme): Theme => {
  let theme = themes.get(outer);
  if (!theme) {
    const down = outer.breakpoints.down;
    theme = { ...outer, breakpoints: { ...outer.breakpoints, down: (key) => (key === 'sm' || key === 'md' ? NEVER : down(key)) } };
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
