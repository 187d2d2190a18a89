import MenuBookIcon from '@mui/icons-material/MenuBook';
import { Alert, Box, Typography } from '@mui/material';
import { useState } from 'react';
import { LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin';
import { tokenStorage } from './httpClient';

/** react-admin's login page with the app's title and a language switcher. */
export const LoginPage = () => {
  const translate = useTranslate();
  // The server ended the session (expired or revoked refresh token): say so
  // here, where it stays visible, rather than in a toast lost in the redirect.
  const [sessionEnded] = useState(tokenStorage.sessionEnded);
  return (
    <Login
      avatarIcon={<MenuBookIcon />}
      sx={{
        backgroundImage: 'radial-gradient(circle at 50% 14em, #c62828 0%, #7f0000 60%, #4a0000 100%)',
        // LoginForm's content is 300px wide: keep the card (and the alert) to it.
        '& .RaLogin-card': { width: 300, maxWidth: '100%' },
        '& .RaLogin-icon': { backgroundColor: '#b71c1c' },
      }}
    >
      <Box sx={{ px: 2, textAlign: 'center' }}>
        <Typography variant="h6" component="h1">
          {translate('app.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.subtitle')}
        </Typography>
      </Box>
      {sessionEnded && (
        <Alert severity="warning" sx={{ mx: 2, mt: 2 }}>
          {translate('ra.notification.logged_out')}
        </Alert>
      )}
      <LoginForm />
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
};
