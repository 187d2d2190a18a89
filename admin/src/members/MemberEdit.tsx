import { Edit, useRecordContext } from 'react-admin';
import type { Member } from '../types';
import { cleanMember, MemberForm } from './MemberForm';

const MemberTitle = () => {
  const record = useRecordContext<Member>();
  return <span>{record?.fullName ?? ''}</span>;
};

/** Pessimistic, so that the server's validation errors land on the inputs. */
export const MemberEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" title={<MemberTitle />} transform={cleanMember}>
    <MemberForm withEndState />
  </Edit>
);
