import { Edit, useRecordContext } from 'react-admin';
import { useSaveErrorHandler } from '../documents/content';
import type { Survey } from '../types';
import { SurveyForm } from './SurveyForm';

const SurveyTitle = () => {
  const record = useRecordContext<Survey>();
  return <span>{record?.title ?? ''}</span>;
};

/**
 * Pessimistic: validation errors land on the inputs (nested ones too:
 * `questions.2.options.0.text`), and a structure change refused after answers
 * (409 SURVEY_HAS_RESPONSES) or on a closed survey (409 SURVEY_CLOSED) is
 * told in words while the form keeps what was typed.
 */
export const SurveyEdit = () => {
  const onError = useSaveErrorHandler();
  return (
    <Edit mutationMode="pessimistic" redirect="show" title={<SurveyTitle />} mutationOptions={{ onError }}>
      <SurveyForm />
    </Edit>
  );
};
