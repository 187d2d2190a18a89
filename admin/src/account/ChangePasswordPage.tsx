import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  Form,
  PasswordInput,
  SaveButton,
  Title,
  maxLength,
  minLength,
  required,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useTranslate,
} from 'react-admin';
import { errorCode, errorMessage, fieldErrors } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import { fetchMe } from '../apiClient';
import { tokenStorage } from '../httpClient';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const validateCurrent = [required()];
const validateNew = [required(), minLength(10, 'app.password.too_short'), maxLength(256)];
const validateConfirm = [required()];

const validateForm = (values: Partial<PasswordValues>) => {
  const errors: Record<string, string> = {};
  if (values.newPassword && values.confirmPassword && values.newPassword !== values.confirmPassword) {
    errors.confirmPassword = 'app.password.mismatch';
  }
  if (values.newPassword && values.currentPassword && values.newPassword === values.currentPassword) {
    errors.newPassword = 'app.password.same';
  }
  return errors;
};

/**
 * POST /auth/password. An account whose password was issued by someone else
 * (`mustChangePassword`) is sent here after login and whenever the API answers
 * 403 PASSWORD_CHANGE_REQUIRED; everyone can also come here from the user menu.
 */
export const ChangePasswordPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { identity, refetch } = useGetIdentity();
  const forced = !!identity?.mustChangePassword;

  const submit = async (values: Partial<PasswordValues>) => {
    try {
      await dataProvider.changePassword(values.currentPassword ?? '', values.newPassword ?? '');
    } catch (error) {
      // the server's sentence is English; this one is translated
      if (errorCode(error) === 'PASSWORD_REUSED') return { newPassword: 'app.errors.PASSWORD_REUSED' };
      const errors = fieldErrors(error);
      if (errors) return errors;
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
    // The flag is off now: refresh the stored profile and the identity,
    // and drop any data fetched while the API was refusing.
    try {
      tokenStorage.setUser(await fetchMe());
    } catch {
      const user = tokenStorage.getUser();
      if (user) tokenStorage.setUser({ ...user, mustChangePassword: false });
    }
    await refetch();
    queryClient.invalidateQueries();
    notify('app.password.success', { type: 'success' });
    navigate('/');
    return undefined;
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('app.password.title')} />
      <Card sx={{ maxWidth: 520 }}>
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h6" component="h2">
              {translate('app.password.title')}
            </Typography>
            {forced && <Alert severity="warning">{translate('app.password.forced')}</Alert>}
            <Typography variant="body2" color="text.secondary">
              {translate('app.password.intro')}
            </Typography>
            <Form onSubmit={submit} validate={validateForm} record={{}}>
              <Stack>
                <PasswordInput
                  source="currentPassword"
                  label="app.password.current"
                  validate={validateCurrent}
                  autoComplete="current-password"
                  fullWidth
                />
                <PasswordInput source="newPassword" label="app.password.new" validate={validateNew} autoComplete="new-password" fullWidth />
                <PasswordInput
                  source="confirmPassword"
                  label="app.password.confirm"
                  validate={validateConfirm}
                  autoComplete="new-password"
                  fullWidth
                />
                <Box>
                  <SaveButton label="app.password.submit" icon={<LockIcon />} alwaysEnable />
                </Box>
              </Stack>
            </Form>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
