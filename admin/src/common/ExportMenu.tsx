import DownloadIcon from '@mui/icons-material/GetApp';
import { ListItemText, Menu, MenuItem } from '@mui/material';
import { useId, useState, type MouseEvent } from 'react';
import { Button, useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';
import type { AppDataProvider, ExportChoice, ExportableList } from '../dataProvider';
import { saveFile } from '../download';
import type { DownloadedFile } from '../types';
import { errorMessage } from './errors';

/** The choices of every export menu: Excel first where the export has it, then CSV with a comma, then with a semicolon. */
const CHOICES: ExportChoice[] = ['xlsx', 'csv', 'csv-semicolon'];

/**
 * The one export menu of the dashboard: "Excel (.xlsx)", "CSV (dấu phẩy)" and "CSV (dấu chấm phẩy,
 * Excel tiếng Việt)" (Excel with Vietnamese regional settings splits CSV cells on `;`). The file is
 * fetched with the auth header and saved through an object URL.
 */
export const ExportMenu = ({
  download,
  label = 'app.export.button',
  hint,
  disabled,
  choices = CHOICES,
}: {
  download: (format: ExportChoice) => Promise<DownloadedFile>;
  label?: string;
  hint?: string;
  disabled?: boolean;
  choices?: ExportChoice[];
}) => {
  const notify = useNotify();
  const translate = useTranslate();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (format: ExportChoice) => {
    setAnchor(null);
    setBusy(true);
    try {
      const file = await download(format);
      saveFile(file);
      notify('app.export.done', { type: 'info', messageArgs: { filename: file.filename } });
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label={label}
        title={hint ? translate(hint) : undefined}
        onClick={(event: MouseEvent<HTMLButtonElement>) => setAnchor(event.currentTarget)}
        disabled={busy || disabled}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
      >
        <DownloadIcon />
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={anchor != null} onClose={() => setAnchor(null)}>
        {choices.map((choice) => (
          <MenuItem key={choice} onClick={() => run(choice)}>
            <ListItemText>{translate(`app.export.${choice.replace('-', '_')}`)}</ListItemText>
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};

/**
 * A list's export (react-admin's client-side exporter replaced): the server writes the whole list
 * for the filters and sort on screen, in the caller's scope.
 */
export const ListExportButton = ({ list }: { list: ExportableList }) => {
  const { filterValues, sort, total } = useListContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  return (
    <ExportMenu
      hint="app.export.hint"
      disabled={total === 0}
      download={(format) => dataProvider.exportList(list, { format, filter: filterValues, sort })}
    />
  );
};
