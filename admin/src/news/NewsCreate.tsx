import { Create } from 'react-admin';
import { cleanNews, NewsForm } from './NewsForm';

export const NewsCreate = () => (
  <Create redirect="show" transform={cleanNews}>
    <NewsForm />
  </Create>
);
