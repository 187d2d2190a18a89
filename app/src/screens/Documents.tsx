import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import type { components } from '../../../clients/typescript/schema';
import { answer, api, ApiError } from '../api';
import { documentFileUrl, dropOffline, isOffline, keepOffline } from '../offline';
import { track } from '../outbox';
import { Link, navigate, useLocation } from '../router';
import { DOCUMENT_TYPES, ErrorNotice, errorMessage, Field, formatDate, Loading, Notice, Page, useLoad, useOnline } from '../ui';

type DocItem = components['schemas']['MyDocumentItem'];

// pdf.js is large: loaded with the reader only, never with the login screen
const PdfReader = lazy(() => import('./PdfReader'));

/** The documents library: search, filter by type, the member's bookmarks (kept for offline reading). */
export function Documents() {
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const type = query.get('type') ?? '';
  const tab = query.get('tab') === 'bookmarks' ? 'bookmarks' : 'all';
  const [text, setText] = useState(q);
  const [items, setItems] = useState<DocItem[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();

  useEffect(() => {
    setCursor(undefined);
  }, [q, type, tab]);

  const { data, error, loading, reload } = useLoad(async () => {
    if (tab === 'bookmarks')
      return answer(api.GET('/api/me/bookmarks', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }));
    return answer(
      api.GET('/api/me/documents', {
        params: {
          query: {
            limit: 20,
            ...(q ? { q } : {}),
            ...(type ? { type: type as DocItem['type'] } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    );
  }, [q, type, tab, cursor]);
  useEffect(() => {
    if (data) setItems((prev) => (cursor ? [...prev, ...data.items] : data.items));
  }, [data, cursor]);

  const go = (params: Record<string, string>) => {
    const next = new URLSearchParams({ ...(q ? { q } : {}), ...(type ? { type } : {}), ...(tab !== 'all' ? { tab } : {}), ...params });
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    const s = next.toString();
    navigate(`/documents${s ? `?${s}` : ''}`, { replace: true });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    go({ q: text.trim(), tab: '' });
  };

  return (
    <Page title="Thư viện văn bản">
      <div className="actions" role="group" aria-label="Chọn danh sách">
        <button
          type="button"
          className={`btn ${tab === 'all' ? '' : 'secondary'}`}
          aria-pressed={tab === 'all'}
          onClick={() => go({ tab: '' })}
        >
          Tất cả văn bản
        </button>
        <button
          type="button"
          className={`btn ${tab === 'bookmarks' ? '' : 'secondary'}`}
          aria-pressed={tab === 'bookmarks'}
          onClick={() => go({ tab: 'bookmarks' })}
        >
          Đã lưu
        </button>
      </div>
      {tab === 'all' && (
        <form onSubmit={search} role="search">
          <Field label="Tìm văn bản" hint="gõ có dấu hoặc không dấu">
            {(p) => <input {...p} type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Field label="Loại văn bản">
            {(p) => (
              <select {...p} value={type} onChange={(e) => go({ type: e.target.value })}>
                <option value="">Tất cả</option>
                {Object.entries(DOCUMENT_TYPES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="btn block">
            Tìm
          </button>
        </form>
      )}
      {tab === 'bookmarks' && <p>Văn bản đã lưu được giữ trên máy: đọc được cả khi không có mạng.</p>}
      <ul className="list" aria-label="Danh sách văn bản">
        {items.map((d) => (
          <li key={d.id}>
            <Link to={`/documents/${d.id}`}>
              <span className="itemtitle">{d.title}</span>
              <br />
              <span className="meta">
                {DOCUMENT_TYPES[d.type]} {d.number ?? ''} · {d.issuingBody}
                {d.issuedOn ? ` · ${formatDate(d.issuedOn)}` : ''}
                {d.bookmarked ? ' · Đã lưu' : ''}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {loading && <Loading />}
      {error !== undefined && <ErrorNotice error={error} retry={reload} />}
      {!loading && !error && items.length === 0 && (
        <p>{tab === 'bookmarks' ? 'Bạn chưa lưu văn bản nào.' : 'Không tìm thấy văn bản nào.'}</p>
      )}
      {data?.nextCursor && !loading && (
        <button type="button" className="btn secondary block" onClick={() => setCursor(data.nextCursor!)}>
          Xem thêm
        </button>
      )}
    </Page>
  );
}

export function DocumentView({ id }: { id: string }) {
  const { data, error, loading, reload } = useLoad(() => answer(api.GET('/api/me/documents/{id}', { params: { path: { id } } })), [id]);
  const [bookmarked, setBookmarked] = useState<boolean | null>(null);
  const [offline, setOffline] = useState(false);
  const [reading, setReading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const online = useOnline();

  useEffect(() => {
    if (!data) return;
    setBookmarked(data.bookmarked);
    void isOffline(documentFileUrl(id)).then((kept) => {
      setOffline(kept);
      // a copy of the detail kept from before it was bookmarked (read with no network) says otherwise
      if (kept) setBookmarked(true);
    });
  }, [data, id]);
  // one view per visit, once the document is shown (not again when its detail is refreshed)
  const viewed = useRef(false);
  useEffect(() => {
    if (!data || viewed.current) return;
    viewed.current = true;
    void track('view', { type: 'document', id });
  }, [data, id]);

  const toggle = async () => {
    if (!data) return;
    setBusy(true);
    setMessage(null);
    try {
      if (bookmarked) {
        await api.DELETE('/api/me/bookmarks/{documentId}', { params: { path: { documentId: id } } });
        await dropOffline(documentFileUrl(id));
        setOffline(false);
        setBookmarked(false);
        setMessage({ kind: 'ok', text: 'Đã bỏ lưu văn bản.' });
      } else {
        await api.PUT('/api/me/bookmarks/{documentId}', { params: { path: { documentId: id } }, body: {} });
        setBookmarked(true);
        if (data.hasFile) {
          await keepOffline(documentFileUrl(id));
          setOffline(true);
        }
        setMessage({ kind: 'ok', text: data.hasFile ? 'Đã lưu. Văn bản đọc được cả khi không có mạng.' : 'Đã lưu văn bản.' });
      }
      // the copy of the detail kept for offline reading follows
      reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.network ? 'Cần có mạng để lưu văn bản.' : errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  if (loading && !data) return <Loading />;
  if (error !== undefined || !data) return <ErrorNotice error={error} retry={reload} />;
  return (
    <Page title={data.title}>
      <p className="meta">
        {DOCUMENT_TYPES[data.type]} {data.number ?? ''} · {data.issuingBody}
        {data.issuedOn ? ` · ban hành ${formatDate(data.issuedOn)}` : ''}
      </p>
      {data.summary && <p>{data.summary}</p>}
      {data.tags.length > 0 && <p className="meta">Từ khóa: {data.tags.join(', ')}</p>}
      <div className="actions">
        {data.hasFile && (
          <button type="button" className="btn" onClick={() => setReading(true)} disabled={!online && !offline}>
            Đọc văn bản
          </button>
        )}
        <button
          type="button"
          className="btn secondary"
          onClick={() => void toggle()}
          disabled={busy || bookmarked === null}
          aria-pressed={!!bookmarked}
        >
          {bookmarked ? 'Bỏ lưu' : 'Lưu để đọc khi không có mạng'}
        </button>
      </div>
      {offline && <p>Đã lưu trên máy: đọc được khi không có mạng.</p>}
      {!online && !offline && data.hasFile && <Notice kind="warn">Văn bản này chưa được lưu trên máy; cần có mạng để đọc.</Notice>}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {reading && (
        <Suspense fallback={<Loading label="Đang mở trình đọc PDF…" />}>
          <PdfReader url={documentFileUrl(id)} title={data.title} />
        </Suspense>
      )}
    </Page>
  );
}
