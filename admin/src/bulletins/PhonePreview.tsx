import NotificationsIcon from '@mui/icons-material/Notifications';
import { Box, Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatVietnamDateTime } from '../common/vietnamTime';

/**
 * How the notification shows on a member's phone before it is opened: the app's name, the title,
 * the first lines of the text (a phone cuts the rest) and the committee that sends it. `publishAt`:
 * a scheduled time (null: now).
 */
export const PhonePreview = ({
  title,
  text,
  committeeName,
  publishAt,
}: {
  title?: string;
  text?: string;
  committeeName?: string | null;
  publishAt?: string | null;
}) => {
  const translate = useTranslate();
  const shownTitle = title?.trim() || translate('resources.bulletins.preview.empty_title');
  const shownText = text?.trim() || translate('resources.bulletins.preview.empty_text');
  return (
    <Box
      data-testid="bulletin-preview"
      role="figure"
      aria-label={translate('resources.bulletins.preview.title')}
      sx={{
        width: '100%',
        maxWidth: 340,
        borderRadius: 5,
        p: 1.5,
        pt: 3,
        pb: 6,
        background: 'linear-gradient(160deg, #4a5d7e 0%, #22304a 100%)',
        border: '6px solid #111',
      }}
    >
      <Typography variant="h4" component="p" align="center" sx={{ color: '#fff', fontWeight: 300, mb: 2 }} aria-hidden>
        {publishAt ? formatVietnamDateTime(publishAt).slice(11) : formatVietnamDateTime(new Date()).slice(11)}
      </Typography>
      <Paper elevation={0} sx={{ borderRadius: 3, p: 1.5, bgcolor: 'rgba(255,255,255,0.92)', color: '#111' }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
          <Box sx={{ width: 20, height: 20, borderRadius: 1, bgcolor: '#c62828', display: 'grid', placeItems: 'center' }}>
            <NotificationsIcon sx={{ fontSize: 14, color: '#ffeb3b' }} />
          </Box>
          <Typography variant="caption" sx={{ flexGrow: 1, textTransform: 'uppercase', letterSpacing: 0.5 }}>
            {translate('resources.bulletins.preview.app_name')}
          </Typography>
          <Typography variant="caption" color="text.secondary" data-testid="bulletin-preview-time">
            {publishAt ? formatVietnamDateTime(publishAt) : translate('resources.bulletins.preview.now')}
          </Typography>
        </Stack>
        <Typography variant="subtitle2" data-testid="bulletin-preview-title" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
          {shownTitle}
        </Typography>
        <Typography
          variant="body2"
          data-testid="bulletin-preview-text"
          sx={{
            display: '-webkit-box',
            WebkitLineClamp: 4,
            WebkitBoxOrient: 'vertical',
            overflow: 'hidden',
            whiteSpace: 'pre-line',
            overflowWrap: 'anywhere',
          }}
        >
          {shownText}
        </Typography>
        <Typography variant="caption" color="text.secondary" data-testid="bulletin-preview-committee" sx={{ display: 'block', mt: 0.5 }}>
          {committeeName ? translate('resources.bulletins.preview.from', { committee: committeeName }) : ''}
        </Typography>
      </Paper>
    </Box>
  );
};
