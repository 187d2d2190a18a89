import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiError } from './api';

/** The screen's title: the page's <title> and its heading, focused on arrival (screen readers announce the new screen). */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Sổ tay Đảng viên`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {actions}
      {children}
    </>
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <p role="status" aria-live="polite">
      {label}
    </p>
  );
}

export const errorMessage = (e: unknown): string =>
  e instanceof ApiError ? e.message : e instanceof Error && e.message ? e.message : 'Đã có lỗi; vui lòng thử lại.';

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const offline = error instanceof ApiError && error.network;
  return (
    <div className="notice error" role="alert">
      <p>
        <strong>{offline ? 'Không có mạng. ' : 'Lỗi: '}</strong>
        {offline ? 'Nội dung này chưa được lưu trên máy để đọc khi không có mạng. Hãy kết nối mạng rồi thử lại.' : errorMessage(error)}
      </p>
      {retry && (
        <button type="button" className="btn secondary" onClick={retry}>
          Thử lại
        </button>
      )}
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'ok' | 'warn' | 'error'; children: ReactNode }) {
  const prefix = kind === 'ok' ? 'Xong: ' : kind === 'warn' ? 'Lưu ý: ' : 'Lỗi: ';
  return (
    <div className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <strong>{prefix}</strong>
      {children}
    </div>
  );
}

/** A value loaded from the API, with loading and error states and a reload. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
  );
}

const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
export const formatDate = (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(iso)) : '');
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTimeFormat.format(new Date(iso)) : '');

/** A labelled input; the error of the field (from the server) read with it. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: (props: { 'aria-invalid'?: boolean; 'aria-describedby'?: string; id: string }) => ReactNode;
}) {
  const id = useRef(`f-${Math.random().toString(36).slice(2, 9)}`).current;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <label className="field" htmlFor={id}>
      {label}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {' '}
          ({hint})
        </span>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {error && (
        <span className="fielderror" id={`${id}-error`}>
          {error}
        </span>
      )}
    </label>
  );
}

export const DOCUMENT_TYPES: Record<string, string> = {
  resolution: 'Nghị quyết',
  directive: 'Chỉ thị',
  conclusion: 'Kết luận',
  regulation: 'Quy định',
  guidance: 'Hướng dẫn',
  study_material: 'Tài liệu học tập',
  other: 'Văn bản khác',
};

export const NEWS_CATEGORIES: Record<string, string> = {
  party_building: 'Xây dựng Đảng',
  policy: 'Chính sách',
  local: 'Địa phương',
  example: 'Gương điển hình',
  international: 'Quốc tế',
  other: 'Khác',
};
