import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { EditButton, Labeled, SelectField, Show, TextField, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { can } from '../permissions';
import type { Member } from '../types';
import { activityHoldChoices, endStateChoices, genderChoices, notInstalledReasonChoices } from './choices';
import { CreateAccountButton } from './CreateAccountButton';
import { InstalledField, MemberStatusField, PushEnabledField, YesNoField } from './fields';
import { TransferButton } from './TransferButton';
import { TransferHistory } from './TransferHistory';
import { ActionsToolbar } from '../common/ActionsToolbar';

const ShowActions = () => {
  const { permissions } = usePermissions();
  return (
    <ActionsToolbar>
      <EditButton />
      <TransferButton />
      {can.issueMemberAccounts(permissions) && <CreateAccountButton />}
    </ActionsToolbar>
  );
};

const MemberTitle = () => {
  const record = useRecordContext<Member>();
  return <span>{record?.fullName ?? ''}</span>;
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {translate(title)}
      </Typography>
      <Divider sx={{ mb: 1.5 }} />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: {
            xs: '1fr',
            sm: 'repeat(2, minmax(0, 1fr))',
            lg: 'repeat(3, minmax(0, 1fr))',
          },
          gap: 2,
        }}
      >
        {children}
      </Box>
    </Box>
  );
};

const dash = '—';

/** Sections shown only when they say something. */
const Exemption = () => {
  const record = useRecordContext<Member>();
  if (!record?.exempted) return null;
  return (
    <Section title="resources.members.sections.exemption">
      <Labeled source="exemptedAt">
        <LocaleDateField source="exemptedAt" dateOnly emptyText={dash} />
      </Labeled>
      <Labeled source="exemptedReason">
        <TextField source="exemptedReason" emptyText={dash} />
      </Labeled>
    </Section>
  );
};

/** Why the member is not counted for the branch's decisions for a while. */
const ActivityHold = () => {
  const record = useRecordContext<Member>();
  if (!record?.activityHold) return null;
  return (
    <Section title="resources.members.sections.activityHold">
      <Labeled source="activityHold">
        <SelectField source="activityHold" choices={activityHoldChoices} />
      </Labeled>
      <Labeled source="activityHoldSince">
        <LocaleDateField source="activityHoldSince" dateOnly emptyText={dash} />
      </Labeled>
      <Labeled source="activityHoldNote">
        <TextField source="activityHoldNote" emptyText={dash} />
      </Labeled>
    </Section>
  );
};

const EndState = () => {
  const record = useRecordContext<Member>();
  if (!record?.endState) return null;
  return (
    <Section title="resources.members.sections.end">
      <Labeled source="endState">
        <SelectField source="endState" choices={endStateChoices} />
      </Labeled>
      <Labeled source="endedAt">
        <LocaleDateField source="endedAt" dateOnly emptyText={dash} />
      </Labeled>
      <Labeled source="endReason">
        <TextField source="endReason" emptyText={dash} />
      </Labeled>
    </Section>
  );
};

/** One member record, then where they stood (the transfer history). */
export const MemberShow = () => (
  <Show actions={<ShowActions />} title={<MemberTitle />}>
    <Card variant="outlined" sx={{ border: 0 }}>
      <CardContent>
        <Stack>
          <Section title="resources.members.sections.identity">
            <Labeled source="fullName">
              <TextField source="fullName" />
            </Labeled>
            <Labeled source="gender">
              <SelectField source="gender" choices={genderChoices} />
            </Labeled>
            <Labeled source="birthDate">
              <LocaleDateField source="birthDate" dateOnly />
            </Labeled>
            <Labeled source="phone">
              <TextField source="phone" emptyText={dash} />
            </Labeled>
            <Labeled source="email">
              <TextField source="email" emptyText={dash} />
            </Labeled>
            <Labeled source="externalId">
              <TextField source="externalId" emptyText={dash} />
            </Labeled>
          </Section>
          <Section title="resources.members.sections.party">
            <Labeled source="committeeName">
              <TextField source="committeeName" emptyText={dash} />
            </Labeled>
            <Labeled source="status">
              <MemberStatusField />
            </Labeled>
            <Labeled source="partyCardNumber">
              <TextField source="partyCardNumber" emptyText={dash} />
            </Labeled>
            <Labeled source="admittedAt">
              <LocaleDateField source="admittedAt" dateOnly />
            </Labeled>
            <Labeled source="officialAt">
              <LocaleDateField source="officialAt" dateOnly emptyText={dash} />
            </Labeled>
            <Labeled source="exempted">
              <YesNoField source="exempted" />
            </Labeled>
          </Section>
          <Exemption />
          <ActivityHold />
          <Section title="resources.members.sections.app">
            <Labeled source="installedAt">
              <InstalledField withReason={false} />
            </Labeled>
            <Labeled source="pushEnabled">
              <PushEnabledField />
            </Labeled>
            <Labeled source="notInstalledReason">
              <SelectField source="notInstalledReason" choices={notInstalledReasonChoices} emptyText={dash} />
            </Labeled>
            <Labeled source="updatedAt">
              <LocaleDateField source="updatedAt" showTime />
            </Labeled>
          </Section>
          <EndState />
          <Box component="section">
            <TransferHistoryTitle />
            <TransferHistory />
          </Box>
        </Stack>
      </CardContent>
    </Card>
  </Show>
);

const TransferHistoryTitle = () => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {translate('resources.members.sections.transfers')}
      </Typography>
      <Divider sx={{ mb: 1 }} />
    </>
  );
};
