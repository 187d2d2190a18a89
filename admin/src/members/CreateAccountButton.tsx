import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useState } from 'react';
import {
    Button,
    Confirm,
    useDataProvider,
    useNotify,
    useRecordContext,
} from 'react-admin';
import { errorMessage } from '../common/errors';
import { OneTimePasswordDialog } from '../common/OneTimePasswordDialog';
import type { AppDataProvider } from '../dataProvider';
import type { Member } from '../types';

/**
 * "Tạo tài khoản": the member's mobile-app login (POST /members/{id}/account).
 * The generated initial password is shown once; a member who already has an
 * account answers 409 ACCOUNT_EXISTS (shown as a message).
 */
export const CreateAccountButton = () => {
    const record = useRecordContext<Member>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const notify = useNotify();
    const [confirming, setConfirming] = useState(false);
    const [busy, setBusy] = useState(false);
    const [issued, setIssued] = useState<{
        username: string;
        password: string;
        fullName: string;
    } | null>(null);

    if (!record || record.endState) return null;

    const create = async () => {
        setBusy(true);
        try {
            const result = await dataProvider.createMemberAccount(String(record.id));
            setConfirming(false);
            notify('resources.members.account.success', { type: 'success' });
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
                label="resources.members.account.button"
                onClick={() => setConfirming(true)}
                disabled={busy}
            >
                <PersonAddIcon />
            </Button>
            <Confirm
                isOpen={confirming}
                loading={busy}
                title="resources.members.account.confirm_title"
                titleTranslateOptions={{ name: record.fullName }}
                content="resources.members.account.confirm_content"
                confirm="resources.members.account.button"
                onConfirm={create}
                onClose={() => setConfirming(false)}
            />
            <OneTimePasswordDialog
                credentials={issued}
                onClose={() => setIssued(null)}
            />
        </>
    );
};
