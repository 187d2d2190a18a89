import { Create } from 'react-admin';
import { homeCommitteeId, useSaveErrorHandler } from '../documents/content';
import { nextMonth, vietnamMonth } from './choices';
import { MeetingForm } from './MeetingForm';

/** A new meeting starts as a draft of the caller's branch for next month. */
export const MeetingCreate = () => {
  const onError = useSaveErrorHandler();
  return (
    <Create
      redirect="show"
      mutationOptions={{ onError }}
      record={{ committeeId: homeCommitteeId() ?? undefined, kind: 'regular', month: nextMonth(vietnamMonth()), agenda: [] }}
    >
      <MeetingForm create />
    </Create>
  );
};
