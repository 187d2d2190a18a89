import { AutocompleteArrayInput, FormDataConsumer, ReferenceArrayInput } from 'react-admin';

const filterToQuery = (q: string) => ({ q });

/**
 * The library documents an agenda item or a guidance topic attaches: GET /api/meetings/library for
 * the form's committee, i.e. what that committee's members may read (its own published documents and
 * those of every committee above it). Secretaries, who may not list the documents API, pick from it too.
 */
export const LibraryDocumentsInput = ({ label }: { label: string }) => (
  <FormDataConsumer<{ committeeId?: number }>>
    {({ formData }) => (
      <ReferenceArrayInput
        source="documentIds"
        reference="meetings/library"
        filter={formData.committeeId ? { committeeId: formData.committeeId } : {}}
        sort={{ field: 'publishedAt', order: 'DESC' }}
      >
        <AutocompleteArrayInput label={label} optionText="title" filterToQuery={filterToQuery} fullWidth />
      </ReferenceArrayInput>
    )}
  </FormDataConsumer>
);
