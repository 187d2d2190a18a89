import TimelineIcon from '@mui/icons-material/Timeline';
import { Alert, Dialog, DialogActions, IconButton, Tooltip, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  BooleanInput,
  Button,
  Form,
  SaveButton,
  SelectInput,
  required,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { fieldErrors } from '../common/errors';
import { phaseChoices } from '../committees/choices';
import { PhaseChip } from './PhaseTimeline';
import type { AppDataProvider } from '../dataProvider';
import { useFormatDate } from '../common/LocaleDateField';
import { useNotifyApiError } from '../documents/content';
import { localIsoDate } from '../download';
import type { ChangePhasePayload, CommitteePhase } from '../types';
import { VietnamDateInput } from '../common/DateInputs';

const requiredValidator = required();

/** The last phase changes of one committee (GET /committees/{id}/phase-history). */
const RecentChanges = ({ committeeId }: { committeeId: number }) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { data } = useQuery({
    queryKey: ['committees', 'phase-history', committeeId],
    queryFn: () => dataProvider.getCommitteePhaseHistory(committeeId),
  });
  if (!data || data.length === 0) return null;
  return (
    <Stack spacing={0.5} sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{translate('app.rollout.dialog.history')}</Typography>
      {data
        .slice(-5)
        .reverse()
        .map((change) => (
          <Stack key={change.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" sx={{ minWidth: 88 }}>
              {formatDate(change.startedOn ?? change.changedAt, {
                dateOnly: !!change.startedOn,
              })}
            </Typography>
            {change.fromPhase && <PhaseChip phase={change.fromPhase} />}
            <span aria-hidden>→</span>
            <PhaseChip phase={change.toPhase} />
            {change.actorUsername && (
              <Typography variant="caption" color="text.secondary">
                {change.actorUsername === 'seed' ? translate('resources.audit-log.actor_seed') : change.actorUsername}
              </Typography>
            )}
          </Stack>
        ))}
    </Stack>
  );
};

/**
 * "Chuyển giai đoạn": POST /committees/{id}/phase, for the committee alone or
 * with every committee below it. Each committee whose phase changes gets one
 * history row.
 */
export const ChangePhaseButton = ({
  committee,
  onChanged,
  variant = 'text',
  compact = false,
}: {
  committee: { id: number; name: string; phase: CommitteePhase };
  onChanged?: () => void;
  variant?: 'text' | 'outlined' | 'contained';
  /** An icon with a tooltip (table rows). */
  compact?: boolean;
}) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  const [open, setOpen] = useState(false);

  const submit = async (values: Record<string, any>) => {
    const payload: ChangePhasePayload = {
      phase: values.phase,
      applyToSubtree: !!values.applyToSubtree,
    };
    if (values.startedOn) payload.startedOn = values.startedOn;
    try {
      const result = await dataProvider.changeCommitteePhase(committee.id, payload);
      notify('app.rollout.dialog.success', {
        type: 'success',
        messageArgs: { smart_count: result.changed },
      });
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return errors;
      notifyError(error);
      return undefined;
    }
    setOpen(false);
    onChanged?.();
    refresh();
    return undefined;
  };

  return (
    <>
      {compact ? (
        <Tooltip title={translate('app.rollout.change_phase')}>
          <IconButton
            size="small"
            color="primary"
            aria-label={translate('app.rollout.change_phase_of', {
              name: committee.name,
            })}
            onClick={() => setOpen(true)}
          >
            <TimelineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      ) : (
        <Button
          label="app.rollout.change_phase"
          variant={variant}
          onClick={(event) => {
            event.stopPropagation();
            setOpen(true);
          }}
        >
          <TimelineIcon />
        </Button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} maxWidth="sm" fullWidth>
        <Form
          onSubmit={submit}
          record={{}}
          defaultValues={{
            phase: committee.phase,
            startedOn: localIsoDate(),
            applyToSubtree: false,
          }}
        >
          <DialogTitle id={titleId}>{translate('app.rollout.dialog.title', { name: committee.name })}</DialogTitle>
          <DialogContent>
            <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center' }}>
              <Typography variant="body2">{translate('app.rollout.dialog.current')}</Typography>
              <PhaseChip phase={committee.phase} />
            </Stack>
            <SelectInput source="phase" label="app.rollout.dialog.phase" choices={phaseChoices} validate={requiredValidator} fullWidth />
            <VietnamDateInput source="startedOn" label="app.rollout.dialog.startedOn" helperText="app.rollout.dialog.startedOn_helper" />
            <BooleanInput
              source="applyToSubtree"
              label="app.rollout.dialog.applyToSubtree"
              helperText="app.rollout.dialog.applyToSubtree_helper"
            />
            <Alert severity="info" sx={{ mt: 1 }}>
              {translate('app.rollout.dialog.note')}
            </Alert>
            <RecentChanges committeeId={committee.id} />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="app.rollout.dialog.submit" icon={<TimelineIcon />} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
