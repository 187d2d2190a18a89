import { Create } from 'react-admin';
import { DocumentForm } from './DocumentForm';

/** After saving, the show page: that is where the file is attached. */
export const DocumentCreate = () => (
  <Create redirect="show">
    <DocumentForm />
  </Create>
);
