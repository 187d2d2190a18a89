import { Button, type ButtonProps } from '@mui/material';
import { useState, type ReactElement } from 'react';
import { Confirm, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { useNotifyApiError } from '../documents/content';

/*
 * Buttons of the run and minutes pages that keep their words on a phone (react-admin's Button turns
 * into a bare icon under 600 px; a secretary running a meeting on a phone needs "Có mặt", "Mở biểu
 * quyết" spelled out).
 */

type WideButtonProps = Omit<ButtonProps, 'children' | 'action'> & {
  label: string;
  icon?: ReactElement;
  /** a link inside the dashboard instead of a click handler */
  to?: string;
};

export const WideButton = ({ label, icon, to, ...props }: WideButtonProps) => {
  const translate = useTranslate();
  if (to) {
    return (
      <Button startIcon={icon} component={Link} to={to} {...props}>
        {translate(label)}
      </Button>
    );
  }
  return (
    <Button startIcon={icon} {...props}>
      {translate(label)}
    </Button>
  );
};

/** A WideButton that asks before it acts; the dialog's confirm button carries the same words. */
export const WideConfirmButton = ({
  label,
  title,
  content,
  translateOptions,
  action,
  ...props
}: WideButtonProps & { title: string; content: string; translateOptions?: Record<string, unknown>; action: () => Promise<void> }) => {
  const notifyError = useNotifyApiError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <WideButton label={label} disabled={busy} onClick={() => setOpen(true)} {...props} />
      <Confirm
        isOpen={open}
        loading={busy}
        title={title}
        titleTranslateOptions={translateOptions}
        content={content}
        translateOptions={translateOptions}
        confirm={label}
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
