import { Edit, useRecordContext } from 'react-admin';
import { FaqForm } from './FaqForm';

const FaqTitle = () => {
  const record = useRecordContext();
  return <span>{record?.question ?? ''}</span>;
};

/** Pessimistic, so that the server's validation errors land on the inputs. */
export const FaqEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" title={<FaqTitle />}>
    <FaqForm />
  </Edit>
);
