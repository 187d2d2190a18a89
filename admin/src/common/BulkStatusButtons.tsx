import PublishIcon from '@mui/icons-material/Publish';
import UnpublishedIcon from '@mui/icons-material/UnpublishedOutlined';
import { Button, useDataProvider } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { useBulkAction } from './useBulkAction';

/**
 * The bulk buttons of a content list (documents, news): publish or unpublish every chosen row in one
 * call, all or nothing; each record is published as if alone (scope, rules, audit, members told).
 */
export const BulkStatusButtons = ({ resource }: { resource: 'documents' | 'news' }) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const { busy, run } = useBulkAction();

  const setStatus = (status: 'published' | 'draft') =>
    run(async (ids) => {
      const result = await dataProvider.setStatusOfMany(resource, ids, status);
      return {
        message: `app.bulk.${status === 'published' ? 'published' : 'unpublished'}`,
        messageArgs: { smart_count: result.changed, unchanged: result.unchanged },
      };
    });

  return (
    <>
      <Button label="app.bulk.publish" onClick={() => setStatus('published')} disabled={busy}>
        <PublishIcon />
      </Button>
      <Button label="app.bulk.unpublish" onClick={() => setStatus('draft')} disabled={busy}>
        <UnpublishedIcon />
      </Button>
    </>
  );
};
