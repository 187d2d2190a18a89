import { Edit } from 'react-admin';
import { CommitteeForm } from './CommitteeForm';

/**
 * Pessimistic, so that the server's validation errors land on the inputs and a
 * refused delete (409: the committee still has children or members) shows its
 * message without the record vanishing first.
 */
export const CommitteeEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <CommitteeForm />
  </Edit>
);
