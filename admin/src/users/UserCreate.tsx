import { Create } from 'react-admin';
import { UserCreateForm } from './UserForm';

/** A staff account; its password must be changed at the first sign-in. */
export const UserCreate = () => (
  <Create redirect="list">
    <UserCreateForm />
  </Create>
);
