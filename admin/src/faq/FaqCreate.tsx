import { Create } from 'react-admin';
import { FaqForm } from './FaqForm';

export const FaqCreate = () => (
  <Create redirect="list">
    <FaqForm />
  </Create>
);
