import { Create } from 'react-admin';
import { CommitteeForm } from './CommitteeForm';

const defaultValues = { phase: 'not_started', parentId: null };

export const CommitteeCreate = () => (
  <Create redirect="show">
    <CommitteeForm defaultValues={defaultValues} />
  </Create>
);
