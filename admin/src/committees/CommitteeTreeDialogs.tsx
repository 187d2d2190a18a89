import CallMergeIcon from '@mui/icons-material/CallMerge';
import DriveFileMoveIcon from '@mui/icons-material/DriveFileMove';
import { Alert, AlertTitle, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useId } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  Button,
  Form,
  ReferenceInput,
  SaveButton,
  TextInput,
  maxLength,
  required,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { fieldErrors } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import { useNotifyApiError } from '../documents/content';
import { localIsoDate } from '../download';
import type { Committee } from '../types';
import { committeeOptionText } from './choices';
import { VietnamDateInput } from '../common/DateInputs';

const filterToQuery = (q: string) => ({ q });
const requiredValidator = required();
const validateReason = [maxLength(1000)];
const mustAgree = (value: boolean) => (value ? undefined : 'resources.committees.tree.merge.must_agree');
const notInFuture = (value: string | null | undefined) =>
  value && value > localIsoDate() ? 'resources.members.validation.future' : undefined;

/** Neither the committee itself nor anything below it. */
const isSelfOrBelow = (committee: Committee) => (option: RaRecord) =>
  option.id === committee.id || (typeof option.path === 'string' && option.path.startsWith(`${committee.path}.`));

interface DialogProps {
  committee: Committee | null;
  onClose: () => void;
}

/**
 * Move a committee (and its whole subtree) under another parent:
 * PUT /committees/{id} {parentId}.
 */
export const MoveCommitteeDialog = ({ committee, onClose }: DialogProps) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  if (!committee) return null;

  const submit = async (values: Record<string, any>) => {
    try {
      await dataProvider.update<Committee>('committees', {
        id: committee.id,
        data: { parentId: Number(values.parentId) },
        previousData: committee,
      });
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return errors;
      notifyError(error);
      return undefined;
    }
    notify('resources.committees.tree.move.success', {
      type: 'success',
      messageArgs: { name: committee.name },
    });
    onClose();
    refresh();
    return undefined;
  };

  const isInvalidParent = (option: RaRecord) => isSelfOrBelow(committee)(option) || option.id === committee.parentId;

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <Form onSubmit={submit} record={{}} defaultValues={{ parentId: null }}>
        <DialogTitle id={titleId}>{translate('resources.committees.tree.move.title', { name: committee.name })}</DialogTitle>
        <DialogContent>
          <Alert severity="info" sx={{ mb: 2 }}>
            <AlertTitle>{translate('resources.committees.tree.consequences')}</AlertTitle>
            {translate('resources.committees.tree.move.consequences', {
              smart_count: committee.childCount,
            })}
          </Alert>
          <ReferenceInput source="parentId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteInput
              label="resources.committees.tree.move.new_parent"
              optionText={committeeOptionText}
              filterToQuery={filterToQuery}
              getOptionDisabled={isInvalidParent}
              validate={requiredValidator}
              fullWidth
            />
          </ReferenceInput>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <SaveButton label="resources.committees.tree.move.submit" icon={<DriveFileMoveIcon />} alwaysEnable />
        </DialogActions>
      </Form>
    </Dialog>
  );
};

/**
 * Merge a committee into another: POST /committees/{id}/merge. Its
 * sub-committees, current members and accounts move to the target; it is
 * archived. Not undoable.
 */
export const MergeCommitteeDialog = ({ committee, onClose }: DialogProps) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  if (!committee) return null;

  const submit = async (values: Record<string, any>) => {
    try {
      const result = await dataProvider.mergeCommittee(committee.id, {
        targetId: Number(values.targetId),
        ...(values.mergedOn ? { mergedOn: values.mergedOn } : {}),
        ...(values.reason ? { reason: values.reason } : {}),
      });
      notify('resources.committees.tree.merge.success', {
        type: 'success',
        autoHideDuration: 10000,
        messageArgs: {
          name: committee.name,
          target: result.target.name,
          children: result.moved.children,
          members: result.moved.members,
          accounts: result.moved.accounts,
        },
      });
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return errors;
      notifyError(error);
      return undefined;
    }
    onClose();
    refresh();
    return undefined;
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <Form
        onSubmit={submit}
        record={{}}
        defaultValues={{
          targetId: null,
          mergedOn: localIsoDate(),
          reason: '',
          agree: false,
        }}
      >
        <DialogTitle id={titleId}>{translate('resources.committees.tree.merge.title', { name: committee.name })}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            <AlertTitle>{translate('resources.committees.tree.consequences')}</AlertTitle>
            <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-line' }}>
              {translate('resources.committees.tree.merge.consequences')}
            </Typography>
          </Alert>
          <ReferenceInput source="targetId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteInput
              label="resources.committees.tree.merge.target"
              optionText={committeeOptionText}
              filterToQuery={filterToQuery}
              getOptionDisabled={isSelfOrBelow(committee)}
              validate={requiredValidator}
              fullWidth
            />
          </ReferenceInput>
          <VietnamDateInput
            source="mergedOn"
            label="resources.committees.tree.merge.mergedOn"
            helperText="resources.committees.tree.merge.mergedOn_helper"
            validate={notInFuture}
          />
          <TextInput
            source="reason"
            label="resources.committees.tree.merge.reason"
            helperText="resources.committees.tree.merge.reason_helper"
            validate={validateReason}
            multiline
            fullWidth
          />
          <BooleanInput source="agree" label="resources.committees.tree.merge.agree" validate={mustAgree} />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <SaveButton label="resources.committees.tree.merge.submit" icon={<CallMergeIcon />} color="error" alwaysEnable />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
