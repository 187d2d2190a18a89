import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, login } from '../api';
import { forgetMemberData } from '../offline';
import { Link, navigate } from '../router';
import { session } from '../session';
import { errorMessage, Field } from '../ui';

/** The login screen: the only screen in the first download (kept small: App.tsx loads every other screen lazily). */
export function Login() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ended = session.endedByServer();

  useEffect(() => {
    document.title = 'Đăng nhập · Sổ tay Đảng viên';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('Hãy nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await login(username.trim(), password);
      if (result.user.role !== 'member') {
        setError('Đây là tài khoản cán bộ: hãy dùng trang quản trị (/admin). Ứng dụng này dành cho đảng viên.');
        return;
      }
      const previous = localStorage.getItem('sotay.app.lastUserId');
      // another member on this phone: what the last one kept offline is theirs
      if (previous && previous !== result.user.id) await forgetMemberData();
      localStorage.setItem('sotay.app.lastUserId', result.user.id);
      const back = session.takeReturnTo();
      session.save(result);
      navigate(back ? back.replace(/^\/app/, '') || '/' : '/', { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'INVALID_CREDENTIALS'
          ? `${err.message} Nếu quên mật khẩu, hãy nhờ bí thư chi bộ cấp lại.`
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <div style={{ textAlign: 'center', marginTop: '1.5rem' }}>
        <img src="/app/icon.svg" alt="" width="96" height="96" style={{ width: '6rem', height: '6rem' }} />
        <h1>Sổ tay Đảng viên</h1>
      </div>
      {ended && (
        <div className="notice warn" role="status">
          <strong>Phiên đăng nhập đã hết hạn.</strong> Hãy đăng nhập lại để tiếp tục; bạn sẽ trở về đúng màn hình đang xem.
        </div>
      )}
      <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
        <Field label="Tên đăng nhập">
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label="Mật khẩu">
          {(p) => (
            <input
              {...p}
              name="password"
              type={show ? 'text' : 'password'}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <label className="choice">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          Hiện mật khẩu
        </label>
        {error && (
          <p id="login-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button className="btn block" type="submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
      <p style={{ marginTop: '1.5rem' }}>
        <Link to="/settings">Chữ to hơn, độ tương phản cao</Link>
      </p>
      <p className="hint">Tài khoản do chi bộ cấp. Quên mật khẩu: liên hệ bí thư chi bộ.</p>
    </main>
  );
}
