import { useState } from 'react';
import { answer, api } from '../api';
import { useInstallPrompt } from '../pwa';
import { Link } from '../router';
import { session } from '../session';
import { DOCUMENT_TYPES, ErrorNotice, formatDate, formatDateTime, Loading, Page, useLoad } from '../ui';
import { prefetchNextMeeting } from './meeting-offline';

/** What is new for the member: the latest news, documents, open surveys, the next meetings and the unread count. */
export function Home() {
  const user = session.user();
  const { canInstall, install } = useInstallPrompt();
  const [installDismissed, setInstallDismissed] = useState(() => localStorage.getItem('sotay.app.installDismissed') === '1');
  const { data, error, loading, reload } = useLoad(async () => {
    const [news, documents, surveys, meetings, unread] = await Promise.all([
      answer(api.GET('/api/me/news', { params: { query: { limit: 3 } } })),
      answer(api.GET('/api/me/documents', { params: { query: { limit: 3 } } })),
      answer(api.GET('/api/me/surveys', { params: { query: { limit: 10 } } })),
      answer(api.GET('/api/me/meetings', { params: { query: { limit: 10 } } })),
      answer(api.GET('/api/me/notifications/unread-count')),
    ]);
    void prefetchNextMeeting(meetings.items);
    return { news, documents, surveys, meetings, unread };
  }, []);

  const upcoming = data?.meetings.items.filter((m) => ['scheduled', 'in_progress', 'postponed'].includes(m.status)) ?? [];
  const openSurveys = data?.surveys.items.filter((s) => !s.answered) ?? [];

  return (
    <Page title={`Xin chào, ${user?.fullName ?? ''}`}>
      {canInstall && !installDismissed && (
        <section className="card" aria-labelledby="install-title">
          <h2 id="install-title">Cài ứng dụng lên màn hình chính</h2>
          <p>Mở Sổ tay nhanh hơn, đọc được cả khi không có mạng. Không cần kho ứng dụng.</p>
          <div className="actions">
            <button type="button" className="btn" onClick={() => void install()}>
              Cài đặt
            </button>
            <button
              type="button"
              className="btn secondary"
              onClick={() => {
                localStorage.setItem('sotay.app.installDismissed', '1');
                setInstallDismissed(true);
              }}
            >
              Để sau
            </button>
          </div>
        </section>
      )}
      {loading && !data && <Loading />}
      {error !== undefined && <ErrorNotice error={error} retry={reload} />}
      {data && (
        <>
          <div className="grid2">
            <Link to="/notifications" className="tile">
              <strong>{data.unread.capped ? '99+' : data.unread.count}</strong> thông báo chưa đọc
            </Link>
            <Link to="/surveys" className="tile">
              <strong>{openSurveys.length}</strong> khảo sát chưa trả lời
            </Link>
          </div>

          <h2>Sinh hoạt chi bộ sắp tới</h2>
          {upcoming.length === 0 ? (
            <p>Chưa có buổi sinh hoạt nào được lên lịch.</p>
          ) : (
            <ul className="list">
              {upcoming.slice(0, 2).map((m) => (
                <li key={m.id}>
                  <Link to={`/meetings/${m.id}`}>
                    <span className="itemtitle">{m.title}</span>
                    <br />
                    <span className="meta">
                      {formatDateTime(m.startsAt)}
                      {m.place ? ` · ${m.place}` : ''}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}

          <h2>Tin mới</h2>
          <ul className="list">
            {data.news.items.map((n) => (
              <li key={n.id}>
                <Link to={`/news/${n.id}`}>
                  <span className="itemtitle">{n.title}</span>
                  <br />
                  <span className="meta">{formatDate(n.publishedAt)}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/news">Xem tất cả tin tức</Link>
          </p>

          <h2>Văn bản mới</h2>
          <ul className="list">
            {data.documents.items.map((d) => (
              <li key={d.id}>
                <Link to={`/documents/${d.id}`}>
                  <span className="itemtitle">{d.title}</span>
                  <br />
                  <span className="meta">
                    {DOCUMENT_TYPES[d.type]} {d.number ?? ''} · {formatDate(d.publishedAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/documents">Thư viện văn bản</Link>
          </p>

          {openSurveys.length > 0 && (
            <>
              <h2>Khảo sát, bài kiểm tra đang mở</h2>
              <ul className="list">
                {openSurveys.slice(0, 3).map((s) => (
                  <li key={s.id}>
                    <Link to={`/surveys/${s.id}`}>
                      <span className="itemtitle">{s.title}</span>
                      <br />
                      <span className="meta">
                        {s.kind === 'quiz' ? 'Bài kiểm tra' : 'Khảo sát'} · {s.questionCount} câu
                        {s.closesAt ? ` · hạn ${formatDate(s.closesAt)}` : ''}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Page>
  );
}
