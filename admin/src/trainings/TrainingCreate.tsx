import { Create } from 'react-admin';
import { TrainingForm } from './TrainingForm';

export const TrainingCreate = () => (
  <Create redirect="list">
    <TrainingForm />
  </Create>
);
