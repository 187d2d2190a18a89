import { useEffect, useState, type FormEvent } from 'react';
import type { components } from '../../../clients/typescript/schema';
import { answer, api } from '../api';
import { disablePush, enablePush, pushSubscribed, pushSupported } from '../device';
import { navigate } from '../router';
import { ErrorNotice, errorMessage, formatDateTime, Loading, Notice, Page, useLoad } from '../ui';

type Item = components['schemas']['NotificationItem'];
type Kind = components['schemas']['NotificationPreferencesResponse']['pushKinds'][number];

const KINDS: [Kind, string][] = [
  ['meeting_scheduled', 'Lịch sinh hoạt chi bộ'],
  ['meeting_changed', 'Thay đổi lịch sinh hoạt'],
  ['meeting_cancelled', 'Hủy buổi sinh hoạt'],
  ['meeting_check_in_opened', 'Mở điểm danh'],
  ['meeting_vote_opened', 'Mở biểu quyết'],
  ['excuse_decided', 'Kết quả xin vắng'],
  ['task_assigned', 'Việc được giao'],
  ['task_overdue', 'Việc quá hạn'],
  ['bulletin', 'Thông báo của cấp ủy'],
  ['document_published', 'Văn bản mới'],
  ['news_published', 'Tin mới'],
  ['survey_published', 'Khảo sát mới'],
  ['correction_decided', 'Kết quả sửa hồ sơ'],
];

const linkPath = (item: Item): string | null => {
  const link = item.link;
  if (!link) return null;
  const paths: Record<string, string> = {
    document: `/documents/${link.id}`,
    news: `/news/${link.id}`,
    survey: `/surveys/${link.id}`,
    meeting: `/meetings/${link.id}`,
    meeting_task: '/tasks',
    correction_request: '/record',
  };
  return paths[link.type] ?? null;
};

/** The inbox (newest first, unread marked in words, not by colour) and the Web Push switch of this phone. */
export function Notifications() {
  const [tick, setTick] = useState(0);
  const { data, error, loading, reload } = useLoad(
    () => answer(api.GET('/api/me/notifications', { params: { query: { limit: 50 } } })),
    [tick],
  );
  const [pushOn, setPushOn] = useState<boolean | null>(null);
  const [pushNote, setPushNote] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void pushSubscribed().then(setPushOn);
    const onPush = () => setTick((t) => t + 1);
    window.addEventListener('sotay:push', onPush);
    return () => window.removeEventListener('sotay:push', onPush);
  }, []);

  const open = async (item: Item) => {
    if (!item.read)
      await api.POST('/api/me/notifications/{id}/read', { params: { path: { id: item.id } }, body: {} }).catch(() => undefined);
    const path = linkPath(item);
    if (path) navigate(path);
    else reload();
  };
  const readAll = async () => {
    await api.POST('/api/me/notifications/read-all', { body: {} }).catch(() => undefined);
    reload();
  };
  const togglePush = async () => {
    setBusy(true);
    setPushNote(null);
    try {
      if (pushOn) {
        await disablePush();
        setPushOn(false);
        setPushNote({ kind: 'ok', text: 'Đã tắt thông báo đẩy trên máy này.' });
      } else {
        await enablePush();
        setPushOn(true);
        setPushNote({ kind: 'ok', text: 'Đã bật: máy này sẽ nhận thông báo cả khi không mở ứng dụng.' });
      }
    } catch (e) {
      setPushNote({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const unread = data?.items.filter((i) => !i.read).length ?? 0;
  return (
    <Page title="Thông báo">
      <section className="card" aria-labelledby="push-title">
        <h2 id="push-title">Nhận thông báo trên máy này</h2>
        {pushSupported() ? (
          <>
            <p>
              {pushOn ? 'Đang bật: máy này nhận thông báo cả khi không mở ứng dụng.' : 'Đang tắt: bạn chỉ xem thông báo khi mở ứng dụng.'}
            </p>
            <button type="button" className="btn secondary" onClick={() => void togglePush()} disabled={busy || pushOn === null}>
              {pushOn ? 'Tắt thông báo đẩy' : 'Bật thông báo đẩy'}
            </button>
          </>
        ) : (
          <p>Trình duyệt này không nhận thông báo đẩy; hãy mở mục này thường xuyên.</p>
        )}
        {pushNote && <Notice kind={pushNote.kind}>{pushNote.text}</Notice>}
      </section>
      <Preferences />
      {loading && !data && <Loading />}
      {error !== undefined && <ErrorNotice error={error} retry={reload} />}
      {data && (
        <>
          <p role="status">{unread === 0 ? 'Không có thông báo chưa đọc.' : `${unread} thông báo chưa đọc.`}</p>
          {unread > 0 && (
            <button type="button" className="btn secondary" onClick={() => void readAll()}>
              Đánh dấu tất cả đã đọc
            </button>
          )}
          {data.items.length === 0 && <p>Chưa có thông báo nào.</p>}
          <ul className="list">
            {data.items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className="row"
                  style={{
                    width: '100%',
                    textAlign: 'left',
                    background: 'none',
                    border: 0,
                    font: 'inherit',
                    color: 'inherit',
                    cursor: 'pointer',
                  }}
                  onClick={() => void open(item)}
                >
                  {!item.read && <span className="status">Mới</span>}{' '}
                  <strong style={{ fontWeight: item.read ? 400 : 700 }}>{item.title}</strong>
                  <br />
                  <span>{item.body}</span>
                  <br />
                  <span className="meta">{formatDateTime(item.publishedAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

/** Which kinds push to the phone, and quiet hours (Vietnam time): the inbox shows everything anyway. */
function Preferences() {
  const { data, error } = useLoad(() => answer(api.GET('/api/me/notification-preferences')), []);
  const [open, setOpen] = useState(false);
  const [kinds, setKinds] = useState<Kind[] | null>(null);
  const [quiet, setQuiet] = useState<{ start: string; end: string } | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (!data) return;
    setKinds(data.pushKinds);
    setQuiet({ start: data.quietHoursStart ?? '', end: data.quietHoursEnd ?? '' });
  }, [data]);
  if (error !== undefined || !data || !kinds || !quiet) return null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    try {
      const both = quiet.start && quiet.end;
      await api.PUT('/api/me/notification-preferences', {
        body: { pushKinds: kinds, quietHoursStart: both ? quiet.start : null, quietHoursEnd: both ? quiet.end : null },
      });
      setNote({ kind: 'ok', text: 'Đã lưu cài đặt thông báo.' });
    } catch (err) {
      setNote({ kind: 'error', text: errorMessage(err) });
    }
  };
  return (
    <section className="card">
      <button type="button" className="btn secondary block" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Chọn loại thông báo, giờ yên tĩnh
      </button>
      {open && (
        <form onSubmit={save}>
          <fieldset>
            <legend>Báo lên điện thoại khi có</legend>
            {KINDS.map(([kind, label]) => (
              <label key={kind} className="choice">
                <input
                  type="checkbox"
                  checked={kinds.includes(kind)}
                  onChange={(e) => setKinds(e.target.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Giờ yên tĩnh (không báo, vẫn xem được trong mục Thông báo)</legend>
            <label className="field">
              Từ
              <input type="time" value={quiet.start} onChange={(e) => setQuiet({ ...quiet, start: e.target.value })} />
            </label>
            <label className="field">
              Đến
              <input type="time" value={quiet.end} onChange={(e) => setQuiet({ ...quiet, end: e.target.value })} />
            </label>
          </fieldset>
          <button type="submit" className="btn">
            Lưu cài đặt
          </button>
          {note && <Notice kind={note.kind}>{note.text}</Notice>}
        </form>
      )}
    </section>
  );
}
