import { Create, Loading, useGetIdentity } from 'react-admin';
import { cleanMember, MemberForm } from './MemberForm';

/** A secretary adds members to their own branch: it is pre-filled. */
export const MemberCreate = () => {
  const { identity, isPending } = useGetIdentity();
  if (isPending) return <Loading />;
  const defaultValues = {
    exempted: false,
    committeeId: identity?.role === 'secretary' ? (identity.committeeId ?? null) : null,
  };
  return (
    <Create redirect="show" transform={cleanMember}>
      <MemberForm defaultValues={defaultValues} />
    </Create>
  );
};
