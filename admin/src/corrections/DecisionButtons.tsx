import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useId, useState } from 'react';
import {
  Button,
  Form,
  SaveButton,
  TextInput,
  maxLength,
  required,
  useDataProvider,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { errorMessage, fieldErrors } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import type { Correction } from '../types';

type Decision = 'approve' | 'reject';

const validateOptionalNote = [maxLength(1000)];
const validateRequiredNote = [required(), maxLength(1000)];

/**
 * The decision's dialog (its note: optional to approve, required to reject), for one request or,
 * with `ids`, for the rows chosen in the list (one call, all or nothing).
 */
const DecisionDialog = ({
  decision,
  onClose,
  ids,
  onDone,
}: {
  decision: Decision | null;
  onClose: () => void;
  ids?: string[];
  onDone?: () => void;
}) => {
  const record = useRecordContext<Correction>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  if (!record && !ids) return null;
  const prefix = `resources.corrections.${decision ?? 'approve'}`;
  const many = ids ? `resources.corrections.bulk.${decision ?? 'approve'}` : null;

  const submit = async (values: { note?: string | null }) => {
    const note = values.note?.trim() || undefined;
    try {
      if (ids) {
        await dataProvider.decideCorrections(ids, decision ?? 'approve', note);
      } else if (decision === 'reject') {
        await dataProvider.rejectCorrection(String(record!.id), note ?? '');
      } else {
        await dataProvider.approveCorrection(String(record!.id), note);
      }
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors?.note) return { note: errors.note };
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
    if (many) notify(`${many}.success`, { type: 'success', messageArgs: { smart_count: ids!.length } });
    else notify(`${prefix}.success`, { type: 'success' });
    onDone?.();
    onClose();
    refresh();
    return undefined;
  };

  return (
    <Dialog open={decision != null} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <Form onSubmit={submit} record={{}} defaultValues={{ note: null }}>
        <DialogTitle id={titleId}>
          {many ? translate(`${many}.title`, { smart_count: ids!.length }) : translate(`${prefix}.title`)}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>{translate(`${prefix}.content`)}</DialogContentText>
          <TextInput
            source="note"
            label={`${prefix}.note`}
            validate={decision === 'reject' ? validateRequiredNote : validateOptionalNote}
            multiline
            minRows={2}
            fullWidth
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <SaveButton
            label={`${prefix}.button`}
            icon={decision === 'reject' ? <CloseIcon /> : <CheckIcon />}
            color={decision === 'reject' ? 'error' : 'primary'}
            alwaysEnable
          />
        </DialogActions>
      </Form>
    </Dialog>
  );
};

/** Approve (optional note) / Reject (note required) a pending request. */
export const DecisionButtons = () => {
  const record = useRecordContext<Correction>();
  const [decision, setDecision] = useState<Decision | null>(null);
  if (record?.status !== 'pending') return null;
  return (
    <>
      <Button label="resources.corrections.approve.button" variant="contained" onClick={() => setDecision('approve')}>
        <CheckIcon />
      </Button>
      <Button label="resources.corrections.reject.button" color="error" onClick={() => setDecision('reject')}>
        <CloseIcon />
      </Button>
      <DecisionDialog decision={decision} onClose={() => setDecision(null)} />
    </>
  );
};

/** The list's bulk buttons: approve or reject every chosen pending request at once. */
export const BulkDecisionButtons = () => {
  const { selectedIds, onUnselectItems } = useListContext<Correction>();
  const [decision, setDecision] = useState<Decision | null>(null);
  const ids = selectedIds.map(String);
  return (
    <>
      <Button label="resources.corrections.approve.button" onClick={() => setDecision('approve')}>
        <CheckIcon />
      </Button>
      <Button label="resources.corrections.reject.button" color="error" onClick={() => setDecision('reject')}>
        <CloseIcon />
      </Button>
      {decision && <DecisionDialog decision={decision} ids={ids} onClose={() => setDecision(null)} onDone={() => onUnselectItems()} />}
    </>
  );
};
