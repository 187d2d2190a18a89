import { useState, type FormEvent } from 'react';
import { answer, api, ApiError } from '../api';
import { navigate } from '../router';
import { session } from '../session';
import { errorMessage, Field, Notice, Page } from '../ui';

/** Change the password: at the first login (a password given by the branch), or from the account screen. */
export function ChangePassword({ first }: { first?: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFields({});
    if (next !== again) {
      setFields({ again: 'Hai lần nhập mật khẩu mới chưa giống nhau.' });
      return;
    }
    setBusy(true);
    try {
      await api.POST('/api/auth/password', { body: { currentPassword: current, newPassword: next } });
      const user = await answer(api.GET('/api/auth/me'));
      session.setUser(user);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
      if (first) navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={first ? 'Đổi mật khẩu lần đầu' : 'Đổi mật khẩu'}>
      {first && <p>Mật khẩu bạn vừa dùng do chi bộ cấp. Để giữ an toàn, hãy đặt mật khẩu của riêng bạn trước khi dùng ứng dụng.</p>}
      {done && <Notice kind="ok">Đã đổi mật khẩu. Các thiết bị khác đã đăng xuất.</Notice>}
      <form onSubmit={submit} noValidate>
        <Field label="Mật khẩu hiện tại" error={fields.currentPassword}>
          {(p) => (
            <input
              {...p}
              type={show ? 'text' : 'password'}
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field label="Mật khẩu mới" hint="ít nhất 10 ký tự, không trùng tên đăng nhập" error={fields.newPassword}>
          {(p) => (
            <input
              {...p}
              type={show ? 'text' : 'password'}
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <Field label="Nhập lại mật khẩu mới" error={fields.again}>
          {(p) => (
            <input
              {...p}
              type={show ? 'text' : 'password'}
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
          )}
        </Field>
        <label className="choice">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          Hiện mật khẩu
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="btn block" type="submit" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
      </form>
      {first && (
        <p>
          <button type="button" className="btn secondary" onClick={() => session.clear()}>
            Đăng xuất
          </button>
        </p>
      )}
    </Page>
  );
}
