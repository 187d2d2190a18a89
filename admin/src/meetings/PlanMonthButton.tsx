import EventNoteIcon from '@mui/icons-material/EventNote';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { Button, Form, SaveButton, useDataProvider, useGetList, useNotify, useRedirect, useTranslate, usePermissions } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { CommitteeInput, homeCommitteeId, useNotifyApiError } from '../documents/content';
import { monthLabel, nextMonth, vietnamMonth } from './choices';
import type { MeetingGuidance } from './types';
import { PlainMonthInput } from '../common/DateInputs';

const NO_GUIDANCE = '';

/** The published guidance of a month that the caller may read (their committee's chain publishes it). */
const GuidancePicker = ({ month, value, onChange }: { month: string; value: string; onChange: (id: string) => void }) => {
  const translate = useTranslate();
  const { data = [], isPending } = useGetList<MeetingGuidance>(
    'meeting-guidance',
    { filter: { month }, pagination: { page: 1, perPage: 50 }, sort: { field: 'month', order: 'DESC' } },
    { enabled: /^\d{4}-\d{2}$/.test(month) },
  );
  const published = data.filter((g) => g.publishedAt && g.month.slice(0, 7) === month);
  return (
    <TextField
      select
      fullWidth
      margin="dense"
      label={translate('resources.meetings.plan.guidance')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      helperText={
        isPending
          ? ' '
          : published.length === 0
            ? translate('resources.meetings.plan.no_guidance', { month: monthLabel(month) })
            : translate('resources.meetings.plan.guidance_help')
      }
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value={NO_GUIDANCE}>{translate('resources.meetings.plan.without_guidance')}</MenuItem>
      {published.map((guidance) => (
        <MenuItem key={guidance.id} value={guidance.id}>
          {guidance.committeeName ? `${guidance.title} (${guidance.committeeName})` : guidance.title}
        </MenuItem>
      ))}
    </TextField>
  );
};

interface PlanState {
  month: string;
  setMonth: (month: string) => void;
  guidanceId: string;
  setGuidanceId: (id: string) => void;
}

const PlanForm = ({ month, setMonth, guidanceId, setGuidanceId }: PlanState) => {
  const translate = useTranslate();
  return (
    <>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{translate('resources.meetings.plan.content')}</DialogContentText>
        <CommitteeInput source="committeeId" label="resources.meetings.fields.committeeId" />
        <PlainMonthInput
          label={translate('resources.meetings.fields.month')}
          value={month}
          onChange={(value) => {
            setMonth(value);
            setGuidanceId(NO_GUIDANCE);
          }}
          sx={{ mt: 1, mb: 0.5, width: '100%' }}
          testId="plan-month"
        />
        <GuidancePicker month={month} value={guidanceId} onChange={setGuidanceId} />
      </DialogContent>
      <DialogActions>
        <SaveButton label="resources.meetings.plan.submit" icon={<EventNoteIcon />} alwaysEnable={/^\d{4}-\d{2}$/.test(month)} />
      </DialogActions>
    </>
  );
};

/**
 * "Lập kế hoạch tháng": next month's draft regular meeting from the branch's template, with the
 * topics of the month's guidance the secretary picks appended to its agenda; then its edit page.
 */
export const PlanMonthButton = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const redirect = useRedirect();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState(() => nextMonth(vietnamMonth()));
  const [guidanceId, setGuidanceId] = useState(NO_GUIDANCE);

  const submit = async (values: Record<string, unknown>) => {
    try {
      const draft = await dataProvider.planMonth(Number(values.committeeId), month, guidanceId || undefined);
      notify('resources.meetings.plan.done', { type: 'success', messageArgs: { month: monthLabel(month) } });
      setOpen(false);
      redirect('edit', 'meetings', draft.id);
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      <Button label="resources.meetings.plan.button" onClick={() => setOpen(true)} variant="contained">
        <EventNoteIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-labelledby="plan-month-title">
        <DialogTitle id="plan-month-title">{translate('resources.meetings.plan.title')}</DialogTitle>
        {open && (
          <Form
            defaultValues={{ committeeId: permissions === 'secretary' ? homeCommitteeId() : (homeCommitteeId() ?? undefined) }}
            onSubmit={submit}
          >
            <PlanForm month={month} setMonth={setMonth} guidanceId={guidanceId} setGuidanceId={setGuidanceId} />
          </Form>
        )}
      </Dialog>
    </>
  );
};
