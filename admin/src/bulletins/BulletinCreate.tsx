import ScheduleSendIcon from '@mui/icons-material/ScheduleSend';
import SendIcon from '@mui/icons-material/Send';
import { Box, Grid, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import {
  AutocompleteInput,
  Confirm,
  Create,
  maxLength,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useGetOne,
  usePermissions,
  useSaveContext,
  useTranslate,
  type Validator,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { CommitteeInput, homeCommitteeId } from '../documents/content';
import { formatVietnamDateTime, parseVietnamDateTime } from '../common/vietnamTime';
import { useFormat } from '../analytics/format';
import { can } from '../permissions';
import { PhonePreview } from './PhonePreview';

/** The text of a bulletin holds at most this many characters (the API answers 413 BULLETIN_TOO_LARGE above). */
export const BULLETIN_MAX_TEXT = 4000;
const TITLE_MAX = 200;

type SendMode = 'now' | 'schedule';
type LinkType = '' | 'document' | 'news' | 'survey' | 'url';

interface BulletinFormValues {
  committeeId?: number | null;
  title?: string;
  text?: string;
  link?: { type?: LinkType | null; id?: string | null } | null;
  sendMode?: SendMode;
  scheduledAt?: string;
}

/** The create body (CreateBulletinDto): the send mode becomes publishAt (left out: now), an empty link none. */
const toBulletinBody = (data: BulletinFormValues) => ({
  committeeId: data.committeeId,
  title: data.title?.trim(),
  text: data.text,
  link: data.link?.type && data.link.id?.trim() ? { type: data.link.type, id: data.link.id.trim() } : undefined,
  publishAt: data.sendMode === 'schedule' ? (parseVietnamDateTime(data.scheduledAt) ?? undefined) : undefined,
});

const requiredValidator = required();
const titleValidators = [requiredValidator, maxLength(TITLE_MAX)];
const textValidators = [requiredValidator, maxLength(BULLETIN_MAX_TEXT, 'resources.bulletins.validation.text_too_long')];

/** A scheduled time: dd/mm/yyyy HH:mm in Vietnam time, at least a minute ahead (the API refuses the past too). */
const validateScheduledAt: Validator = (value: string | undefined, values: BulletinFormValues) => {
  if (values.sendMode !== 'schedule') return undefined;
  if (!value?.trim()) return 'ra.validation.required';
  const instant = parseVietnamDateTime(value);
  if (!instant) return 'resources.bulletins.validation.date_format';
  if (new Date(instant).getTime() <= Date.now() + 60_000) return 'resources.bulletins.validation.past';
  return undefined;
};

const validateLinkId: Validator = (value: string | undefined, values: BulletinFormValues) => {
  const type = values.link?.type;
  if (!type) return undefined;
  if (!value?.trim()) return 'ra.validation.required';
  if (type === 'url' && !/^https:\/\/\S+$/.test(value.trim())) return 'resources.bulletins.validation.https';
  return undefined;
};

/** "123/4.000 ký tự" under the text, red above the limit. */
const TextCounter = () => {
  const translate = useTranslate();
  const f = useFormat();
  const text = (useWatch({ name: 'text' }) as string | undefined) ?? '';
  const over = text.length > BULLETIN_MAX_TEXT;
  return (
    <Box component="span" data-testid="bulletin-text-counter" sx={{ color: over ? 'error.main' : undefined }}>
      {translate('resources.bulletins.helpers.counter', { count: f.number(text.length), max: f.number(BULLETIN_MAX_TEXT) })}
    </Box>
  );
};

const linkTypeChoices = (role: unknown) => [
  ...(can.editContent(role)
    ? [
        { id: 'document', name: 'resources.bulletins.link_types.document' },
        { id: 'news', name: 'resources.bulletins.link_types.news' },
        { id: 'survey', name: 'resources.bulletins.link_types.survey' },
      ]
    : []),
  { id: 'url', name: 'resources.bulletins.link_types.url' },
];

const titleQuery = (q: string) => ({ q });
const LINK_RESOURCES: Record<string, string> = { document: 'documents', news: 'news', survey: 'surveys' };

/** What the bulletin opens: nothing, a document, news item or survey in scope (picked by title), or an https address. */
const LinkInput = () => {
  const { permissions } = usePermissions();
  const type = useWatch({ name: 'link.type' }) as LinkType | null | undefined;
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, sm: 5 }}>
        <SelectInput
          source="link.type"
          label="resources.bulletins.fields.linkType"
          choices={linkTypeChoices(permissions)}
          emptyText="resources.bulletins.link_types.none"
          fullWidth
          helperText={false}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 7 }}>
        {type === 'url' && (
          <TextInput source="link.id" label="resources.bulletins.fields.linkUrl" validate={validateLinkId} fullWidth helperText={false} />
        )}
        {type && type !== 'url' && (
          <ReferenceInput key={type} source="link.id" reference={LINK_RESOURCES[type]} sort={{ field: 'createdAt', order: 'DESC' }}>
            <AutocompleteInput
              label="resources.bulletins.fields.linkItem"
              optionText="title"
              filterToQuery={titleQuery}
              validate={validateLinkId}
              fullWidth
              helperText={false}
            />
          </ReferenceInput>
        )}
      </Grid>
    </Grid>
  );
};

/** The time picker of a scheduled bulletin: typed as dd/mm/yyyy HH:mm, Vietnam time, whatever the browser's language. */
const ScheduleInput = () => {
  const mode = useWatch({ name: 'sendMode' }) as SendMode | undefined;
  const value = useWatch({ name: 'scheduledAt' }) as string | undefined;
  const translate = useTranslate();
  if (mode !== 'schedule') return null;
  const instant = parseVietnamDateTime(value);
  return (
    <TextInput
      source="scheduledAt"
      label="resources.bulletins.fields.scheduledAt"
      placeholder="dd/mm/yyyy HH:mm"
      validate={validateScheduledAt}
      helperText={
        instant
          ? translate('resources.bulletins.helpers.scheduled_for', { when: formatVietnamDateTime(instant) })
          : 'resources.bulletins.helpers.scheduledAt'
      }
      slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
      sx={{ maxWidth: 320 }}
    />
  );
};

/** Send / schedule, its label following the chosen mode. */
const BulletinToolbar = () => {
  const mode = useWatch({ name: 'sendMode' }) as SendMode | undefined;
  return (
    <Toolbar>
      <SaveButton
        label={mode === 'schedule' ? 'resources.bulletins.actions.schedule' : 'resources.bulletins.actions.send'}
        icon={mode === 'schedule' ? <ScheduleSendIcon /> : <SendIcon />}
        alwaysEnable
      />
    </Toolbar>
  );
};

/** The preview beside the form, from what is typed so far. */
const LivePreview = () => {
  const [title, text, committeeId, mode, scheduledAt] = useWatch({ name: ['title', 'text', 'committeeId', 'sendMode', 'scheduledAt'] }) as [
    string | undefined,
    string | undefined,
    number | undefined,
    SendMode | undefined,
    string | undefined,
  ];
  const { data: committee } = useGetOne('committees', { id: committeeId }, { enabled: !!committeeId });
  const publishAt = mode === 'schedule' ? parseVietnamDateTime(scheduledAt) : null;
  return <PhonePreview title={title} text={text} committeeName={committee?.name} publishAt={publishAt} />;
};

interface PendingSend {
  values: BulletinFormValues;
  resolve: (confirmed: boolean) => void;
}

/** Names the audience before anything goes out: the dialog of the send button. */
const useConfirmSend = () => {
  const [pending, setPending] = useState<PendingSend | null>(null);
  const ask = (values: BulletinFormValues) => new Promise<boolean>((resolve) => setPending({ values, resolve }));
  const answer = (confirmed: boolean) => {
    pending?.resolve(confirmed);
    setPending(null);
  };
  return { pending, ask, answer };
};

const ConfirmSendDialog = ({ pending, answer }: { pending: PendingSend | null; answer: (confirmed: boolean) => void }) => {
  const translate = useTranslate();
  const committeeId = pending?.values.committeeId;
  const { data: committee } = useGetOne('committees', { id: committeeId }, { enabled: !!committeeId });
  const publishAt = pending?.values.sendMode === 'schedule' ? parseVietnamDateTime(pending.values.scheduledAt) : null;
  const name = committee?.name ?? '…';
  return (
    <Confirm
      isOpen={!!pending}
      title={publishAt ? 'resources.bulletins.confirm.title_schedule' : 'resources.bulletins.confirm.title_send'}
      content={
        <Box data-testid="bulletin-confirm">
          <Typography>{translate('resources.bulletins.confirm.audience', { committee: name })}</Typography>
          <Typography sx={{ mt: 1 }}>
            {publishAt
              ? translate('resources.bulletins.confirm.when_scheduled', { when: formatVietnamDateTime(publishAt) })
              : translate('resources.bulletins.confirm.when_now')}
          </Typography>
        </Box>
      }
      confirm={publishAt ? 'resources.bulletins.actions.schedule' : 'resources.bulletins.actions.send'}
      onConfirm={() => answer(true)}
      onClose={() => answer(false)}
    />
  );
};

/**
 * The form: audience, title, text (with a counter), optional link, now or at a set time; a phone
 * preview beside it; the send button asks for confirmation, naming the audience.
 */
const BulletinForm = () => {
  const { save } = useSaveContext();
  const { pending, ask, answer } = useConfirmSend();
  const translate = useTranslate();
  const saving = useRef(false);

  const submit = async (values: BulletinFormValues) => {
    if (saving.current || !(await ask(values))) return undefined;
    saving.current = true;
    try {
      return await save?.(values);
    } finally {
      saving.current = false;
    }
  };

  return (
    <>
      <SimpleForm
        onSubmit={submit}
        defaultValues={{ committeeId: homeCommitteeId(), sendMode: 'now', link: { type: '', id: '' } }}
        toolbar={<BulletinToolbar />}
        sx={{ maxWidth: 1200 }}
      >
        <Grid container spacing={3} sx={{ width: '100%' }}>
          <Grid size={{ xs: 12, md: 7 }}>
            <CommitteeInput
              source="committeeId"
              label="resources.bulletins.fields.committeeId"
              helperText="resources.bulletins.helpers.committeeId"
            />
            <TextInput source="title" validate={titleValidators} fullWidth />
            <TextInput source="text" validate={textValidators} multiline minRows={5} fullWidth helperText={<TextCounter />} />
            <LinkInput />
            <RadioButtonGroupInput
              source="sendMode"
              label="resources.bulletins.fields.sendMode"
              choices={[
                { id: 'now', name: 'resources.bulletins.send_modes.now' },
                { id: 'schedule', name: 'resources.bulletins.send_modes.schedule' },
              ]}
              helperText={false}
            />
            <ScheduleInput />
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <Typography variant="subtitle2" component="h2" sx={{ mb: 1 }}>
              {translate('resources.bulletins.preview.title')}
            </Typography>
            <LivePreview />
          </Grid>
        </Grid>
      </SimpleForm>
      <ConfirmSendDialog pending={pending} answer={answer} />
    </>
  );
};

export const BulletinCreate = () => (
  <Create redirect="show" transform={toBulletinBody} title="resources.bulletins.actions.create">
    <BulletinForm />
  </Create>
);
