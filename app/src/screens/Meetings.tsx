import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import type { components } from '../../../clients/typescript/schema';
import { answer, api, ApiError, fetchFile } from '../api';
import { queueWrite } from '../outbox';
import { Link } from '../router';
import { ErrorNotice, errorMessage, Field, formatDate, formatDateTime, Loading, Notice, Page, useLoad, useOnline } from '../ui';
import { nextMeeting, prefetchNextMeeting } from './meeting-offline';

type Schemas = components['schemas'];
type Detail = Schemas['MyMeetingDetail'];
type Attachment = Schemas['MyMeetingAttachment'];

const PdfReader = lazy(() => import('./PdfReader'));

const STATUS: Record<string, string> = {
  draft: 'Bản nháp',
  scheduled: 'Đã lên lịch',
  in_progress: 'Đang họp',
  held: 'Đã họp',
  minutes_locked: 'Đã chốt biên bản',
  postponed: 'Hoãn',
  cancelled: 'Hủy',
};
const ATTENDANCE: Record<string, string> = {
  invited: 'Chưa điểm danh',
  present: 'Có mặt',
  late: 'Đến muộn',
  excused: 'Vắng có lý do',
  unexcused: 'Vắng không lý do',
  exempt: 'Miễn sinh hoạt',
};
const EXCUSE: Record<string, string> = {
  pending: 'đang chờ chi bộ xem xét',
  accepted: 'đã được chấp nhận',
  declined: 'không được chấp nhận',
};
const CHOICES = [
  ['agree', 'Đồng ý'],
  ['disagree', 'Không đồng ý'],
  ['other', 'Ý kiến khác'],
] as const;

export function Meetings() {
  const { data, error, loading, reload } = useLoad(async () => {
    const page = await answer(api.GET('/api/me/meetings', { params: { query: { limit: 30 } } }));
    void prefetchNextMeeting(page.items);
    return page;
  }, []);
  const next = data ? nextMeeting(data.items) : undefined;
  return (
    <Page title="Sinh hoạt chi bộ">
      <p>
        <Link to="/tasks">Việc được giao cho tôi</Link>
      </p>
      {loading && !data && <Loading />}
      {error !== undefined && <ErrorNotice error={error} retry={reload} />}
      {data && data.items.length === 0 && <p>Chưa có buổi sinh hoạt nào.</p>}
      <ul className="list">
        {data?.items.map((m) => (
          <li key={m.id}>
            <Link to={`/meetings/${m.id}`}>
              <span className="itemtitle">{m.title}</span>
              {m.id === next?.id && <strong> (buổi tới)</strong>}
              <br />
              <span className="meta">
                {formatDateTime(m.startsAt) || `Tháng ${m.month}`}
                {m.place ? ` · ${m.place}` : ''} · {STATUS[m.status]}
                {m.myAttendanceState ? ` · ${ATTENDANCE[m.myAttendanceState]}` : ''}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function MeetingView({ id }: { id: string }) {
  const { data, error, loading, reload } = useLoad(() => answer(api.GET('/api/me/meetings/{id}', { params: { path: { id } } })), [id]);
  if (loading && !data) return <Loading />;
  if (error !== undefined || !data) return <ErrorNotice error={error} retry={reload} />;
  const m = data;
  return (
    <Page title={m.title}>
      <p className="meta">
        {m.committeeName} · {STATUS[m.status]}
        {m.statusReason ? ` (${m.statusReason})` : ''}
      </p>
      <p>
        <strong>Thời gian:</strong> {formatDateTime(m.startsAt) || `tháng ${m.month}`}
        {m.endsAt ? ` đến ${formatDateTime(m.endsAt)}` : ''}
        <br />
        <strong>Địa điểm:</strong> {m.place ?? 'chưa có'}
        {m.onlineUrl && (
          <>
            <br />
            <a href={m.onlineUrl} target="_blank" rel="noreferrer noopener">
              Họp trực tuyến
            </a>
          </>
        )}
      </p>
      {m.myAttendanceState && (
        <p>
          <strong>Điểm danh của tôi:</strong> {ATTENDANCE[m.myAttendanceState]}
        </p>
      )}
      {m.status === 'in_progress' && m.myAttendanceState === 'invited' && <CheckIn meetingId={m.id} onDone={reload} />}
      <Agenda meeting={m} />
      {(m.canAskExcuse || m.myExcuse) && <Excuse meeting={m} onDone={reload} />}
      {m.status === 'in_progress' && <Motions meeting={m} />}
      {(m.status === 'held' || m.status === 'minutes_locked') && <Minutes id={m.id} />}
    </Page>
  );
}

function CheckIn({ meetingId, onDone }: { meetingId: string; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const online = useOnline();
  const canScan = typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;

  const send = async (value: string) => {
    if (!navigator.onLine) {
      setProblem('Cần có mạng để điểm danh: mã điểm danh chỉ có hiệu lực trong vài phút. Hãy kết nối mạng rồi thử lại.');
      return;
    }
    if (!/^[0-9]{6}$/.test(value)) {
      setProblem('Mã điểm danh gồm 6 chữ số.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.POST('/api/me/meetings/{id}/check-in', { params: { path: { id: meetingId } }, body: { code: value } });
      onDone();
    } catch (e) {
      setProblem(e instanceof ApiError && e.network ? 'Cần có mạng để điểm danh. Hãy thử lại khi có mạng.' : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(code.trim());
  };

  return (
    <section className="card" aria-labelledby="checkin-title">
      <h2 id="checkin-title">Điểm danh</h2>
      {!online && <Notice kind="warn">Đang không có mạng: cần có mạng để điểm danh.</Notice>}
      <form onSubmit={submit} noValidate>
        <Field label="Mã điểm danh" hint="6 chữ số bí thư đọc hoặc chiếu">
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            />
          )}
        </Field>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? 'Đang gửi…' : 'Điểm danh'}
          </button>
          {canScan && (
            <button type="button" className="btn secondary" onClick={() => setScanning((s) => !s)} aria-expanded={scanning}>
              {scanning ? 'Tắt máy ảnh' : 'Quét mã QR'}
            </button>
          )}
        </div>
      </form>
      {!canScan && <p className="meta">Máy này không quét được mã QR trong ứng dụng: hãy nhập mã 6 chữ số.</p>}
      {scanning && (
        <Scanner
          onText={(text) => {
            const found = /^sotay:checkin:([0-9a-f-]{36}):([0-9]{6})$/.exec(text.trim());
            if (!found) return setProblem('Mã QR này không phải mã điểm danh của Sổ tay.');
            if (found[1] !== meetingId) return setProblem('Mã QR này là của buổi sinh hoạt khác.');
            setScanning(false);
            setCode(found[2]);
            void send(found[2]);
          }}
          onError={(text) => {
            setScanning(false);
            setProblem(text);
          }}
        />
      )}
    </section>
  );
}

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

function Scanner({ onText, onError }: { onText: (text: string) => void; onError: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onText, onError });
  handlers.current = { onText, onError };
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stop = false;
    (async () => {
      const Ctor = (window as unknown as { BarcodeDetector: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
      const detector = new Ctor({ formats: ['qr_code'] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      if (!video.current || stop) return;
      video.current.srcObject = stream;
      await video.current.play();
      while (!stop) {
        const codes = await detector.detect(video.current).catch(() => []);
        if (codes[0]) {
          handlers.current.onText(codes[0].rawValue);
          return;
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    })().catch(() => handlers.current.onError('Không mở được máy ảnh. Hãy cho phép ứng dụng dùng máy ảnh, hoặc nhập mã 6 chữ số.'));
    return () => {
      stop = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return <video ref={video} className="scanner" muted playsInline aria-label="Hình ảnh máy ảnh để quét mã QR điểm danh" />;
}

function Agenda({ meeting }: { meeting: Detail }) {
  const [open, setOpen] = useState<Attachment | null>(null);
  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title">Chương trình</h2>
      {meeting.agenda.length === 0 && <p>Chưa có chương trình.</p>}
      <ol>
        {meeting.agenda.map((a) => (
          <li key={a.id}>
            <h3>{a.title}</h3>
            {a.presenterName && <p className="meta">Trình bày: {a.presenterName}</p>}
            {a.description && <p style={{ whiteSpace: 'pre-wrap' }}>{a.description}</p>}
            {a.attachments.length > 0 && (
              <ul className="list">
                {a.attachments.map((f) => (
                  <li key={f.id}>
                    <button
                      type="button"
                      className="btn secondary block"
                      style={{ justifyContent: 'flex-start', textAlign: 'left', margin: '0.25rem 0' }}
                      onClick={() => setOpen(open?.id === f.id ? null : f)}
                      aria-expanded={open?.id === f.id}
                    >
                      Tài liệu: {f.title}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {open && a.attachments.some((f) => f.id === open.id) && <AttachmentView file={open} />}
            {meeting.canComment && <Comments meetingId={meeting.id} agendaItemId={a.id} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function AttachmentView({ file }: { file: Attachment }) {
  const { data, error, loading } = useLoad(async () => {
    const blob = await fetchFile(file.url);
    return { type: blob.type, href: URL.createObjectURL(blob) };
  }, [file.url]);
  useEffect(() => () => data && URL.revokeObjectURL(data.href), [data]);
  if (loading) return <Loading label="Đang mở tài liệu…" />;
  if (error !== undefined || !data) return <ErrorNotice error={error} />;
  if (data.type.includes('pdf'))
    return (
      <Suspense fallback={<Loading label="Đang mở trình đọc PDF…" />}>
        <PdfReader url={file.url} title={file.title} />
      </Suspense>
    );
  if (data.type.startsWith('image/')) return <img src={data.href} alt={file.title} />;
  return (
    <p>
      <a className="btn secondary" href={data.href} download={file.title}>
        Tải tài liệu về máy
      </a>
    </p>
  );
}

function Comments({ meetingId, agendaItemId }: { meetingId: string; agendaItemId: string }) {
  const { data, reload } = useLoad(
    () => answer(api.GET('/api/me/meetings/{id}/comments', { params: { path: { id: meetingId } } })),
    [meetingId],
  );
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const mine = data?.filter((c) => c.agendaItemId === agendaItemId && !c.hidden) ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = body.trim();
    if (!text) return;
    setBusy(true);
    setNote(null);
    try {
      await api.POST('/api/me/meetings/{id}/comments', { params: { path: { id: meetingId } }, body: { agendaItemId, body: text } });
      setBody('');
      setNote({ kind: 'ok', text: 'Đã gửi ý kiến.' });
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.network) {
        await queueWrite({ op: 'comment', meetingId, body: { agendaItemId, body: text } }, 'Ý kiến góp ý chương trình sinh hoạt');
        setBody('');
        setNote({ kind: 'warn', text: 'Đang không có mạng: ý kiến đã được lưu và sẽ tự gửi khi có mạng.' });
      } else {
        // what was typed stays in the box
        setNote({ kind: 'error', text: errorMessage(err) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h4 style={{ margin: '0 0 0.5rem' }}>Ý kiến ({mine.length})</h4>
      {mine.map((c) => (
        <p key={c.id}>
          <strong>{c.mine ? 'Tôi' : (c.fullName ?? 'Đảng viên')}</strong> ({formatDateTime(c.createdAt)}): {c.body}
        </p>
      ))}
      <form onSubmit={submit}>
        <Field label="Góp ý của tôi cho mục này">
          {(p) => <textarea {...p} value={body} onChange={(e) => setBody(e.target.value)} rows={2} maxLength={2000} />}
        </Field>
        <button type="submit" className="btn" disabled={busy || !body.trim()}>
          {busy ? 'Đang gửi…' : 'Gửi ý kiến'}
        </button>
      </form>
      {note && <Notice kind={note.kind}>{note.text}</Notice>}
    </div>
  );
}

function Excuse({ meeting, onDone }: { meeting: Detail; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = reason.trim();
    if (text.length < 3) {
      setNote({ kind: 'error', text: 'Hãy ghi lý do xin vắng.' });
      return;
    }
    setBusy(true);
    setNote(null);
    try {
      await api.POST('/api/me/meetings/{id}/excuse', { params: { path: { id: meeting.id } }, body: { reason: text } });
      setReason('');
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.network) {
        await queueWrite({ op: 'excuse', meetingId: meeting.id, body: { reason: text } }, `Xin vắng “${meeting.title}”`);
        setReason('');
        setNote({ kind: 'warn', text: 'Đang không có mạng: đơn xin vắng đã được lưu và sẽ tự gửi khi có mạng.' });
      } else {
        setNote({ kind: 'error', text: errorMessage(err) });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="excuse-title">
      <h2 id="excuse-title">Xin vắng</h2>
      {meeting.myExcuse && (
        <p>
          Đơn xin vắng của bạn ({formatDate(meeting.myExcuse.createdAt)}): “{meeting.myExcuse.reason}”, {EXCUSE[meeting.myExcuse.status]}
          {meeting.myExcuse.decisionNote ? `. Ghi chú: ${meeting.myExcuse.decisionNote}` : ''}
        </p>
      )}
      {meeting.canAskExcuse && (
        <form onSubmit={submit}>
          <Field label="Lý do xin vắng">
            {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} />}
          </Field>
          <button type="submit" className="btn" disabled={busy}>
            {busy ? 'Đang gửi…' : 'Gửi đơn xin vắng'}
          </button>
        </form>
      )}
      {note && <Notice kind={note.kind}>{note.text}</Notice>}
    </section>
  );
}

function Motions({ meeting }: { meeting: Detail }) {
  const { data, error, reload } = useLoad(
    () => answer(api.GET('/api/me/meetings/{id}/motions', { params: { path: { id: meeting.id } } })),
    [meeting.id],
  );
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [other, setOther] = useState<Record<string, string>>({});
  const [note, setNote] = useState<Record<string, string>>({});
  const online = useOnline();
  if (error !== undefined) return <ErrorNotice error={error} retry={reload} />;
  if (!data || data.length === 0) return null;

  const vote = async (motionId: string) => {
    if (!navigator.onLine) {
      setNote((n) => ({
        ...n,
        [motionId]: 'Cần có mạng để biểu quyết: phiếu chỉ được tính khi biểu quyết đang mở. Hãy kết nối mạng rồi thử lại.',
      }));
      return;
    }
    const c = choice[motionId] as 'agree' | 'disagree' | 'other' | undefined;
    if (!c) {
      setNote((n) => ({ ...n, [motionId]: 'Hãy chọn một ý kiến.' }));
      return;
    }
    try {
      await api.POST('/api/me/meetings/{id}/motions/{motionId}/vote', {
        params: { path: { id: meeting.id, motionId } },
        body: { choice: c, ...(c === 'other' && other[motionId]?.trim() ? { otherText: other[motionId].trim() } : {}) },
      });
      setNote((n) => ({ ...n, [motionId]: '' }));
      reload();
    } catch (e) {
      setNote((n) => ({ ...n, [motionId]: e instanceof ApiError && e.network ? 'Cần có mạng để biểu quyết.' : errorMessage(e) }));
    }
  };

  return (
    <section aria-labelledby="votes-title">
      <h2 id="votes-title">Biểu quyết</h2>
      {!online && <Notice kind="warn">Đang không có mạng: cần có mạng để biểu quyết.</Notice>}
      {data.map((m) => (
        <div key={m.id} className="card">
          <h3>{m.title}</h3>
          <p className="meta">
            {m.secret ? 'Bỏ phiếu kín' : 'Biểu quyết công khai'} · {m.status === 'open' ? 'đang mở' : 'đã kết thúc'} · {m.votedCount} người
            đã biểu quyết
          </p>
          {m.hasVoted && <Notice kind="ok">Bạn đã biểu quyết.</Notice>}
          {m.status === 'closed' && m.agreeCount !== null && (
            <p>
              Đồng ý: {m.agreeCount} · Không đồng ý: {m.disagreeCount} · Ý kiến khác: {m.otherCount}
              {m.passed !== null && (m.passed ? ' · Được thông qua' : ' · Không được thông qua')}
            </p>
          )}
          {m.status === 'open' && !m.hasVoted && meeting.canVote && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void vote(m.id);
              }}
            >
              <fieldset>
                <legend>Ý kiến của tôi</legend>
                {CHOICES.map(([value, label]) => (
                  <label key={value} className="choice">
                    <input
                      type="radio"
                      name={`vote-${m.id}`}
                      checked={choice[m.id] === value}
                      onChange={() => setChoice((c) => ({ ...c, [m.id]: value }))}
                    />
                    {label}
                  </label>
                ))}
                {choice[m.id] === 'other' && (
                  <Field label="Ý kiến khác của tôi">
                    {(p) => (
                      <input
                        {...p}
                        value={other[m.id] ?? ''}
                        onChange={(e) => setOther((o) => ({ ...o, [m.id]: e.target.value }))}
                        maxLength={500}
                      />
                    )}
                  </Field>
                )}
              </fieldset>
              <button type="submit" className="btn">
                Gửi biểu quyết
              </button>
            </form>
          )}
          {m.status === 'open' && !m.hasVoted && !meeting.canVote && (
            <p>Bạn chưa biểu quyết được: cần điểm danh trước (đảng viên dự bị không biểu quyết).</p>
          )}
          {note[m.id] && (
            <p className="error" role="alert">
              {note[m.id]}
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

function Minutes({ id }: { id: string }) {
  const { data, error, reload } = useLoad(() => answer(api.GET('/api/me/meetings/{id}/minutes', { params: { path: { id } } })), [id]);
  if (error !== undefined) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <section aria-labelledby="minutes-title">
      <h2 id="minutes-title">Biên bản {data.lockedAt ? '(đã chốt)' : '(bản nháp)'}</h2>
      <p>
        Có mặt {data.attendance.present + data.attendance.late}/{data.attendance.total}; vắng có lý do {data.attendance.excused}; vắng không
        lý do {data.attendance.unexcused}.
      </p>
      {data.summary && <p style={{ whiteSpace: 'pre-wrap' }}>{data.summary}</p>}
      {data.conclusions && (
        <>
          <h3>Kết luận</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{data.conclusions}</p>
        </>
      )}
      {data.votes.length > 0 && (
        <>
          <h3>Kết quả biểu quyết</h3>
          <ul>
            {data.votes.map((v) => (
              <li key={v.motionId}>
                {v.title}: đồng ý {v.agreeCount}, không đồng ý {v.disagreeCount}, ý kiến khác {v.otherCount}
                {v.passed !== null && (v.passed ? ': được thông qua' : ': không được thông qua')}
              </li>
            ))}
          </ul>
        </>
      )}
      {data.tasks.length > 0 && (
        <>
          <h3>Phân công</h3>
          <ul>
            {data.tasks.map((t) => (
              <li key={t.id}>
                {t.title} ({t.assigneeName ?? 'chi bộ'}
                {t.dueOn ? `, hạn ${formatDate(t.dueOn)}` : ''})
              </li>
            ))}
          </ul>
        </>
      )}
      {data.addenda.map((a) => (
        <p key={a.id}>
          <strong>Bổ sung ({formatDate(a.createdAt)}):</strong> {a.body}
        </p>
      ))}
    </section>
  );
}

export function Tasks() {
  const { data, error, loading, reload } = useLoad(() => answer(api.GET('/api/me/tasks')), []);
  const [problem, setProblem] = useState<string | null>(null);
  const done = async (id: string) => {
    setProblem(null);
    try {
      await api.POST('/api/me/tasks/{id}/done', { params: { path: { id } }, body: {} });
      reload();
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  return (
    <Page title="Việc được giao cho tôi">
      {loading && !data && <Loading />}
      {error !== undefined && <ErrorNotice error={error} retry={reload} />}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {data && data.items.length === 0 && <p>Bạn không có việc nào được giao.</p>}
      <ul className="list">
        {data?.items.map((t) => (
          <li key={t.id}>
            <div className="row">
              <strong>{t.title}</strong>
              <br />
              <span className="meta">
                {t.meetingTitle}
                {t.dueOn ? ` · hạn ${formatDate(t.dueOn)}` : ''} · {t.done ? 'Đã xong' : t.overdue ? 'Quá hạn' : 'Chưa xong'}
              </span>
              {!t.done && (
                <div className="actions">
                  <button type="button" className="btn secondary" onClick={() => void done(t.id)}>
                    Báo đã xong
                  </button>
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
