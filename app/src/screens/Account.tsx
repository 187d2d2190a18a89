import { useState, type FormEvent } from 'react';
import type { components } from '../../../clients/typescript/schema';
import { answer, api, ApiError, authorizedFetch } from '../api';
import { deviceId } from '../device';
import { forgetMemberData } from '../offline';
import { flush } from '../outbox';
import { Link, navigate } from '../router';
import { session } from '../session';
import { TEXT_SCALES, updateSettings, useSettings } from '../settings';
import { ErrorNotice, errorMessage, Field, formatDate, formatDateTime, Loading, Notice, Page, useLoad } from '../ui';

type Schemas = components['schemas'];
type Changes = Schemas['CorrectionChangesDto'];

export function More() {
  const links: [string, string][] = [
    ['/news', 'Tin tức'],
    ['/surveys', 'Khảo sát và bài kiểm tra'],
    ['/tasks', 'Việc được giao cho tôi'],
    ['/notifications', 'Thông báo'],
    ['/record', 'Hồ sơ đảng viên của tôi'],
    ['/account', 'Tài khoản: mật khẩu, dữ liệu cá nhân, đăng xuất'],
    ['/settings', 'Cỡ chữ và độ tương phản'],
  ];
  return (
    <Page title="Thêm">
      <ul className="list">
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to}>
              <span className="itemtitle">{label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function SettingsScreen() {
  const settings = useSettings();
  const loggedIn = !!session.user();
  return (
    <Page title="Cỡ chữ và độ tương phản">
      <fieldset>
        <legend>Cỡ chữ</legend>
        {TEXT_SCALES.map((s) => (
          <label key={s} className="choice">
            <input type="radio" name="text-scale" checked={settings.textScale === s} onChange={() => updateSettings({ textScale: s })} />
            {s === 100 ? 'Bình thường (100%)' : `${s}%`}
          </label>
        ))}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={settings.highContrast} onChange={(e) => updateSettings({ highContrast: e.target.checked })} />
        Độ tương phản cao (chữ đen trên nền trắng)
      </label>
      <p className="card">Chữ mẫu: Đảng viên đọc văn bản, tin tức và góp ý cho buổi sinh hoạt chi bộ.</p>
      <button type="button" className="btn block" onClick={() => (loggedIn ? history.back() : navigate('/', { replace: true }))}>
        {loggedIn ? 'Xong' : 'Về màn hình đăng nhập'}
      </button>
    </Page>
  );
}

const FIELDS: { key: keyof Changes; label: string; type?: string }[] = [
  { key: 'fullName', label: 'Họ và tên' },
  { key: 'birthDate', label: 'Ngày sinh', type: 'date' },
  { key: 'gender', label: 'Giới tính' },
  { key: 'admittedAt', label: 'Ngày vào Đảng', type: 'date' },
  { key: 'officialAt', label: 'Ngày chính thức', type: 'date' },
  { key: 'partyCardNumber', label: 'Số thẻ đảng viên' },
  { key: 'phone', label: 'Số điện thoại', type: 'tel' },
  { key: 'email', label: 'Thư điện tử', type: 'email' },
];
const CORRECTION_STATUS: Record<string, string> = { pending: 'Đang chờ xem xét', approved: 'Đã sửa', rejected: 'Không chấp nhận' };

export function MyRecord() {
  const { data, error, loading, reload } = useLoad(async () => {
    const [me, corrections, attendance] = await Promise.all([
      answer(api.GET('/api/me')),
      answer(api.GET('/api/me/corrections')),
      answer(api.GET('/api/me/attendance')).catch(() => null),
    ]);
    return { me, corrections, attendance };
  }, []);
  const [field, setField] = useState<keyof Changes>('phone');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  if (loading && !data) return <Loading />;
  if (error !== undefined || !data) return <ErrorNotice error={error} retry={reload} />;
  const me = data.me;
  const rows: [string, string][] = [
    ['Họ và tên', me.fullName],
    ['Ngày sinh', formatDate(me.birthDate)],
    ['Giới tính', me.gender === 'male' ? 'Nam' : 'Nữ'],
    ['Chi bộ', me.committee.name],
    ['Trực thuộc', me.committeeChain.map((c) => c.name).join(' › ')],
    ['Đảng viên', me.status === 'official' ? 'Chính thức' : 'Dự bị'],
    ['Ngày vào Đảng', formatDate(me.admittedAt)],
    ['Ngày chính thức', formatDate(me.officialAt) || '—'],
    ['Số thẻ đảng viên', me.partyCardNumber ?? '—'],
    ['Số điện thoại', me.phone ?? '—'],
    ['Thư điện tử', me.email ?? '—'],
  ];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    setFieldErrors({});
    const v = value.trim();
    const changes: Changes = { [field]: field === 'gender' ? (v === 'Nam' || v === 'male' ? 'male' : 'female') : v || null } as Changes;
    setBusy(true);
    try {
      await api.POST('/api/me/corrections', { body: { changes, reason: reason.trim() } });
      setValue('');
      setReason('');
      setNote({ kind: 'ok', text: 'Đã gửi yêu cầu sửa hồ sơ tới chi bộ.' });
      reload();
    } catch (err) {
      setNote({ kind: 'error', text: errorMessage(err) });
      if (err instanceof ApiError) setFieldErrors(err.fields);
    } finally {
      setBusy(false);
    }
  };
  const meta = FIELDS.find((f) => f.key === field)!;

  return (
    <Page title="Hồ sơ của tôi">
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} style={{ marginBottom: '0.5rem' }}>
            <dt style={{ fontWeight: 600 }}>{k}</dt>
            <dd style={{ margin: 0 }}>{v}</dd>
          </div>
        ))}
      </dl>
      {data.attendance && data.attendance.meetings > 0 && (
        <section className="card" aria-labelledby="attendance-title">
          <h2 id="attendance-title">Sinh hoạt chi bộ năm {data.attendance.year}</h2>
          <p>
            Dự {data.attendance.attended}/{data.attendance.meetings} buổi
            {data.attendance.rate !== null ? ` (${Math.round(data.attendance.rate * 100)}%)` : ''}; vắng có lý do {data.attendance.excused};
            vắng không lý do {data.attendance.unexcused}
            {data.attendance.exempt ? `; miễn sinh hoạt ${data.attendance.exempt}` : ''}.
          </p>
        </section>
      )}
      <section className="card" aria-labelledby="correction-title">
        <h2 id="correction-title">Báo thông tin chưa đúng</h2>
        <form onSubmit={submit} noValidate>
          <Field label="Thông tin cần sửa">
            {(p) => (
              <select {...p} value={field} onChange={(e) => setField(e.target.value as keyof Changes)}>
                {FIELDS.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Thông tin đúng" hint={field === 'gender' ? 'Nam hoặc Nữ' : undefined} error={fieldErrors[`changes.${field}`]}>
            {(p) => <input {...p} type={meta.type ?? 'text'} value={value} onChange={(e) => setValue(e.target.value)} />}
          </Field>
          <Field label="Lý do, giấy tờ kèm theo" error={fieldErrors.reason}>
            {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} />}
          </Field>
          <button type="submit" className="btn" disabled={busy}>
            {busy ? 'Đang gửi…' : 'Gửi yêu cầu sửa'}
          </button>
        </form>
        {note && <Notice kind={note.kind}>{note.text}</Notice>}
      </section>
      {data.corrections.length > 0 && (
        <>
          <h2>Yêu cầu đã gửi</h2>
          <ul className="list">
            {data.corrections.map((c) => (
              <li key={c.id}>
                <div className="row">
                  {Object.keys(c.changes)
                    .map((k) => FIELDS.find((f) => f.key === k)?.label ?? k)
                    .join(', ')}
                  : {CORRECTION_STATUS[c.status]} <span className="meta">({formatDateTime(c.createdAt)})</span>
                  {c.decisionNote && <p>Ghi chú của chi bộ: {c.decisionNote}</p>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

async function logout(everywhere: boolean) {
  await flush().catch(() => undefined);
  const refreshToken = session.refreshToken();
  // this phone (or, everywhere, every phone of the member: a lost one) stops receiving the member's notifications
  const devices = everywhere ? (await answer(api.GET('/api/me/devices'))).filter((d) => d.active).map((d) => d.deviceId) : [deviceId()];
  for (const id of devices) await api.DELETE('/api/me/devices/{deviceId}', { params: { path: { deviceId: id } } }).catch(() => undefined);
  await api.POST('/api/auth/logout', { body: everywhere ? { everywhere: true } : refreshToken ? { refreshToken } : {} });
  const reg = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration('/app/') : undefined;
  await (await reg?.pushManager.getSubscription())?.unsubscribe();
  await forgetMemberData();
  session.clear();
  navigate('/', { replace: true });
}

export function Account() {
  const user = session.user();
  const [note, setNote] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setNote(null);
    try {
      await fn();
    } catch (e) {
      setNote({ kind: 'error', text: e instanceof ApiError && e.network ? 'Cần có mạng để làm việc này.' : errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const exportData = () =>
    run(async () => {
      const response = await authorizedFetch(new Request('/api/me/export', { headers: { Accept: 'application/json' } }));
      const blob = new Blob([await response.text()], { type: 'application/json' });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = `du-lieu-ca-nhan-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setNote({ kind: 'ok', text: 'Đã tải về tệp dữ liệu cá nhân của bạn (JSON).' });
    });

  return (
    <Page title="Tài khoản">
      <p>
        Tên đăng nhập: <strong>{user?.username}</strong>
      </p>
      {note && <Notice kind={note.kind}>{note.text}</Notice>}
      <h2>Mật khẩu</h2>
      <p>
        <Link className="btn secondary" to="/password">
          Đổi mật khẩu
        </Link>
      </p>
      <h2>Dữ liệu cá nhân</h2>
      <p>Tải về toàn bộ dữ liệu của bạn trong hệ thống: hồ sơ, thiết bị, khảo sát đã trả lời, lịch sử dùng ứng dụng.</p>
      <button type="button" className="btn secondary" disabled={busy} onClick={() => void exportData()}>
        Tải dữ liệu cá nhân
      </button>
      <h2>Đăng xuất</h2>
      <div className="actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void run(() => logout(false))}>
          Đăng xuất
        </button>
        <button type="button" className="btn secondary" disabled={busy} onClick={() => setConfirmAll(true)}>
          Đăng xuất trên mọi thiết bị
        </button>
      </div>
      {confirmAll && (
        <div className="notice warn" role="alertdialog" aria-labelledby="all-title" aria-describedby="all-desc">
          <p id="all-title">
            <strong>Đăng xuất trên mọi thiết bị?</strong>
          </p>
          <p id="all-desc">Dùng khi mất máy hoặc cho người khác mượn máy. Bạn sẽ phải đăng nhập lại trên mọi máy, kể cả máy này.</p>
          <div className="actions">
            <button type="button" className="btn" disabled={busy} onClick={() => void run(() => logout(true))}>
              Đăng xuất tất cả
            </button>
            <button type="button" className="btn secondary" onClick={() => setConfirmAll(false)}>
              Không
            </button>
          </div>
        </div>
      )}
    </Page>
  );
}
