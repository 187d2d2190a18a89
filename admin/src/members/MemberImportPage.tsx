import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DownloadIcon from '@mui/icons-material/Download';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import PublishIcon from '@mui/icons-material/Publish';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
  Button as MuiButton,
  type ButtonProps as MuiButtonProps,
} from '@mui/material';
import { useRef, useState, type ChangeEvent, type ElementType, type ReactNode } from 'react';
import { Link } from 'react-router';
import { HttpError, Title, useCreatePath, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { errorCode, errorMessage } from '../common/errors';
import { saveFile } from '../download';
import type { AppDataProvider } from '../dataProvider';
import type { ImportRowProblem, MemberImportResult } from '../types';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * A button that keeps its words on a phone (react-admin's Button shows only its icon under 600 px,
 * and a secretary importing on a phone should read "Kiểm tra tệp", not guess from an icon).
 */
const Button = ({
  label,
  children,
  ...props
}: Omit<MuiButtonProps, 'children'> & { label: string; children?: ReactNode; component?: ElementType; to?: string }) => {
  const translate = useTranslate();
  return (
    <MuiButton startIcon={children} {...props}>
      {translate(label)}
    </MuiButton>
  );
};

type Outcome =
  | { kind: 'checked'; result: MemberImportResult }
  | { kind: 'invalid'; rows: ImportRowProblem[] }
  | { kind: 'imported'; result: MemberImportResult };

const Counts = ({ result }: { result: MemberImportResult }) => {
  const translate = useTranslate();
  const rows: [string, number][] = [
    ['resources.members.import.created', result.created],
    ['resources.members.import.updated', result.updated],
    ['resources.members.import.transferred', result.transferred],
    ['resources.members.import.unchanged', result.unchanged],
  ];
  return (
    <Table size="small" sx={{ maxWidth: 420 }}>
      <TableBody>
        {rows.map(([label, count], index) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={index === 2 ? { pl: 4, color: 'text.secondary' } : undefined}>
              {translate(label)}
            </TableCell>
            <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {count.toLocaleString()}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** The server's sentence in the UI language when it is a known one. */
/** The problem in the dashboard's language, by its code (admin/src/i18n/recordProblemMessages.ts). */
const ProblemMessage = ({ problem }: { problem: ImportRowProblem }) => {
  const translate = useTranslate();
  return <>{translate(`app.record_problems.${problem.code}`, { _: problem.message, ...problem.params })}</>;
};

const PER_PAGE_OPTIONS = [25, 50, 100];

/** Every problem of the file, by row and column, a page at a time. */
const ProblemTable = ({ rows }: { rows: ImportRowProblem[] }) => {
  const translate = useTranslate();
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(50);
  const shown = rows.slice(page * perPage, page * perPage + perPage);
  return (
    <Box>
      <TableContainer sx={{ maxHeight: 560 }}>
        <Table size="small" stickyHeader aria-label={translate('app.errors.IMPORT_INVALID')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 90 }}>{translate('resources.members.import.row')}</TableCell>
              <TableCell sx={{ width: 220 }}>{translate('resources.members.import.column')}</TableCell>
              <TableCell>{translate('resources.members.import.reason')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((problem, index) => (
              <TableRow key={`${problem.row}-${problem.column}-${index}`}>
                <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{problem.row}</TableCell>
                <TableCell>{problem.column}</TableCell>
                <TableCell>
                  <ProblemMessage problem={problem} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length > PER_PAGE_OPTIONS[0] && (
        <TablePagination
          component="div"
          count={rows.length}
          page={page}
          onPageChange={(_event, next) => setPage(next)}
          rowsPerPage={perPage}
          rowsPerPageOptions={PER_PAGE_OPTIONS}
          onRowsPerPageChange={(event) => {
            setPerPage(Number(event.target.value));
            setPage(0);
          }}
          labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
        />
      )}
    </Box>
  );
};

/**
 * Import with a dry run first: the file is checked on the server
 * (`?dryRun=true`) and the report shown row by row; only a clean check offers
 * "Nhập dữ liệu", which posts the same file again for real (all or nothing).
 */
export const MemberImportPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<AppDataProvider>();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const downloadTemplate = async () => {
    try {
      saveFile(await dataProvider.memberImportTemplate());
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };

  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setOutcome(null);
    // The same file can be chosen again after it was edited on disk.
    event.target.value = '';
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'commit');
    try {
      const result = await dataProvider.importMembers(file, { dryRun });
      setOutcome({ kind: dryRun ? 'checked' : 'imported', result });
    } catch (error) {
      const rows =
        error instanceof HttpError && errorCode(error) === 'IMPORT_INVALID'
          ? ((error.body as { rows?: ImportRowProblem[] })?.rows ?? [])
          : null;
      if (rows) {
        setOutcome({ kind: 'invalid', rows });
      } else {
        setOutcome(null);
        notify(errorMessage(error), { type: 'error' });
      }
    } finally {
      setBusy(null);
    }
  };

  const listPath = createPath({ resource: 'members', type: 'list' });

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.members.import.title')} />
      <Card>
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h6" component="h2">
              {translate('resources.members.import.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('resources.members.import.intro')}
            </Typography>
            <Box>
              <Button
                variant="text"
                label="resources.members.import.template"
                onClick={downloadTemplate}
                disabled={busy != null}
                data-testid="member-import-template"
              >
                <DownloadIcon />
              </Button>
            </Box>

            <Typography variant="subtitle2" component="h3">
              {translate('resources.members.import.step_check')}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
              <input ref={inputRef} type="file" accept={ACCEPT} hidden onChange={chooseFile} data-testid="member-import-file" />
              <Button
                variant="outlined"
                label="resources.members.import.choose"
                onClick={() => inputRef.current?.click()}
                disabled={busy != null}
              >
                <UploadFileIcon />
              </Button>
              <Typography variant="body2" color={file ? 'text.primary' : 'text.secondary'} sx={{ wordBreak: 'break-all' }}>
                {file ? `${file.name} (${Math.ceil(file.size / 1024).toLocaleString()} KB)` : translate('resources.members.import.no_file')}
              </Typography>
              <Button
                variant="contained"
                label={busy === 'check' ? 'resources.members.import.checking' : 'resources.members.import.check'}
                onClick={() => send(true)}
                disabled={!file || busy != null}
              >
                <FactCheckIcon />
              </Button>
            </Stack>
            {busy && <LinearProgress />}

            {outcome?.kind === 'invalid' && (
              <Stack spacing={1}>
                <Alert severity="error">
                  {translate('resources.members.import.invalid', {
                    smart_count: outcome.rows.length,
                  })}
                </Alert>
                <ProblemTable rows={outcome.rows} />
              </Stack>
            )}

            {outcome?.kind === 'checked' && (
              <Stack spacing={2}>
                <Alert severity="success">
                  {translate('resources.members.import.clean', {
                    total: outcome.result.total,
                  })}
                </Alert>
                <Counts result={outcome.result} />
                <Typography variant="subtitle2" component="h3">
                  {translate('resources.members.import.step_commit')}
                </Typography>
                <Box>
                  <Button
                    variant="contained"
                    color="primary"
                    label={busy === 'commit' ? 'resources.members.import.committing' : 'resources.members.import.commit'}
                    onClick={() => send(false)}
                    disabled={busy != null}
                  >
                    <PublishIcon />
                  </Button>
                </Box>
              </Stack>
            )}

            {outcome?.kind === 'imported' && (
              <Stack spacing={2}>
                <Alert severity="success">
                  {translate('resources.members.import.committed', {
                    total: outcome.result.total,
                  })}
                </Alert>
                <Counts result={outcome.result} />
              </Stack>
            )}

            <Box>
              <Button component={Link} to={listPath} label="resources.members.import.back">
                <ArrowBackIcon />
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
