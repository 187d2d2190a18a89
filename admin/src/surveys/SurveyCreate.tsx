import { Create } from 'react-admin';
import { useSaveErrorHandler } from '../documents/content';
import { SurveyForm } from './SurveyForm';

export const SurveyCreate = () => {
  const onError = useSaveErrorHandler();
  return (
    <Create redirect="show" mutationOptions={{ onError }}>
      <SurveyForm />
    </Create>
  );
};
