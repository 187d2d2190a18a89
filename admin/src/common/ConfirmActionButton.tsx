import { useState, type MouseEvent, type ReactElement } from 'react';
import { Button, Confirm, type ButtonProps } from 'react-admin';
import { useNotifyApiError } from '../documents/content';

interface ConfirmActionButtonProps {
  /** Translation keys of the button, the dialog's title and text, and its confirm button (default: the button's label). */
  label: string;
  title: string;
  content: string;
  confirm?: string;
  icon: ReactElement;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  titleTranslateOptions?: Record<string, unknown>;
  translateOptions?: Record<string, unknown>;
  /** The call, with what follows its success (a notification, a refresh, a result dialog); a failure is notified. */
  action: () => Promise<void>;
}

/**
 * A button that asks before it acts: the dialog stays open, with a spinner,
 * while the call runs, and closes when it ends either way. Inside a list row
 * the click does not open the row.
 */
export const ConfirmActionButton = ({
  label,
  title,
  content,
  confirm = label,
  icon,
  color,
  variant,
  titleTranslateOptions,
  translateOptions,
  action,
}: ConfirmActionButtonProps) => {
  const notifyError = useNotifyApiError();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      notifyError(error);
    } finally {
      setConfirming(false);
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label={label}
        color={color}
        variant={variant}
        disabled={busy}
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          setConfirming(true);
        }}
      >
        {icon}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title={title}
        titleTranslateOptions={titleTranslateOptions}
        content={content}
        translateOptions={translateOptions}
        confirm={confirm}
        onConfirm={run}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
