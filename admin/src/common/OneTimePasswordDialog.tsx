import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import KeyIcon from '@mui/icons-material/Key';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  InputAdornment,
  Stack,
  TextField,
  Tooltip,
} from '@mui/material';
import { useId } from 'react';
import { Button, useNotify, useTranslate } from 'react-admin';

/** Copy a text to the clipboard, with a fallback for non-secure contexts. */
export const copyText = async (text: string): Promise<boolean> => {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
};

const CopyAdornment = ({ value }: { value: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const label = translate('app.one_time.copy');
  return (
    <InputAdornment position="end">
      <Tooltip title={label}>
        <IconButton
          aria-label={label}
          edge="end"
          onClick={async () => {
            const ok = await copyText(value);
            notify(ok ? 'app.one_time.copied' : 'app.one_time.copy_failed', {
              type: ok ? 'info' : 'warning',
            });
          }}
        >
          <ContentCopyIcon />
        </IconButton>
      </Tooltip>
    </InputAdornment>
  );
};

/** An account's username and the one-time password just issued for it. */
export interface IssuedCredentials {
  username: string;
  password: string;
  fullName?: string;
}

export interface OneTimePasswordDialogProps {
  /** null closes the dialog (and forgets the password). */
  credentials: IssuedCredentials | null;
  onClose: () => void;
}

/**
 * Shows a generated password once: the API never answers it again. It lives
 * only in the caller's state, which the caller clears on close.
 */
export const OneTimePasswordDialog = ({ credentials, onClose }: OneTimePasswordDialogProps) => {
  const translate = useTranslate();
  const titleId = useId();
  return (
    <Dialog
      open={credentials != null}
      // Only the explicit button closes it: a stray click outside must
      // not throw away a password that cannot be shown again.
      onClose={(_event, reason) => {
        if (reason !== 'backdropClick') onClose();
      }}
      aria-labelledby={titleId}
      maxWidth="xs"
      fullWidth
    >
      <DialogTitle id={titleId}>
        {translate('app.one_time.title')}
        {credentials?.fullName ? ` — ${credentials.fullName}` : ''}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Alert severity="warning">{translate('app.one_time.shown_once')}</Alert>
          <TextField
            label={translate('app.one_time.username')}
            value={credentials?.username ?? ''}
            slotProps={{
              input: {
                readOnly: true,
                endAdornment: <CopyAdornment value={credentials?.username ?? ''} />,
              },
            }}
          />
          <TextField
            label={translate('app.one_time.password')}
            value={credentials?.password ?? ''}
            slotProps={{
              input: {
                readOnly: true,
                sx: { fontFamily: 'monospace', fontSize: '1.2rem' },
                endAdornment: <CopyAdornment value={credentials?.password ?? ''} />,
              },
              htmlInput: { 'data-testid': 'one-time-password' },
            }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" label="app.one_time.done" onClick={onClose}>
          <KeyIcon />
        </Button>
      </DialogActions>
    </Dialog>
  );
};
