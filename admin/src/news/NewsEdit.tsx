import { Edit, useRecordContext } from 'react-admin';
import { cleanNews, NewsForm } from './NewsForm';

const NewsTitle = () => {
  const record = useRecordContext();
  return <span>{record?.title ?? ''}</span>;
};

/** Pessimistic, so that the server's validation errors land on the inputs. */
export const NewsEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" title={<NewsTitle />} transform={cleanNews}>
    <NewsForm />
  </Edit>
);
