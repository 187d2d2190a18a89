import { Box, Link as MuiLink, Typography } from '@mui/material';
import {
  DeleteWithConfirmButton,
  EditButton,
  FunctionField,
  Labeled,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { ContentStatusField } from '../documents/content';
import { newsCategoryChoices } from './choices';
import { ActionsToolbar } from '../common/ActionsToolbar';

const NewsTitle = () => {
  const record = useRecordContext();
  return <span>{record?.title ?? ''}</span>;
};

const ShowActions = () => (
  <ActionsToolbar>
    <EditButton />
    <DeleteWithConfirmButton mutationMode="pessimistic" />
  </ActionsToolbar>
);

/** The body as members read it (the server stores it sanitised). */
const BodyField = (_props: { label?: string }) => {
  const record = useRecordContext();
  if (!record?.body) return null;
  return (
    <Box
      data-testid="news-body"
      sx={{
        maxWidth: 760,
        '& img': { maxWidth: '100%' },
        '& blockquote': {
          borderLeft: 4,
          borderColor: 'divider',
          ml: 0,
          pl: 2,
          color: 'text.secondary',
        },
      }}
      // Sanitised by the API on save (no scripts, styles, handlers).
      dangerouslySetInnerHTML={{ __html: record.body }}
    />
  );
};

const SourceField = (_props: { label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.sourced) {
    return <Typography variant="body2">{translate('resources.news.own_item')}</Typography>;
  }
  return (
    <Typography variant="body2">
      {record.sourceName}{' '}
      {record.sourceUrl && (
        <MuiLink href={record.sourceUrl} target="_blank" rel="noopener noreferrer">
          {record.sourceUrl}
        </MuiLink>
      )}
    </Typography>
  );
};

export const NewsShow = () => (
  <Show title={<NewsTitle />} actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="title" variant="h6" />
      <FunctionField
        source="coverImageUrl"
        render={(record) =>
          record.coverImageUrl ? (
            <Box component="img" src={record.coverImageUrl} alt="" sx={{ maxWidth: 480, maxHeight: 260, borderRadius: 1 }} />
          ) : (
            '—'
          )
        }
      />
      <TextField source="summary" />
      <Labeled label="resources.news.fields.body">
        <BodyField />
      </Labeled>
      <SelectField source="category" choices={newsCategoryChoices} />
      <Labeled label="resources.news.fields.sourced">
        <SourceField />
      </Labeled>
      <TextField source="committeeName" />
      <ContentStatusField source="status" />
      <LocaleDateField source="publishedAt" showTime emptyText="—" />
      <LocaleDateField source="updatedAt" showTime />
    </SimpleShowLayout>
  </Show>
);
