import DownloadIcon from '@mui/icons-material/GetApp';
import { ListItemText, Menu, MenuItem } from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { Button, useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';
import { errorMessage } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import { saveFile } from '../download';

/**
 * Replaces react-admin's client-side exporter: the server writes the whole
 * filtered list (same filters and sort as the list) as .xlsx or .csv, and the
 * file is fetched with the auth header, then saved through an object URL.
 */
export const ExportMembersButton = () => {
  const { filterValues, sort, total } = useListContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (format: 'xlsx' | 'csv') => {
    setAnchor(null);
    setBusy(true);
    try {
      const file = await dataProvider.exportMembers({
        format,
        filter: filterValues,
        sort,
      });
      saveFile(file);
      notify('resources.members.export.done', {
        type: 'info',
        messageArgs: { filename: file.filename },
      });
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label="resources.members.export.button"
        title={translate('resources.members.export.hint')}
        onClick={(event: MouseEvent<HTMLButtonElement>) => setAnchor(event.currentTarget)}
        disabled={busy || total === 0}
        aria-haspopup="menu"
        aria-controls={anchor ? 'export-members-menu' : undefined}
      >
        <DownloadIcon />
      </Button>
      <Menu id="export-members-menu" anchorEl={anchor} open={anchor != null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => download('xlsx')}>
          <ListItemText>{translate('resources.members.export.xlsx')}</ListItemText>
        </MenuItem>
        <MenuItem onClick={() => download('csv')}>
          <ListItemText>{translate('resources.members.export.csv')}</ListItemText>
        </MenuItem>
      </Menu>
    </>
  );
};
