import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState, type MouseEvent, type ReactElement } from 'react';
import { Button, useTranslate, type ButtonProps } from 'react-admin';
import { useNotifyApiError } from '../documents/content';

/**
 * A button that asks for a reason before it acts (postpone, cancel, hide a comment, decline an
 * excuse): the reason is required unless `optional`; the dialog stays open while the call runs.
 */
export const ReasonDialogButton = ({
  label,
  title,
  content,
  fieldLabel = 'resources.meetings.reason',
  icon,
  color,
  variant,
  optional = false,
  size,
  action,
}: {
  label: string;
  title: string;
  content?: string;
  fieldLabel?: string;
  icon: ReactElement;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  optional?: boolean;
  action: (reason: string) => Promise<void>;
}) => {
  const translate = useTranslate();
  const notifyError = useNotifyApiError();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const valid = optional || reason.trim().length > 0;

  const run = async () => {
    setBusy(true);
    try {
      await action(reason.trim());
      setOpen(false);
      setReason('');
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label={label}
        color={color}
        variant={variant}
        size={size}
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        {icon}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>
          {content && <DialogContentText sx={{ mb: 1 }}>{translate(content)}</DialogContentText>}
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            label={translate(fieldLabel)}
            value={reason}
            required={!optional}
            onChange={(event) => setReason(event.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} disabled={busy} />
          <Button label={label} variant="contained" color={color} onClick={run} disabled={busy || !valid} />
        </DialogActions>
      </Dialog>
    </>
  );
};
