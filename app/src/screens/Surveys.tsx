import { useEffect, useState, type FormEvent } from 'react';
import type { components } from '../../../clients/typescript/schema';
import { answer, api, ApiError } from '../api';
import { queueWrite, track } from '../outbox';
import { Link } from '../router';
import { ErrorNotice, errorMessage, formatDate, Loading, Notice, Page, useLoad } from '../ui';

type Schemas = components['schemas'];
type Question = Schemas['MySurveyQuestion'];
type Result = Schemas['SurveySubmissionResult'];
type Answers = Record<string, { optionIds?: string[]; text?: string; value?: number }>;

export function Surveys() {
  const { data, error, loading, reload } = useLoad(() => answer(api.GET('/api/me/surveys', { params: { query: { limit: 50 } } })), []);
  return (
    <Page title="Khảo sát và bài kiểm tra">
      {loading && !data && <Loading />}
      {error !== undefined && <ErrorNotice error={error} retry={reload} />}
      {data && data.items.length === 0 && <p>Chưa có khảo sát nào.</p>}
      <ul className="list">
        {data?.items.map((s) => (
          <li key={s.id}>
            <Link to={`/surveys/${s.id}`}>
              <span className="itemtitle">{s.title}</span>
              <br />
              <span className="meta">
                {s.kind === 'quiz' ? 'Bài kiểm tra' : 'Khảo sát'} · {s.questionCount} câu · {s.answered ? 'Đã trả lời' : 'Chưa trả lời'}
                {s.closesAt ? ` · hạn ${formatDate(s.closesAt)}` : ''}
                {s.anonymous ? ' · không ghi tên' : ''}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}

const draftKey = (id: string) => `sotay.app.surveyDraft.${id}`;

export function SurveyView({ id }: { id: string }) {
  const { data, error, loading, reload } = useLoad(() => answer(api.GET('/api/me/surveys/{id}', { params: { path: { id } } })), [id]);
  // what the member ticked is kept on the phone until it is sent: a failed submit loses nothing
  const [answers, setAnswers] = useState<Answers>(() => {
    try {
      return JSON.parse(localStorage.getItem(draftKey(id)) ?? '{}') as Answers;
    } catch {
      return {};
    }
  });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [queued, setQueued] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (data) void track('view', { type: 'survey', id });
  }, [data, id]);
  useEffect(() => localStorage.setItem(draftKey(id), JSON.stringify(answers)), [answers, id]);

  const set = (q: string, value: Answers[string]) => setAnswers((a) => ({ ...a, [q]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!data) return;
    const missing = data.questions.filter((q) => q.required && q.type !== 'section' && !answered(q, answers[q.id]));
    if (missing.length) {
      setProblem(`Còn ${missing.length} câu bắt buộc chưa trả lời: ${missing.map((q) => `“${q.text}”`).join(', ')}.`);
      return;
    }
    const body: Schemas['SubmitSurveyResponseDto'] = {
      anonymous: data.anonymous,
      answers: data.questions
        .filter((q) => q.type !== 'section' && answered(q, answers[q.id]))
        .map((q) => ({ questionId: q.id, ...answers[q.id] })),
    };
    setBusy(true);
    setProblem(null);
    try {
      const r = await answer(api.POST('/api/me/surveys/{id}/responses', { params: { path: { id } }, body }));
      setResult(r);
      localStorage.removeItem(draftKey(id));
    } catch (err) {
      if (err instanceof ApiError && err.network) {
        await queueWrite({ op: 'survey', surveyId: id, body }, `Trả lời “${data.title}”`);
        localStorage.removeItem(draftKey(id));
        setQueued(true);
      } else {
        setProblem(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  if (loading && !data) return <Loading />;
  if (error !== undefined || !data) return <ErrorNotice error={error} retry={reload} />;
  const quiz = data.kind === 'quiz';
  return (
    <Page title={data.title}>
      <p className="meta">
        {quiz ? 'Bài kiểm tra' : 'Khảo sát'} · {data.committeeName}
        {data.closesAt ? ` · hạn ${formatDate(data.closesAt)}` : ''}
      </p>
      {data.anonymous && <p>Khảo sát không ghi tên: câu trả lời của bạn không gắn với tên bạn.</p>}
      {data.description && <p style={{ whiteSpace: 'pre-wrap' }}>{data.description}</p>}
      {result && (
        <div className="notice ok" role="status" aria-live="polite">
          <p>
            <strong>Đã gửi câu trả lời. Cảm ơn bạn!</strong>
          </p>
          {result.score !== null && (
            <p>
              Điểm của bạn: <strong>{result.score}</strong>
              {result.maxScore !== null ? ` / ${result.maxScore}` : ''}
              {result.passed !== null && (result.passed ? ' · Đạt' : ' · Chưa đạt')}
              {result.passMark !== null ? ` (cần ${result.passMark} điểm để đạt)` : ''}
            </p>
          )}
          {result.questions && result.questions.length > 0 && (
            <ol>
              {result.questions.map((q) => {
                const question = data.questions.find((x) => x.id === q.questionId);
                return (
                  <li key={q.questionId}>
                    {question?.text}: {q.correct ? 'Đúng' : 'Sai'} ({q.points} điểm)
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      )}
      {queued && <Notice kind="warn">Đang không có mạng: câu trả lời đã được lưu trên máy và sẽ tự gửi khi có mạng.</Notice>}
      {data.answered && !result && <Notice kind="ok">Bạn đã trả lời khảo sát này.</Notice>}
      {data.status !== 'open' && !data.answered && <Notice kind="warn">Khảo sát này không còn mở.</Notice>}
      {!data.answered && !result && !queued && data.status === 'open' && (
        <form onSubmit={submit} noValidate>
          {data.questions.map((q, i) => (
            <QuestionInput key={q.id} q={q} n={i + 1} value={answers[q.id]} onChange={(v) => set(q.id, v)} />
          ))}
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="btn block" disabled={busy}>
            {busy ? 'Đang gửi…' : 'Gửi câu trả lời'}
          </button>
        </form>
      )}
    </Page>
  );
}

function answered(q: Question, a: Answers[string] | undefined): boolean {
  if (!a) return false;
  if (q.type === 'single' || q.type === 'multiple') return (a.optionIds?.length ?? 0) > 0;
  if (q.type === 'rating') return typeof a.value === 'number';
  return !!a.text?.trim();
}

function QuestionInput({
  q,
  n,
  value,
  onChange,
}: {
  q: Question;
  n: number;
  value?: Answers[string];
  onChange: (v: Answers[string]) => void;
}) {
  const label = `${n}. ${q.text}${q.required ? ' (bắt buộc)' : ''}`;
  if (q.type === 'section') return <h2>{q.text}</h2>;
  if (q.type === 'single' || q.type === 'multiple') {
    const chosen = value?.optionIds ?? [];
    const hint =
      q.type === 'multiple'
        ? ` (chọn nhiều${q.minSelections ? `, ít nhất ${q.minSelections}` : ''}${q.maxSelections ? `, nhiều nhất ${q.maxSelections}` : ''})`
        : '';
    return (
      <fieldset>
        <legend>
          {label}
          {hint}
        </legend>
        {q.options.map((o) => (
          <label key={o.id} className="choice">
            <input
              type={q.type === 'single' ? 'radio' : 'checkbox'}
              name={q.id}
              checked={chosen.includes(o.id)}
              onChange={(e) =>
                onChange({
                  optionIds: q.type === 'single' ? [o.id] : e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id),
                })
              }
            />
            {o.text}
          </label>
        ))}
      </fieldset>
    );
  }
  if (q.type === 'rating') {
    return (
      <fieldset>
        <legend>{label} (1: thấp nhất, 5: cao nhất)</legend>
        <div className="actions">
          {[1, 2, 3, 4, 5].map((v) => (
            <label key={v} className="choice">
              <input type="radio" name={q.id} checked={value?.value === v} onChange={() => onChange({ value: v })} />
              {v}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  const long = q.type === 'long_text';
  return (
    <label className="field">
      {label}
      {long ? (
        <textarea value={value?.text ?? ''} maxLength={5000} onChange={(e) => onChange({ text: e.target.value })} />
      ) : (
        <input value={value?.text ?? ''} maxLength={500} onChange={(e) => onChange({ text: e.target.value })} />
      )}
    </label>
  );
}
