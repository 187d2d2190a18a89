import { Box, Typography } from '@mui/material';
import {
  BooleanInput,
  FormDataConsumer,
  RadioButtonGroupInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  regex,
  required,
  useTranslate,
  type SimpleFormProps,
} from 'react-admin';
import { CommitteeInput, contentStatusChoices, homeCommitteeId } from '../documents/content';
import { newsCategoryChoices } from './choices';
import { ContentRichTextInput } from './ContentRichTextInput';

// Limits of the API's CreateNewsDto.
const validateTitle = [required(), maxLength(500)];
const validateSummary = [required(), maxLength(2000)];
const requiredValidator = required();
const HTTP_URL = /^https?:\/\/\S+$/i;
const validateCover = [maxLength(1000), regex(/^(https?:\/\/\S+|\/api\/\S+)$/i, 'resources.news.validation.cover_url')];
const validateSourceName = [maxLength(255)];
const validateSourceUrl = [maxLength(1000), regex(HTTP_URL, 'resources.news.validation.source_url')];

/** An editor left empty still holds "<p></p>". */
const validateBody = (value: string | null | undefined) => {
  const html = value ?? '';
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .trim();
  if (!text && !/<img\s/i.test(html)) return 'ra.validation.required';
  if (html.length > 200000) {
    return { message: 'ra.validation.maxLength', args: { max: 200000 } };
  }
  return undefined;
};

/** The cover image as it will look, under its URL. */
const CoverPreview = ({ url }: { url?: string | null }) => {
  const translate = useTranslate();
  if (!url || !(HTTP_URL.test(url) || url.startsWith('/api/'))) return null;
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {translate('resources.news.cover_preview')}
      </Typography>
      <Box
        component="img"
        src={url}
        alt={translate('resources.news.cover_preview')}
        data-testid="news-cover-preview"
        sx={{
          maxWidth: 360,
          maxHeight: 200,
          objectFit: 'cover',
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
        }}
      />
    </Box>
  );
};

/** Outlet and link, shown (and required by the API) for a sourced item. */
const SourceInputs = () => (
  <FormDataConsumer>
    {({ formData }) =>
      formData.sourced && (
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }}>
          <TextInput
            source="sourceName"
            validate={validateSourceName}
            helperText="resources.news.helpers.sourceName"
            sx={{ minWidth: 280 }}
          />
          <TextInput
            source="sourceUrl"
            validate={validateSourceUrl}
            helperText="resources.news.helpers.sourceUrl"
            sx={{ flex: 1, minWidth: 320 }}
          />
        </Box>
      )
    }
  </FormDataConsumer>
);

/**
 * An item no longer sourced drops its source; the server decides whether a
 * sourced one lacks it (400 with errors on sourceName/sourceUrl).
 */
export const cleanNews = (data: Record<string, any>) => (data.sourced ? data : { ...data, sourceName: null, sourceUrl: null });

/** Inputs shared by the create and edit views. */
export const NewsForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm
    defaultValues={{
      status: 'draft',
      category: 'party_building',
      committeeId: homeCommitteeId(),
      sourced: false,
    }}
    {...props}
  >
    <TextInput source="title" validate={validateTitle} fullWidth />
    <TextInput source="summary" validate={validateSummary} multiline minRows={2} fullWidth helperText="resources.news.helpers.summary" />
    <ContentRichTextInput source="body" validate={validateBody} />
    <SelectInput source="category" choices={newsCategoryChoices} validate={requiredValidator} />
    <TextInput source="coverImageUrl" validate={validateCover} helperText="resources.news.helpers.coverImageUrl" fullWidth />
    <FormDataConsumer>{({ formData }) => <CoverPreview url={formData.coverImageUrl} />}</FormDataConsumer>
    <BooleanInput source="sourced" helperText="resources.news.helpers.sourced" />
    <SourceInputs />
    <CommitteeInput helperText="resources.news.helpers.committeeId" />
    <RadioButtonGroupInput source="status" choices={contentStatusChoices} helperText="resources.news.helpers.status" />
  </SimpleForm>
);
