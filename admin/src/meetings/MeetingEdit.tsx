import { Edit, useRecordContext } from 'react-admin';
import { useSaveErrorHandler } from '../documents/content';
import type { Meeting } from './types';
import { MeetingForm } from './MeetingForm';

const MeetingTitle = () => {
  const record = useRecordContext<Meeting>();
  return <span>{record?.title ?? ''}</span>;
};

/** Pessimistic: a refused change (409 on a meeting that has started) keeps what was typed. */
export const MeetingEdit = () => {
  const onError = useSaveErrorHandler();
  return (
    <Edit mutationMode="pessimistic" redirect="show" title={<MeetingTitle />} mutationOptions={{ onError }}>
      <MeetingForm />
    </Edit>
  );
};
