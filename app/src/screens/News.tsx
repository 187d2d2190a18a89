import { useEffect, useState } from 'react';
import type { components } from '../../../clients/typescript/schema';
import { answer, api } from '../api';
import { track } from '../outbox';
import { Link } from '../router';
import { ErrorNotice, formatDate, Loading, NEWS_CATEGORIES, Page, useLoad } from '../ui';

type NewsItem = components['schemas']['MeNewsListItem'];

export function NewsList() {
  const [items, setItems] = useState<NewsItem[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const { data, error, loading, reload } = useLoad(
    () => answer(api.GET('/api/me/news', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
    [cursor],
  );
  useEffect(() => {
    if (data) setItems((prev) => (cursor ? [...prev, ...data.items.filter((n) => !prev.some((p) => p.id === n.id))] : data.items));
  }, [data, cursor]);

  return (
    <Page title="Tin tức">
      <ul className="list">
        {items.map((n) => (
          <li key={n.id}>
            <Link to={`/news/${n.id}`}>
              <span className="itemtitle">{n.title}</span>
              <br />
              <span className="meta">
                {NEWS_CATEGORIES[n.category]} · {formatDate(n.publishedAt)}
                {n.sourceName ? ` · Nguồn: ${n.sourceName}` : ''}
              </span>
              <br />
              <span>{n.summary}</span>
            </Link>
          </li>
        ))}
      </ul>
      {loading && <Loading />}
      {error !== undefined && <ErrorNotice error={error} retry={reload} />}
      {data?.nextCursor && !loading && (
        <button type="button" className="btn secondary block" onClick={() => setCursor(data.nextCursor!)}>
          Xem thêm tin
        </button>
      )}
      {!loading && items.length === 0 && !error && <p>Chưa có tin nào.</p>}
    </Page>
  );
}

export function NewsArticle({ id }: { id: string }) {
  const { data, error, loading, reload } = useLoad(() => answer(api.GET('/api/me/news/{id}', { params: { path: { id } } })), [id]);
  useEffect(() => {
    if (data) void track('view', { type: 'news', id });
  }, [data, id]);
  if (loading && !data) return <Loading />;
  if (error !== undefined || !data) return <ErrorNotice error={error} retry={reload} />;
  return (
    <Page title={data.title}>
      <p className="meta">
        {NEWS_CATEGORIES[data.category]} · {formatDate(data.publishedAt)} · {data.committeeName}
      </p>
      {data.coverImageUrl && <img src={data.coverImageUrl} alt="" />}
      <p>
        <strong>{data.summary}</strong>
      </p>
      {/* the body is sanitised HTML (the API keeps only safe tags and attributes) */}
      <div className="article" dangerouslySetInnerHTML={{ __html: data.body }} />
      {data.sourceName && (
        <p>
          Nguồn:{' '}
          {data.sourceUrl ? (
            <a href={data.sourceUrl} target="_blank" rel="noreferrer noopener">
              {data.sourceName}
            </a>
          ) : (
            data.sourceName
          )}
        </p>
      )}
    </Page>
  );
}
