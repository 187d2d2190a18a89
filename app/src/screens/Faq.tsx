import { useState, type FormEvent } from 'react';
import type { components } from '../../../clients/typescript/schema';
import { answer, api, ApiError } from '../api';
import { track } from '../outbox';
import { errorMessage, Field, Page } from '../ui';

type FaqAnswer = components['schemas']['FaqAnswerResponse'];

/** Ask in one's own words: the answer when the FAQ knows it, else suggestions, and the question goes to the editors. */
export function Faq() {
  const [question, setQuestion] = useState('');
  const [asked, setAsked] = useState('');
  const [result, setResult] = useState<FaqAnswer | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    const q = question.trim();
    if (q.length < 3) {
      setError('Hãy viết câu hỏi dài hơn một chút.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await answer(api.GET('/api/faqs/answer', { params: { query: { q } } }));
      setResult(r);
      setAsked(q);
      setOpen(null);
      if (r.answered && r.matches[0]) void track('view', { type: 'faq', id: r.matches[0].id });
    } catch (err) {
      // the question stays in the box
      setError(
        err instanceof ApiError && err.network
          ? 'Cần có mạng để hỏi. Câu hỏi của bạn vẫn còn trong ô, hãy thử lại khi có mạng.'
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  const best = result?.answered ? result.matches[0] : undefined;
  const others = result ? result.matches.filter((m) => m !== best) : [];

  return (
    <Page title="Hỏi đáp">
      <form onSubmit={ask}>
        <Field label="Câu hỏi của bạn" hint="viết bằng lời của bạn, có dấu hoặc không dấu">
          {(p) => (
            <textarea {...p} name="question" value={question} onChange={(e) => setQuestion(e.target.value)} rows={3} maxLength={500} />
          )}
        </Field>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn block" disabled={busy}>
          {busy ? 'Đang tìm câu trả lời…' : 'Hỏi'}
        </button>
      </form>
      <div aria-live="polite">
        {result && (
          <section aria-label="Kết quả">
            <p className="meta">Bạn hỏi: “{asked}”</p>
            {best ? (
              <article className="card">
                <h2>{best.question}</h2>
                <p style={{ whiteSpace: 'pre-wrap' }}>{best.answer}</p>
              </article>
            ) : (
              <div className="notice warn" role="status">
                <p>
                  <strong>Chưa có câu trả lời: đã gửi tới ban biên tập.</strong>
                </p>
                <p>
                  Ban biên tập sẽ bổ sung câu trả lời vào mục Hỏi đáp.{' '}
                  {others.length > 0 && 'Bạn có thể xem các câu hỏi gần giống dưới đây.'}
                </p>
              </div>
            )}
            {others.length > 0 && (
              <>
                <h2>{best ? 'Câu hỏi liên quan' : 'Câu hỏi gần giống'}</h2>
                <ul className="list">
                  {others.map((m) => (
                    <li key={m.id}>
                      <button
                        type="button"
                        className="btn secondary block"
                        style={{ justifyContent: 'flex-start', textAlign: 'left', margin: '0.25rem 0' }}
                        aria-expanded={open === m.id}
                        onClick={() => {
                          setOpen(open === m.id ? null : m.id);
                          if (open !== m.id) void track('view', { type: 'faq', id: m.id });
                        }}
                      >
                        {m.question}
                      </button>
                      {open === m.id && <p style={{ whiteSpace: 'pre-wrap' }}>{m.answer}</p>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </div>
    </Page>
  );
}
