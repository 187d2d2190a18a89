import CancelScheduleSendIcon from '@mui/icons-material/CancelScheduleSend';
import { Box, Card, CardContent, Grid, Link as MuiLink, Stack, Typography } from '@mui/material';
import { Labeled, ListButton, Show, useDataProvider, useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import { formatVietnamDateTime } from '../common/vietnamTime';
import { BulletinStatusChip, type BulletinStatus } from './fields';
import { NotificationReportPanel } from './NotificationReportPanel';
import { PhonePreview } from './PhonePreview';
import { ActionsToolbar } from '../common/ActionsToolbar';

interface BulletinRecord {
  id: string;
  committeeId: number;
  committeeName: string | null;
  title: string;
  text: string;
  link: { type: string; id: string } | null;
  publishAt: string;
  expiresAt: string;
  status: BulletinStatus;
  createdAt: string;
}

const BulletinTitle = () => {
  const record = useRecordContext<BulletinRecord>();
  return <span>{record?.title ?? ''}</span>;
};

/** Cancels a scheduled bulletin before it goes out (DELETE; 409 once it has been sent). */
const CancelButton = () => {
  const record = useRecordContext<BulletinRecord>();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const redirect = useRedirect();
  if (!record || record.status !== 'scheduled') return null;
  return (
    <ConfirmActionButton
      label="resources.bulletins.actions.cancel"
      title="resources.bulletins.cancel.title"
      content="resources.bulletins.cancel.content"
      translateOptions={{ when: formatVietnamDateTime(record.publishAt) }}
      icon={<CancelScheduleSendIcon />}
      color="error"
      action={async () => {
        await dataProvider.delete('bulletins', { id: record.id, previousData: record });
        notify('resources.bulletins.cancel.done', { type: 'info' });
        redirect('list', 'bulletins');
      }}
    />
  );
};

const ShowActions = () => (
  <ActionsToolbar>
    <ListButton />
    <CancelButton />
  </ActionsToolbar>
);

const LinkLine = ({ link }: { link: BulletinRecord['link'] }) => {
  const translate = useTranslate();
  if (!link) return <Typography variant="body2">{translate('resources.bulletins.link_types.none')}</Typography>;
  if (link.type === 'url') {
    return (
      <MuiLink href={link.id} target="_blank" rel="noopener noreferrer" sx={{ overflowWrap: 'anywhere' }}>
        {link.id}
      </MuiLink>
    );
  }
  return <Typography variant="body2">{translate(`resources.bulletins.link_types.${link.type}`, { _: link.type })}</Typography>;
};

const BulletinDetails = () => {
  const record = useRecordContext<BulletinRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack spacing={2} sx={{ p: { xs: 0, sm: 1 } }}>
      <Card variant="outlined">
        <CardContent>
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, md: 7 }}>
              <Stack spacing={1.5}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
                  <BulletinStatusChip status={record.status} />
                  <Typography variant="body2" color="text.secondary" data-testid="bulletin-publish-at">
                    {translate(record.status === 'scheduled' ? 'resources.bulletins.scheduled_for' : 'resources.bulletins.sent_at', {
                      when: formatVietnamDateTime(record.publishAt),
                    })}
                  </Typography>
                </Stack>
                <Typography variant="h6" component="h2" sx={{ overflowWrap: 'anywhere' }}>
                  {record.title}
                </Typography>
                <Typography variant="body1" sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} data-testid="bulletin-text">
                  {record.text}
                </Typography>
                <Grid container spacing={2}>
                  <Grid size={{ xs: 12, sm: 6 }}>
                    <Labeled label="resources.bulletins.fields.committeeName">
                      <Typography variant="body2">
                        {translate('resources.bulletins.audience', { committee: record.committeeName ?? '' })}
                      </Typography>
                    </Labeled>
                  </Grid>
                  <Grid size={{ xs: 12, sm: 6 }}>
                    <Labeled label="resources.bulletins.fields.link">
                      <LinkLine link={record.link} />
                    </Labeled>
                  </Grid>
                  <Grid size={{ xs: 12, sm: 6 }}>
                    <Labeled label="resources.bulletins.fields.createdAt">
                      <Typography variant="body2">{formatVietnamDateTime(record.createdAt)}</Typography>
                    </Labeled>
                  </Grid>
                  <Grid size={{ xs: 12, sm: 6 }}>
                    <Labeled label="resources.bulletins.fields.expiresAt">
                      <Typography variant="body2">{formatVietnamDateTime(record.expiresAt)}</Typography>
                    </Labeled>
                  </Grid>
                </Grid>
              </Stack>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }} sx={{ display: { xs: 'none', sm: 'block' } }}>
              <PhonePreview title={record.title} text={record.text} committeeName={record.committeeName} publishAt={record.publishAt} />
            </Grid>
          </Grid>
        </CardContent>
      </Card>
      <Box>
        <NotificationReportPanel notificationId={record.id} audienceCommitteeId={record.committeeId} />
      </Box>
    </Stack>
  );
};

/** A bulletin, the cancel button while it is scheduled, and its delivery report per sub-committee. */
export const BulletinShow = () => (
  <Show title={<BulletinTitle />} actions={<ShowActions />} component="div">
    <BulletinDetails />
  </Show>
);
