import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ArrayInput,
  AutocompleteInput,
  Form,
  Loading,
  NumberInput,
  ReferenceInput,
  ResourceContextProvider,
  SaveButton,
  SimpleFormIterator,
  TextInput,
  Title,
  maxLength,
  maxValue,
  minValue,
  required,
  useDataProvider,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useSearchParams } from 'react-router';
import { fieldErrors } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import { committeeOptionText } from '../committees/choices';
import { homeCommitteeId, useNotifyApiError } from '../documents/content';
import type { MeetingTemplate } from './types';
import { VietnamTimeInput } from '../common/DateInputs';

const validateDay = [required(), minValue(1), maxValue(28)];
const validateDuration = [required(), minValue(15), maxValue(720)];
const validateTime = [
  required(),
  (value: unknown) => (typeof value === 'string' && /^\d{2}:\d{2}$/.test(value) ? undefined : 'ra.validation.required'),
];
const validateTitle = [required(), maxLength(500)];

const filterToQuery = (q: string) => ({ q });

/** Picks the committee whose template is shown (staff above a branch); a secretary has their branch. */
const CommitteePicker = ({ committeeId, onChange }: { committeeId?: number; onChange: (id: number) => void }) => (
  <Form defaultValues={{ committeeId }} onSubmit={() => undefined}>
    <Box sx={{ maxWidth: 480 }}>
      <ReferenceInput source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput
          label="resources.meetings.fields.committeeId"
          optionText={committeeOptionText}
          filterToQuery={filterToQuery}
          onChange={(value: unknown) => Number(value) > 0 && onChange(Number(value))}
        />
      </ReferenceInput>
    </Box>
  </Form>
);

/**
 * A branch's monthly template (GET/PUT /api/meeting-templates/{committeeId}): the usual day, time
 * and place, the standing agenda items and the scheduling deadline; "Lập kế hoạch tháng" drafts
 * the month's meeting from it.
 */
export const MeetingTemplatePage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const { permissions } = usePermissions();
  const [params, setParams] = useSearchParams();
  const fromUrl = Number(params.get('committeeId'));
  const committeeId = Number.isInteger(fromUrl) && fromUrl > 0 ? fromUrl : (homeCommitteeId() ?? undefined);
  const { data, error, isPending } = useQuery({
    queryKey: ['meeting-templates', committeeId],
    queryFn: () => dataProvider.getMeetingTemplate(committeeId!),
    enabled: committeeId != null,
  });

  const save = async (values: Record<string, unknown>) => {
    try {
      await dataProvider.saveMeetingTemplate(committeeId!, values as unknown as MeetingTemplate);
      notify('resources.meetings.template.saved', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['meeting-templates', committeeId] });
    } catch (e) {
      const errors = fieldErrors(e);
      if (errors) return errors;
      notifyError(e);
    }
  };

  return (
    <ResourceContextProvider value="meeting-templates">
      <Box sx={{ mt: 2, mb: 4 }}>
        <Title title={translate('resources.meetings.template.title')} />
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {translate('resources.meetings.template.help')}
          </Typography>
          {permissions !== 'secretary' && (
            <CommitteePicker committeeId={committeeId} onChange={(id) => setParams(new URLSearchParams({ committeeId: String(id) }))} />
          )}
          {committeeId == null ? null : error ? (
            <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>
          ) : isPending ? (
            <Loading />
          ) : (
            <Card>
              <CardContent>
                <Form key={committeeId} defaultValues={data} onSubmit={save}>
                  <Stack spacing={1}>
                    <TextInput source="title" label="resources.meetings.template.fields.title" validate={validateTitle} fullWidth />
                    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                      <NumberInput
                        source="dayOfMonth"
                        label="resources.meetings.template.fields.dayOfMonth"
                        validate={validateDay}
                        min={1}
                        max={28}
                      />
                      <VietnamTimeInput source="startTime" label="resources.meetings.template.fields.startTime" validate={validateTime} />
                      <NumberInput
                        source="durationMinutes"
                        label="resources.meetings.template.fields.durationMinutes"
                        validate={validateDuration}
                        min={15}
                        max={720}
                      />
                      <NumberInput
                        source="deadlineDay"
                        label="resources.meetings.template.fields.deadlineDay"
                        helperText="resources.meetings.template.deadline_help"
                        validate={validateDay}
                        min={1}
                        max={28}
                      />
                    </Box>
                    <TextInput source="place" label="resources.meetings.fields.place" fullWidth validate={maxLength(500)} />
                    <TextInput source="onlineUrl" label="resources.meetings.fields.onlineUrl" fullWidth validate={maxLength(1000)} />
                    <ArrayInput source="agenda" label="resources.meetings.template.fields.agenda">
                      <SimpleFormIterator fullWidth disableClear>
                        <TextInput source="title" label="resources.meetings.agenda.item_title" validate={validateTitle} fullWidth />
                        <TextInput source="description" label="resources.meetings.agenda.description" multiline fullWidth />
                        <TextInput
                          source="presenterName"
                          label="resources.meetings.agenda.presenterName"
                          validate={maxLength(255)}
                          helperText={false}
                        />
                      </SimpleFormIterator>
                    </ArrayInput>
                    <Box>
                      <SaveButton />
                    </Box>
                  </Stack>
                </Form>
              </CardContent>
            </Card>
          )}
        </Stack>
      </Box>
    </ResourceContextProvider>
  );
};
