import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { fetchFile } from '../api';
import { ErrorNotice, Loading } from '../ui';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * The PDF reader of the app (pdf.js): the pages drawn to the screen's width, larger on demand, and
 * each page's text as text (it follows the app's text size and a screen reader reads it). The bytes
 * come through the service worker: a document kept for offline reading opens with no network.
 */
export default function PdfReader({ url, title }: { url: string; title: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<unknown>();
  const [zoom, setZoom] = useState(1);
  const [asText, setAsText] = useState(false);
  const [texts, setTexts] = useState<string[] | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    let task: ReturnType<typeof getDocument> | null = null;
    (async () => {
      const data = new Uint8Array(await (await fetchFile(url)).arrayBuffer());
      if (!live) return;
      task = getDocument({ data, useWasm: false });
      const loaded = await task.promise;
      if (live) setDoc(loaded);
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [url]);

  useEffect(() => {
    if (!doc || asText || !box.current) return;
    const container = box.current;
    let cancelled = false;
    container.replaceChildren();
    (async () => {
      const width = container.clientWidth || 360;
      for (let n = 1; n <= doc.numPages && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const scale = (width / base.width) * zoom * (window.devicePixelRatio || 1);
        const viewport = page.getViewport({ scale });
        const canvas = document.createElement('canvas');
        canvas.className = 'pdfpage';
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${zoom * 100}%`;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `Trang ${n} trên ${doc.numPages} của văn bản ${title}`);
        container.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
    })().catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [doc, zoom, asText, title]);

  useEffect(() => {
    if (!doc || !asText || texts) return;
    (async () => {
      const pages: string[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const content = await (await doc.getPage(n)).getTextContent();
        pages.push(
          content.items
            .map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : ''))
            .join('')
            .trim(),
        );
      }
      setTexts(pages);
    })().catch(setError);
  }, [doc, asText, texts]);

  if (error !== undefined) return <ErrorNotice error={error} />;
  if (!doc) return <Loading label="Đang mở văn bản…" />;
  return (
    <section aria-label={`Văn bản: ${title}`} className="reader">
      <div className="actions">
        <button type="button" className="btn secondary" aria-pressed={asText} onClick={() => setAsText((v) => !v)}>
          {asText ? 'Xem trang gốc' : 'Xem dạng chữ (theo cỡ chữ)'}
        </button>
        {!asText && (
          <>
            <button type="button" className="btn secondary" onClick={() => setZoom((z) => Math.max(1, z - 0.5))} disabled={zoom <= 1}>
              Thu nhỏ
            </button>
            <button type="button" className="btn secondary" onClick={() => setZoom((z) => Math.min(3, z + 0.5))} disabled={zoom >= 3}>
              Phóng to
            </button>
          </>
        )}
      </div>
      <p className="meta" role="status">
        {doc.numPages} trang{!asText && zoom > 1 ? `, phóng to ${zoom * 100}%: vuốt ngang để xem hết trang` : ''}
      </p>
      {asText ? (
        texts ? (
          texts.map((t, i) => (
            <article key={i} className="card" aria-label={`Trang ${i + 1}`}>
              <h2>Trang {i + 1}</h2>
              <p style={{ whiteSpace: 'pre-wrap' }}>{t || '(Trang này không có chữ: là hình ảnh)'}</p>
            </article>
          ))
        ) : (
          <Loading />
        )
      ) : (
        <div className="pdfbox" ref={box} tabIndex={0} aria-label="Các trang của văn bản" />
      )}
    </section>
  );
}
