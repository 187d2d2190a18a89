import PublishIcon from '@mui/icons-material/Publish';
import UnpublishedIcon from '@mui/icons-material/UnpublishedOutlined';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useNotify, useRefresh } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { errorMessage } from './errors';

/**
 * The bulk buttons of a content list (documents, news): publish or unpublish every chosen row in one
 * call, all or nothing; each record is published as if alone (scope, rules, audit, members told).
 */
export const BulkStatusButtons = ({ resource }: { resource: 'documents' | 'news' }) => {
  const { selectedIds, onUnselectItems } = useListContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);

  const run = async (status: 'published' | 'draft') => {
    setBusy(true);
    try {
      const result = await dataProvider.setStatusOfMany(resource, selectedIds.map(String), status);
      notify(`app.bulk.${status === 'published' ? 'published' : 'unpublished'}`, {
        type: 'success',
        messageArgs: { smart_count: result.changed, unchanged: result.unchanged },
      });
      onUnselectItems();
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button label="app.bulk.publish" onClick={() => run('published')} disabled={busy}>
        <PublishIcon />
      </Button>
      <Button label="app.bulk.unpublish" onClick={() => run('draft')} disabled={busy}>
        <UnpublishedIcon />
      </Button>
    </>
  );
};
