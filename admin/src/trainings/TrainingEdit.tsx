import { Edit, useRecordContext } from 'react-admin';
import { TrainingForm } from './TrainingForm';

const TrainingTitle = () => {
  const record = useRecordContext();
  return <span>{record?.topic ?? ''}</span>;
};

/** Pessimistic, so that the server's validation errors land on the inputs. */
export const TrainingEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" title={<TrainingTitle />}>
    <TrainingForm />
  </Edit>
);
