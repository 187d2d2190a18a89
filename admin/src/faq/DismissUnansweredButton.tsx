import BlockIcon from '@mui/icons-material/Block';
import { useState, type MouseEvent } from 'react';
import {
    Button,
    Confirm,
    useDataProvider,
    useNotify,
    useRecordContext,
    useRefresh,
} from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { useNotifyApiError } from '../documents/content';
import type { UnansweredQuestion } from '../types';

/** "Bỏ qua": the question leaves the open queue (it keeps counting askers). */
export const DismissUnansweredButton = () => {
    const record = useRecordContext<UnansweredQuestion>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const notify = useNotify();
    const notifyError = useNotifyApiError();
    const refresh = useRefresh();
    const [open, setOpen] = useState(false);
    const [busy, setBusy] = useState(false);

    if (!record || record.status !== 'open') return null;

    const dismiss = async () => {
        setBusy(true);
        try {
            await dataProvider.dismissUnansweredQuestion(String(record.id));
            notify('resources.unanswered-questions.dismiss.success', { type: 'info' });
            refresh();
        } catch (error) {
            notifyError(error);
        } finally {
            setBusy(false);
            setOpen(false);
        }
    };

    return (
        <>
            <Button
                label="resources.unanswered-questions.dismiss.button"
                color="inherit"
                onClick={(event: MouseEvent) => {
                    event.stopPropagation();
                    setOpen(true);
                }}
            >
                <BlockIcon />
            </Button>
            <Confirm
                isOpen={open}
                loading={busy}
                title="resources.unanswered-questions.dismiss.title"
                content="resources.unanswered-questions.dismiss.content"
                translateOptions={{ text: record.text }}
                onConfirm={dismiss}
                onClose={() => setOpen(false)}
            />
        </>
    );
};
