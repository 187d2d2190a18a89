import { LinearProgress } from '@mui/material';
import { lazy, Suspense, type ComponentProps } from 'react';

// The editor (tiptap and ProseMirror, about a third of the libraries) loads
// with the first content form, not with the login page: see vite.config.ts.
const Editor = lazy(() => import('./NewsBodyInput').then((m) => ({ default: m.ContentRichTextInput })));

/** The rich-text body of news items and FAQ answers, loaded on first use. */
export const ContentRichTextInput = (props: ComponentProps<typeof Editor>) => (
  <Suspense fallback={<LinearProgress sx={{ my: 2 }} />}>
    <Editor {...props} />
  </Suspense>
);
