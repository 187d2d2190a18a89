import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/GetApp';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, AlertTitle, Box, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Button, Confirm, useDataProvider, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { saveFile } from '../download';
import { intlLocale } from '../i18n';
import type { PartyDocument } from '../types';
import { DOCUMENT_FILE_ACCEPT, isImage, isPdf } from './choices';
import { formatBytes, serverText, useApiErrorText, useNotifyApiError } from './content';

/** Human name of a detected MIME type. */
const typeKey = (mime: string) => (isPdf(mime) ? 'pdf' : isImage(mime) ? 'image' : mime.includes('wordprocessingml') ? 'docx' : 'other');

/**
 * The file fetched with the auth header into an object URL (an <iframe> or
 * <img> cannot send the bearer token itself). Refetched when the file
 * changes (its sha256), freed when the page is left.
 */
const useFileBlob = (documentId: string | undefined, sha256: string | undefined) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const [state, setState] = useState<{
    url?: string;
    blob?: Blob;
    filename?: string;
    error?: unknown;
    loading: boolean;
  }>({ loading: false });

  useEffect(() => {
    if (!documentId || !sha256) {
      setState({ loading: false });
      return undefined;
    }
    let cancelled = false;
    let objectUrl: string | undefined;
    setState({ loading: true });
    dataProvider
      .downloadDocumentFile(documentId)
      .then((file) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(file.blob);
        setState({
          url: objectUrl,
          blob: file.blob,
          filename: file.filename,
          loading: false,
        });
      })
      .catch((error) => {
        if (!cancelled) setState({ error, loading: false });
      });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [dataProvider, documentId, sha256]);
  return state;
};

/**
 * Whether the page's Content-Security-Policy refused to frame a blob: URL
 * (a policy without `frame-src blob:`): the PDF is then offered in a new tab,
 * which the policy does not govern.
 */
const useBlobFramingBlocked = (url: string | undefined) => {
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    if (!url) return undefined;
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      const directive = event.effectiveDirective || event.violatedDirective;
      if (
        (directive === 'frame-src' || directive === 'child-src' || directive === 'default-src') &&
        (event.blockedURI === 'blob' || event.blockedURI.startsWith('blob:'))
      ) {
        setBlocked(true);
      }
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, [url]);
  return blocked;
};

/**
 * The document's file: upload or replace it (POST /documents/{id}/file),
 * remove it, download it, and a preview (PDF in a frame, images inline, DOCX
 * as a download link: browsers do not render Word files).
 */
export const DocumentFilePanel = () => {
  const record = useRecordContext<PartyDocument>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const errorText = useApiErrorText();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const file = record?.file ?? null;
  const preview = useFileBlob(record?.id, file?.sha256);
  const framingBlocked = useBlobFramingBlocked(preview.url);

  if (!record) return null;

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setUploading(true);
    setUploadError(null);
    try {
      await dataProvider.uploadDocumentFile(record.id, chosen);
      notify('resources.documents.file.uploaded', {
        type: 'success',
        messageArgs: { name: chosen.name },
      });
      refresh();
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  };

  const remove = async () => {
    setConfirmRemove(false);
    try {
      await dataProvider.deleteDocumentFile(record.id);
      notify('resources.documents.file.removed', { type: 'info' });
      refresh();
    } catch (error) {
      notifyError(error);
    }
  };

  const download = () => {
    if (preview.blob) {
      saveFile({
        blob: preview.blob,
        filename: file?.name ?? preview.filename ?? 'van-ban',
      });
    }
  };

  /**
   * The file in a new tab titled by the document's title: a blob URL alone would show its UUID as the
   * tab's (and the PDF viewer's) title. The tab is a blank page of ours holding the file.
   */
  const openInTab = () => {
    if (!preview.url || !file) return;
    const tab = window.open('', '_blank');
    if (!tab) return;
    const doc = tab.document;
    doc.title = record.title;
    doc.documentElement.lang = 'vi';
    doc.body.style.margin = '0';
    const view = doc.createElement(isPdf(file.mime) ? 'embed' : 'img');
    view.setAttribute('src', preview.url);
    if (isPdf(file.mime)) view.setAttribute('type', 'application/pdf');
    view.setAttribute('title', record.title);
    view.setAttribute('style', 'position:fixed;inset:0;width:100%;height:100%;border:0;object-fit:contain');
    doc.body.appendChild(view);
    tab.opener = null;
  };

  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('resources.documents.file.title')}
        </Typography>
        <input ref={input} type="file" accept={DOCUMENT_FILE_ACCEPT} hidden onChange={upload} data-testid="document-file-input" />
        {file ? (
          <Stack spacing={0.5} sx={{ mb: 2 }} data-testid="document-file-info">
            <Typography variant="body1">
              <strong>{file.name}</strong>
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate(`resources.documents.file.types.${typeKey(file.mime)}`)}
              {' · '}
              {file.mime}
              {' · '}
              {formatBytes(file.size, intlLocale(locale))}
            </Typography>
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('resources.documents.file.none')}
          </Typography>
        )}
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            label={file ? 'resources.documents.file.replace' : 'resources.documents.file.upload'}
            onClick={() => input.current?.click()}
            disabled={uploading}
          >
            {uploading ? <CircularProgress size={16} /> : <UploadFileIcon />}
          </Button>
          {file && (
            <>
              <Button label="resources.documents.file.download" onClick={download} disabled={!preview.blob}>
                <DownloadIcon />
              </Button>
              {isPdf(file.mime) && (
                <Button label="resources.documents.file.open" onClick={openInTab} disabled={!preview.url}>
                  <OpenInNewIcon />
                </Button>
              )}
              <Button label="resources.documents.file.remove" color="error" onClick={() => setConfirmRemove(true)}>
                <DeleteIcon />
              </Button>
            </>
          )}
        </Stack>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {translate('resources.documents.file.accepted')}
        </Typography>
        {uploadError != null && (
          <Alert severity="error" sx={{ mt: 2 }} onClose={() => setUploadError(null)} data-testid="document-file-error">
            <AlertTitle>{errorText(uploadError)}</AlertTitle>
            {serverText(uploadError)}
          </Alert>
        )}
        {file && (
          <Box sx={{ mt: 2 }}>
            {preview.loading && <CircularProgress size={24} />}
            {preview.error != null && <Alert severity="warning">{translate('resources.documents.file.preview_failed')}</Alert>}
            {preview.url && isPdf(file.mime) && framingBlocked && (
              <Alert
                severity="info"
                data-testid="document-preview-blocked"
                action={
                  <Button label="resources.documents.file.open" onClick={openInTab}>
                    <OpenInNewIcon />
                  </Button>
                }
              >
                {translate('resources.documents.file.frame_blocked')}
              </Alert>
            )}
            {preview.url && isPdf(file.mime) && !framingBlocked && (
              <Box
                component="iframe"
                src={preview.url}
                title={translate('resources.documents.file.preview_of', {
                  name: record.title,
                })}
                data-testid="document-preview-pdf"
                sx={{
                  width: '100%',
                  height: '75vh',
                  border: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                }}
              />
            )}
            {preview.url && isImage(file.mime) && (
              <Box
                component="img"
                src={preview.url}
                alt={file.name}
                data-testid="document-preview-image"
                sx={{
                  maxWidth: '100%',
                  maxHeight: '75vh',
                  border: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                }}
              />
            )}
            {preview.url && !isPdf(file.mime) && !isImage(file.mime) && (
              <Alert severity="info">
                {translate('resources.documents.file.no_preview')}{' '}
                <a href={preview.url} download={file.name}>
                  {translate('resources.documents.file.download_named', {
                    name: file.name,
                  })}
                </a>
              </Alert>
            )}
          </Box>
        )}
      </CardContent>
      <Confirm
        isOpen={confirmRemove}
        title="resources.documents.file.remove_title"
        content="resources.documents.file.remove_content"
        onConfirm={remove}
        onClose={() => setConfirmRemove(false)}
      />
    </Card>
  );
};
