import { Alert, Divider, Tab, Tabs } from '@mui/material';
import { Fragment, type ReactNode, type SyntheticEvent } from 'react';
import { useListContext, useTranslate } from 'react-admin';

/** `filter.source` of the content lists (the API's withContentSource, src/common/admin-list.ts): the subtree's own, or what came from above. */
export type ContentSource = 'own' | 'above';

/**
 * Two tabs over a content list (FAQ entries, surveys, documents, news): what the caller's unit published, which they
 * edit, and what the committees above sent their members (`source=above`: read only, marked with
 * the committee it came from). Without the second, a district is told it has no FAQ although the
 * province's entries answer its members (issue 19 item 10).
 */
export const ContentSourceTabs = ({ children }: { children: (source: ContentSource) => ReactNode }) => {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const source: ContentSource = filterValues.source === 'above' ? 'above' : 'own';
  const change = (_event: SyntheticEvent, value: ContentSource) => {
    const { source: _previous, ...rest } = filterValues as Record<string, unknown>;
    setFilters(value === 'above' ? { ...rest, source: 'above' } : rest, displayedFilters);
  };
  return (
    <Fragment>
      <Tabs variant="fullWidth" value={source} onChange={change} aria-label={translate('app.content_source.label')}>
        <Tab value="own" label={translate('app.content_source.own')} />
        <Tab value="above" label={translate('app.content_source.above')} data-testid="content-source-above" />
      </Tabs>
      <Divider />
      {source === 'above' && (
        <Alert severity="info" sx={{ borderRadius: 0 }}>
          {translate('app.content_source.above_hint')}
        </Alert>
      )}
      {children(source)}
    </Fragment>
  );
};
