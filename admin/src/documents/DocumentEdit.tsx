import { Edit, useRecordContext } from 'react-admin';
import type { PartyDocument } from '../types';
import { DocumentForm } from './DocumentForm';

const DocumentTitle = () => {
  const record = useRecordContext<PartyDocument>();
  return <span>{record?.title ?? ''}</span>;
};

/** Pessimistic, so that the server's validation errors land on the inputs. */
export const DocumentEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" title={<DocumentTitle />}>
    <DocumentForm />
  </Edit>
);
