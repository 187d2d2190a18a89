import LockResetIcon from '@mui/icons-material/LockReset';
import { useState } from 'react';
import {
    Button,
    Confirm,
    useDataProvider,
    useGetIdentity,
    useNotify,
    useRecordContext,
    useRefresh,
} from 'react-admin';
import { errorMessage } from '../common/errors';
import { OneTimePasswordDialog } from '../common/OneTimePasswordDialog';
import type { AppDataProvider } from '../dataProvider';
import type { UserAccount } from '../types';

/**
 * "Đặt lại mật khẩu": POST /users/{id}/reset-password. The new one-time
 * password is shown once, with a copy button; the account's sessions end.
 * One's own password is changed on the change-password page instead.
 */
export const ResetPasswordButton = () => {
    const record = useRecordContext<UserAccount>();
    const { identity } = useGetIdentity();
    const dataProvider = useDataProvider<AppDataProvider>();
    const notify = useNotify();
    const refresh = useRefresh();
    const [confirming, setConfirming] = useState(false);
    const [busy, setBusy] = useState(false);
    const [issued, setIssued] = useState<{
        username: string;
        password: string;
        fullName: string;
    } | null>(null);

    if (!record || record.id === identity?.id) return null;

    const reset = async () => {
        setBusy(true);
        try {
            const result = await dataProvider.resetUserPassword(String(record.id));
            setConfirming(false);
            notify('resources.users.reset.success', { type: 'success' });
            setIssued({
                username: result.user.username,
                password: result.initialPassword ?? '',
                fullName: result.user.fullName,
            });
        } catch (error) {
            setConfirming(false);
            notify(errorMessage(error), { type: 'error' });
        } finally {
            setBusy(false);
        }
    };

    return (
        <>
            <Button
                label="resources.users.reset.button"
                onClick={() => setConfirming(true)}
                disabled={busy}
            >
                <LockResetIcon />
            </Button>
            <Confirm
                isOpen={confirming}
                loading={busy}
                title="resources.users.reset.confirm_title"
                titleTranslateOptions={{ name: record.fullName || record.username }}
                content="resources.users.reset.confirm_content"
                confirm="resources.users.reset.button"
                onConfirm={reset}
                onClose={() => setConfirming(false)}
            />
            <OneTimePasswordDialog
                credentials={issued}
                onClose={() => {
                    setIssued(null);
                    // mustChangePassword is now set on the account
                    refresh();
                }}
            />
        </>
    );
};
