import BlockIcon from '@mui/icons-material/Block';
import { useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { AppDataProvider } from '../dataProvider';
import type { UnansweredQuestion } from '../types';

/** "Bỏ qua": the question leaves the open queue (it keeps counting askers). */
export const DismissUnansweredButton = () => {
  const record = useRecordContext<UnansweredQuestion>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();

  if (!record || record.status !== 'open') return null;

  return (
    <ConfirmActionButton
      label="resources.unanswered-questions.dismiss.button"
      title="resources.unanswered-questions.dismiss.title"
      content="resources.unanswered-questions.dismiss.content"
      translateOptions={{ text: record.text }}
      color="inherit"
      icon={<BlockIcon />}
      action={async () => {
        await dataProvider.dismissUnansweredQuestion(String(record.id));
        notify('resources.unanswered-questions.dismiss.success', { type: 'info' });
        refresh();
      }}
    />
  );
};
