import { Component, lazy, Suspense, useEffect, useState, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { answer, api } from './api';
import { registerInstall } from './device';
import { flush, outboxStore, track } from './outbox';
import { Link, match, navigate, useLocation } from './router';
import { Login } from './screens/Login';
import { session } from './session';
import { Loading, useOnline } from './ui';

/**
 * A screen loaded on first use. A chunk that is gone (a new release replaced the files while this page
 * was open) reloads the page once, which brings the new release.
 */
const screen = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => {
    try {
      const loaded = { default: (await load())[name] as ComponentType<Record<string, string>> };
      sessionStorage.removeItem('sotay.app.reloadedForRelease');
      return loaded;
    } catch (error) {
      if (navigator.onLine && !sessionStorage.getItem('sotay.app.reloadedForRelease')) {
        sessionStorage.setItem('sotay.app.reloadedForRelease', '1');
        location.reload();
      }
      throw error;
    }
  });

const Home = screen(() => import('./screens/Home'), 'Home');
const NewsList = screen(() => import('./screens/News'), 'NewsList');
const NewsArticle = screen(() => import('./screens/News'), 'NewsArticle');
const Documents = screen(() => import('./screens/Documents'), 'Documents');
const DocumentView = screen(() => import('./screens/Documents'), 'DocumentView');
const Faq = screen(() => import('./screens/Faq'), 'Faq');
const Surveys = screen(() => import('./screens/Surveys'), 'Surveys');
const SurveyView = screen(() => import('./screens/Surveys'), 'SurveyView');
const Meetings = screen(() => import('./screens/Meetings'), 'Meetings');
const MeetingView = screen(() => import('./screens/Meetings'), 'MeetingView');
const Tasks = screen(() => import('./screens/Meetings'), 'Tasks');
const Notifications = screen(() => import('./screens/Notifications'), 'Notifications');
const Account = screen(() => import('./screens/Account'), 'Account');
const Record = screen(() => import('./screens/Account'), 'MyRecord');
const Settings = screen(() => import('./screens/Account'), 'SettingsScreen');
const ChangePassword = screen(() => import('./screens/ChangePassword'), 'ChangePassword');
const More = screen(() => import('./screens/Account'), 'More');

const ROUTES: [string, ComponentType<Record<string, string>>][] = [
  ['/', Home],
  ['/news', NewsList],
  ['/news/:id', NewsArticle],
  ['/documents', Documents],
  ['/documents/:id', DocumentView],
  ['/faq', Faq],
  ['/surveys', Surveys],
  ['/surveys/:id', SurveyView],
  ['/meetings', Meetings],
  ['/meetings/:id', MeetingView],
  ['/tasks', Tasks],
  ['/notifications', Notifications],
  ['/account', Account],
  ['/record', Record],
  ['/settings', Settings],
  ['/password', ChangePassword],
  ['/more', More],
];

/** The member the app_open event of this start of the app was recorded for (once per start and login). */
let openedFor: string | null = null;

const useUser = () => useSyncExternalStore(session.subscribe, () => localStorage.getItem('sotay.app.user'));

export function App() {
  const raw = useUser();
  const user = raw ? session.user() : null;
  const { path } = useLocation();

  // the service worker tells of a push received and of a tapped notification
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const onMessage = (e: MessageEvent<{ type?: string; path?: string }>) => {
      if (e.data?.type === 'navigate' && e.data.path) navigate(e.data.path);
      if (e.data?.type === 'push') window.dispatchEvent(new CustomEvent('sotay:push', { detail: e.data }));
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, []);

  // once per start of the app and login (the API answers nothing else until a first-login password is changed)
  const ready = user && !user.mustChangePassword ? user.id : null;
  useEffect(() => {
    if (!ready) openedFor = null;
    if (!ready || openedFor === ready) return;
    openedFor = ready;
    void registerInstall();
    void track('app_open');
    void flush();
  }, [ready]);

  if (!user) {
    if (path === '/settings') {
      return (
        <Shell bare>
          <Suspense fallback={<Loading />}>
            <Settings />
          </Suspense>
        </Shell>
      );
    }
    return <Login />;
  }
  if (user.mustChangePassword) {
    return (
      <Shell bare>
        <Suspense fallback={<Loading />}>
          <ChangePassword first="1" />
        </Suspense>
      </Shell>
    );
  }
  let found: ReactNode = <NotFound />;
  for (const [pattern, Screen] of ROUTES) {
    const params = match(pattern, path);
    if (params) {
      found = <Screen {...params} key={path} />;
      break;
    }
  }
  return (
    <Shell>
      <ScreenBoundary key={path}>
        <Suspense fallback={<Loading />}>{found}</Suspense>
      </ScreenBoundary>
    </Shell>
  );
}

/** A screen that cannot be opened (its code not downloaded: no network yet) says so, the rest of the app stays. */
class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice error" role="alert">
        <p>
          <strong>Chưa mở được màn hình này.</strong> Hãy kiểm tra mạng rồi thử lại.
        </p>
        <button type="button" className="btn secondary" onClick={() => location.reload()}>
          Thử lại
        </button>
      </div>
    );
  }
}

function NotFound() {
  return (
    <>
      <h1>Không có trang này</h1>
      <p>
        <Link to="/">Về trang chủ</Link>
      </p>
    </>
  );
}

function UnreadBadge() {
  const [count, setCount] = useState<{ count: number; capped: boolean } | null>(null);
  const { path } = useLocation();
  useEffect(() => {
    let live = true;
    const load = () =>
      answer(api.GET('/api/me/notifications/unread-count')).then(
        (c) => live && setCount(c),
        () => undefined,
      );
    void load();
    const onPush = () => void load();
    window.addEventListener('sotay:push', onPush);
    const timer = setInterval(load, 120_000);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('sotay:push', onPush);
    };
  }, [path]);
  const n = count?.count ?? 0;
  const label = n === 0 ? 'Thông báo, không có thông báo mới' : `Thông báo, ${count?.capped ? 'hơn 99' : n} thông báo chưa đọc`;
  return (
    <Link to="/notifications" className="iconbtn" aria-label={label} title="Thông báo">
      <Bell />
      {n > 0 && (
        <span className="badge" aria-hidden="true">
          {count?.capped ? '99+' : n}
        </span>
      )}
    </Link>
  );
}

function OutboxBar() {
  const online = useOnline();
  const state = useSyncExternalStore(outboxStore.subscribe, outboxStore.get);
  return (
    <>
      {!online && (
        <div className="offlinebar" role="status">
          <strong>Đang không có mạng.</strong> Bạn vẫn đọc được nội dung đã xem và tài liệu đã lưu.
          {state.pendingWrites > 0 && ` ${state.pendingWrites} nội dung chờ gửi khi có mạng.`}
        </div>
      )}
      {online && state.pendingWrites > 0 && (
        <div className="offlinebar" role="status">
          Đang gửi {state.pendingWrites} nội dung đã lưu khi không có mạng…
        </div>
      )}
      {state.refused.length > 0 && (
        <div className="notice error" role="alert">
          <p>
            <strong>Không gửi được:</strong>
          </p>
          <ul>
            {state.refused.map((r, i) => (
              <li key={i}>
                {r.label}: {r.message}
              </li>
            ))}
          </ul>
          <button type="button" className="btn secondary" onClick={outboxStore.dismissRefused}>
            Đã hiểu
          </button>
        </div>
      )}
    </>
  );
}

function svg(d: string) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">
      <path d={d} />
    </svg>
  );
}
function Bell() {
  return svg(
    'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z',
  );
}
function Back() {
  return svg('M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20v-2z');
}
const Icons = {
  home: () => svg('M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z'),
  doc: () => svg('M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm2 16H8v-2h8v2zm0-4H8v-2h8v2zm-3-5V3.5L18.5 9H13z'),
  meet: () =>
    svg(
      'M16 11c1.66 0 2.99-1.34 2.99-3S17.66 5 16 5s-3 1.34-3 3 1.34 3 3 3zm-8 0c1.66 0 2.99-1.34 2.99-3S9.66 5 8 5 5 6.34 5 8s1.34 3 3 3zm0 2c-2.33 0-7 1.17-7 3.5V19h14v-2.5C15 14.17 10.33 13 8 13zm8 0c-.29 0-.62.02-.97.05 1.16.84 1.97 1.97 1.97 3.45V19h6v-2.5c0-2.33-4.67-3.5-7-3.5z',
    ),
  faq: () =>
    svg(
      'M11 18h2v-2h-2v2zm1-16C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8zm0-14c-2.21 0-4 1.79-4 4h2c0-1.1.9-2 2-2s2 .9 2 2c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5 0-2.21-1.79-4-4-4z',
    ),
  more: () => svg('M3 18h18v-2H3v2zm0-5h18v-2H3v2zm0-7v2h18V6H3z'),
};

const TABS: [string, string, () => ReactNode][] = [
  ['/', 'Trang chủ', Icons.home],
  ['/documents', 'Văn bản', Icons.doc],
  ['/meetings', 'Sinh hoạt', Icons.meet],
  ['/faq', 'Hỏi đáp', Icons.faq],
  ['/more', 'Thêm', Icons.more],
];

function Shell({ children, bare = false }: { children: ReactNode; bare?: boolean }) {
  const { path } = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="topbar">
        {!bare && path !== '/' && (
          <button type="button" className="iconbtn" aria-label="Quay lại" title="Quay lại" onClick={() => history.back()}>
            <Back />
          </button>
        )}
        <span className="title">Sổ tay Đảng viên</span>
        {!bare && <UnreadBadge />}
        <Link to="/settings" className="iconbtn" aria-label="Cỡ chữ và độ tương phản" title="Cỡ chữ và độ tương phản">
          <span aria-hidden="true" style={{ fontWeight: 700 }}>
            Aa
          </span>
        </Link>
      </header>
      {!bare && <OutboxBar />}
      <main id="main">{children}</main>
      {!bare && (
        <nav className="tabs" aria-label="Các mục chính">
          {TABS.map(([to, label, icon]) => {
            const current = to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`);
            return (
              <Link key={to} to={to} aria-current={current ? 'page' : undefined}>
                {icon()}
                <span>{label}</span>
              </Link>
            );
          })}
        </nav>
      )}
    </>
  );
}
