import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useId, useState } from 'react';
import {
  AutocompleteInput,
  Button,
  Form,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  TextInput,
  maxLength,
  required,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { errorMessage, fieldErrors } from '../common/errors';
import { committeeOptionText } from '../committees/choices';
import type { AppDataProvider } from '../dataProvider';
import { localIsoDate } from '../download';
import type { Member, TransferMemberPayload } from '../types';
import { transferKindChoices } from './choices';
import { VietnamDateInput } from '../common/DateInputs';

const filterToQuery = (q: string) => ({ q });
const requiredValidator = required();
const validateReason = [maxLength(500)];
const notInFuture = (value: string | null | undefined) =>
  value && value > localIsoDate() ? 'resources.members.validation.future' : undefined;

interface TransferValues {
  committeeId: number | null;
  kind: 'official' | 'temporary';
  transferredOn: string | null;
  reason: string | null;
}

/**
 * "Chuyển sinh hoạt": moves a current member to another branch in scope
 * (POST /members/{id}/transfer), leaving a dated row in the history.
 */
export const TransferButton = () => {
  const record = useRecordContext<Member>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  const [open, setOpen] = useState(false);

  if (!record || record.endState) return null;

  const submit = async (values: Partial<TransferValues>) => {
    const payload: TransferMemberPayload = {
      committeeId: Number(values.committeeId),
      kind: values.kind ?? 'official',
    };
    if (values.transferredOn) payload.transferredOn = values.transferredOn;
    if (values.reason) payload.reason = values.reason;
    try {
      await dataProvider.transferMember(String(record.id), payload);
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return errors;
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
    notify('resources.members.transfer.success', { type: 'success' });
    setOpen(false);
    refresh();
    return undefined;
  };

  const isCurrentBranch = (option: RaRecord) => option.id === record.committeeId;

  return (
    <>
      <Button label="resources.members.transfer.button" onClick={() => setOpen(true)}>
        <SwapHorizIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} maxWidth="sm" fullWidth>
        <Form
          onSubmit={submit}
          defaultValues={{
            committeeId: null,
            kind: 'official',
            transferredOn: null,
            reason: null,
          }}
          // the dialog's form is not the member's: no record values
          record={{}}
        >
          <DialogTitle id={titleId}>
            {translate('resources.members.transfer.title', {
              name: record.fullName,
            })}
          </DialogTitle>
          <DialogContent>
            <ReferenceInput source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
              <AutocompleteInput
                label="resources.members.transfer.target"
                optionText={committeeOptionText}
                filterToQuery={filterToQuery}
                getOptionDisabled={isCurrentBranch}
                validate={requiredValidator}
                fullWidth
              />
            </ReferenceInput>
            <RadioButtonGroupInput
              source="kind"
              label="resources.members.transfer.kind"
              choices={transferKindChoices}
              validate={requiredValidator}
            />
            <VietnamDateInput
              source="transferredOn"
              label="resources.members.transfer.date"
              helperText="resources.members.transfer.date_helper"
              validate={notInFuture}
            />
            <TextInput source="reason" label="resources.members.transfer.reason" validate={validateReason} multiline fullWidth />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="resources.members.transfer.submit" icon={<SwapHorizIcon />} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
