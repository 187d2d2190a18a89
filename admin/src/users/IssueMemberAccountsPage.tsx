import PrintIcon from '@mui/icons-material/Print';
import { Alert, AlertTitle, Box, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Confirm,
  Form,
  Loading,
  ReferenceInput,
  SaveButton,
  Title,
  required,
  useDataProvider,
  useGetIdentity,
  useGetOne,
  useNotify,
  useTranslate,
} from 'react-admin';
import { errorMessage } from '../common/errors';
import { committeeOptionText } from '../committees/choices';
import type { AppDataProvider } from '../dataProvider';
import { saveFile } from '../download';
import type { Committee } from '../types';

const filterToQuery = (q: string) => ({ q });
const requiredValidator = required();

/**
 * Issue the mobile-app accounts of every current member of a subtree who has
 * none (POST /members/accounts/bulk, format xlsx) and download the sheet of
 * usernames and initial passwords, to print and cut. The passwords exist only
 * in that file: the page says so before and after.
 */
export const IssueMemberAccountsPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { identity, isPending } = useGetIdentity();
  const [pending, setPending] = useState<{ committeeId: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { data: pendingCommittee } = useGetOne<Committee>('committees', { id: pending?.committeeId }, { enabled: pending != null });

  if (isPending) return <Loading />;

  const issue = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const file = await dataProvider.issueMemberAccounts(pending.committeeId);
      saveFile(file);
      setDone(file.filename);
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('app.bulk_accounts.title')} />
      <Card>
        <CardContent>
          <Stack spacing={2} sx={{ maxWidth: 760 }}>
            <Typography variant="h6" component="h2">
              {translate('app.bulk_accounts.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('app.bulk_accounts.intro')}
            </Typography>
            <Alert severity="warning">{translate('app.bulk_accounts.warning')}</Alert>
            <Form
              record={{ committeeId: identity?.committeeId ?? null }}
              onSubmit={(values: { committeeId?: number | null }) => {
                setDone(null);
                setPending({ committeeId: Number(values.committeeId) });
              }}
            >
              <Stack spacing={1}>
                <ReferenceInput source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
                  <AutocompleteInput
                    label="app.bulk_accounts.committee"
                    optionText={committeeOptionText}
                    filterToQuery={filterToQuery}
                    validate={requiredValidator}
                    fullWidth
                  />
                </ReferenceInput>
                <Box>
                  <SaveButton label="app.bulk_accounts.submit" icon={<PrintIcon />} alwaysEnable disabled={busy} />
                </Box>
              </Stack>
            </Form>
            {busy && <LinearProgress />}
            {done && (
              <Alert severity="success">
                <AlertTitle>{done}</AlertTitle>
                {translate('app.bulk_accounts.done', { filename: done })}
              </Alert>
            )}
          </Stack>
        </CardContent>
      </Card>
      <Confirm
        isOpen={pending != null}
        loading={busy}
        title="app.bulk_accounts.confirm_title"
        titleTranslateOptions={{ name: pendingCommittee?.name ?? '' }}
        content="app.bulk_accounts.confirm_content"
        confirm="app.bulk_accounts.submit"
        ConfirmIcon={PrintIcon}
        onConfirm={issue}
        onClose={() => setPending(null)}
      />
    </Box>
  );
};
