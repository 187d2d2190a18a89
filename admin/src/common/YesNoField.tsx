import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import { Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** "Có" / "Không" with an icon beside the word: every yes/no of the dashboard (a bare ✕ says nothing to a screen reader). */
export const YesNo = ({ value, yes = 'app.yes', no = 'app.no' }: { value: boolean; yes?: string; no?: string }) => {
  const translate = useTranslate();
  const Icon = value ? CheckCircleOutlineIcon : RemoveCircleOutlineIcon;
  return (
    <Stack component="span" direction="row" spacing={0.5} sx={{ alignItems: 'center', display: 'inline-flex' }} data-testid="yes-no">
      <Icon fontSize="small" color={value ? 'success' : 'disabled'} aria-hidden />
      <Typography component="span" variant="body2" color={value ? 'text.primary' : 'text.secondary'}>
        {translate(value ? yes : no)}
      </Typography>
    </Stack>
  );
};

/** A record's yes/no field (see YesNo). */
export const YesNoField = ({ source }: { source: string; label?: string; sortable?: boolean }) => {
  const record = useRecordContext();
  if (!record) return null;
  return <YesNo value={Boolean(record[source])} />;
};
