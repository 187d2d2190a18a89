import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useState } from 'react';
import {
    Button,
    Confirm,
    useDataProvider,
    useNotify,
    useRecordContext,
    useRefresh,
} from 'react-admin';
import { errorMessage } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import type { UserAccount } from '../types';
import { isLocked } from './fields';

/**
 * "Mở khóa đăng nhập": POST /users/{id}/unlock, for an account locked
 * after repeated wrong passwords. Shown only while the lock holds.
 */
export const UnlockButton = () => {
    const record = useRecordContext<UserAccount>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const notify = useNotify();
    const refresh = useRefresh();
    const [confirming, setConfirming] = useState(false);
    const [busy, setBusy] = useState(false);

    if (!record || !isLocked(record)) return null;

    const unlock = async () => {
        setBusy(true);
        try {
            await dataProvider.unlockUser(String(record.id));
            notify('resources.users.unlock.success', { type: 'success' });
            refresh();
        } catch (error) {
            notify(errorMessage(error), { type: 'error' });
        } finally {
            setConfirming(false);
            setBusy(false);
        }
    };

    return (
        <>
            <Button
                label="resources.users.unlock.button"
                onClick={() => setConfirming(true)}
                disabled={busy}
            >
                <LockOpenIcon />
            </Button>
            <Confirm
                isOpen={confirming}
                loading={busy}
                title="resources.users.unlock.confirm_title"
                titleTranslateOptions={{ name: record.fullName || record.username }}
                content="resources.users.unlock.confirm_content"
                confirm="resources.users.unlock.button"
                onConfirm={unlock}
                onClose={() => setConfirming(false)}
            />
        </>
    );
};
