import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorMessage } from '../../api/transport.js';
import type { DocumentClaims } from '../../lib/pdf/claims.js';
import { describePdfError, isRenderCancelled, type PdfJs, type PDFDocumentProxy } from '../../lib/pdf/pdfjs.js';
import { clampZoom, drawPage, zoomIn, zoomOut, type PageDrawing } from '../../lib/pdf/render.js';
import { saveDocument, type SaveDocument } from '../../lib/pdf/save.js';
import { ClaimsCheck, PdfMetadataBlock } from './PdfInfo.js';
import { PdfThumbnailStrip } from './PdfThumbnailStrip.js';
import { usePdfDocument, usePdfFacts } from './use-pdf-document.js';
import './documents.css';

export interface PdfPreviewProps {
  /** The PDF's bytes; never modified (pdf.js gets a copy). */
  bytes: Uint8Array;
  /** What the payload claimed about the file. */
  claims: DocumentClaims;
  /** The name the Save button suggests. */
  fileName: string;
  /** Desktop: saves through the shell's dialog. Used only when `window.hookscope` exists; a browser downloads. */
  onSave?: SaveDocument;
  /** The mismatches the core recorded when it archived the file (DocumentSummary.mismatches). */
  reportedMismatches?: string[];
}

/**
 * A read-only view of an untrusted PDF: pages drawn onto canvases (no text or annotation layer,
 * so nothing in it is clickable), thumbnails, what the file says about itself, and the payload's
 * claims checked against it. A file pdf.js cannot read shows why, and can still be saved.
 */
export function PdfPreview({ bytes, claims, fileName, onSave, reportedMismatches }: PdfPreviewProps) {
  const state = usePdfDocument(bytes);
  return (
    <section className="pdf-preview" aria-label={`Preview of ${fileName}`} data-testid="pdf-preview" data-state={state.status}>
      <header className="pdf-preview-header">
        <span className="pdf-file-name mono" title={fileName}>
          {fileName}
        </span>
        <SaveButton bytes={bytes} fileName={fileName} onSave={onSave} />
      </header>
      {state.status === 'loading' && <p className="placeholder muted">Opening PDF…</p>}
      {state.status === 'error' && (
        <div className="pdf-failed">
          <p className="alert alert-danger" role="alert" data-testid="pdf-error" data-kind={state.failure.kind}>
            {state.failure.message}
          </p>
          <div className="pdf-info">
            <PdfMetadataBlock metadata={null} pageCount={null} firstPage={null} fileSize={bytes.byteLength} />
            <ClaimsCheck claims={claims} fileSize={bytes.byteLength} pageCount={null} reportedMismatches={reportedMismatches} />
          </div>
        </div>
      )}
      {state.status === 'ready' && (
        <LoadedPdf pdfjs={state.pdfjs} doc={state.doc} fileSize={bytes.byteLength} claims={claims} reportedMismatches={reportedMismatches} />
      )}
    </section>
  );
}

function SaveButton({ bytes, fileName, onSave }: { bytes: Uint8Array; fileName: string; onSave?: SaveDocument }) {
  const [state, setState] = useState<{ busy: boolean; done: string | null; error: string | null }>({ busy: false, done: null, error: null });
  const save = () => {
    setState({ busy: true, done: null, error: null });
    saveDocument(bytes, fileName, onSave).then(
      (how) => setState({ busy: false, done: how === 'saved' ? 'Saved' : null, error: null }),
      (failure: unknown) => setState({ busy: false, done: null, error: `Could not save: ${errorMessage(failure)}` }),
    );
  };
  return (
    <span className="pdf-save">
      <button type="button" onClick={save} disabled={state.busy} data-testid="pdf-save">
        {state.busy ? 'Saving…' : 'Save PDF'}
      </button>
      {state.done && <span className="saved-text">{state.done}</span>}
      {state.error && <span className="error-text">{state.error}</span>}
    </span>
  );
}

type Zoom = { mode: 'fit' } | { mode: 'scale'; scale: number };

/** Padding of the page viewport, both sides: the fit width leaves it free. */
const VIEWPORT_GUTTER = 32;

function LoadedPdf({
  pdfjs,
  doc,
  fileSize,
  claims,
  reportedMismatches,
}: {
  pdfjs: PdfJs;
  doc: PDFDocumentProxy;
  fileSize: number;
  claims: DocumentClaims;
  reportedMismatches?: string[];
}) {
  const pageCount = doc.numPages;
  const facts = usePdfFacts(pdfjs, doc);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<Zoom>({ mode: 'fit' });
  const [scale, setScale] = useState<number | null>(null);
  const [rendered, setRendered] = useState<{ page: number; error: string | null } | null>(null);
  const [viewportWidth, setViewportWidth] = useState(0);
  const viewportRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  const clamp = useCallback((n: number) => Math.min(pageCount, Math.max(1, n)), [pageCount]);
  const goTo = useCallback((next: number) => setPage(clamp(next)), [clamp]);
  // Relative moves build on the latest page, so clicks faster than renders all count.
  const step = useCallback((delta: number) => setPage((p) => clamp(p + delta)), [clamp]);

  // The viewport's width, for "fit": measured before paint, then followed (in 8px steps, so a
  // window drag redraws a few times, not on every pixel).
  useLayoutEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const measure = () => setViewportWidth(Math.floor(element.clientWidth / 8) * 8);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fitWidth = zoom.mode === 'fit' ? viewportWidth : null;
  const manualScale = zoom.mode === 'scale' ? zoom.scale : null;

  useEffect(() => {
    if (fitWidth === 0) return; // not laid out yet
    let cancelled = false;
    let drawing: PageDrawing | null = null;
    // Drawn off screen, then copied: the page shown stays until the next one is ready, and a
    // cancelled draw never leaves a half-drawn canvas.
    const scratch = document.createElement('canvas');
    doc
      .getPage(page)
      .then((pdfPage) => {
        if (cancelled) return;
        const base = pdfPage.getViewport({ scale: 1 });
        const next = manualScale ?? clampZoom(((fitWidth ?? 0) - VIEWPORT_GUTTER) / base.width);
        setScale(next);
        drawing = drawPage(pdfjs, pdfPage, scratch, next);
        return drawing.promise.then(({ cssWidth, cssHeight }) => {
          const canvas = canvasRef.current;
          if (cancelled || !canvas) return;
          canvas.width = scratch.width;
          canvas.height = scratch.height;
          canvas.getContext('2d')?.drawImage(scratch, 0, 0);
          // CSSOM, not a style attribute: the CSP allows this.
          canvas.style.width = `${cssWidth}px`;
          canvas.style.height = `${cssHeight}px`;
          setRendered({ page, error: null });
        });
      })
      .catch((error: unknown) => {
        if (cancelled || isRenderCancelled(error)) return;
        const canvas = canvasRef.current;
        canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height); // no stale page under the error
        setRendered({ page, error: describePdfError(error).message });
      })
      .finally(() => {
        scratch.width = 0;
        scratch.height = 0;
      });
    return () => {
      cancelled = true;
      drawing?.cancel();
    };
  }, [pdfjs, doc, page, fitWidth, manualScale]);

  // In fit mode the drawn scale is the base of the next step; manual steps build on the latest.
  const drawnScale = useRef(1);
  if (scale !== null) drawnScale.current = scale;
  const zoomBy = (next: (scale: number) => number) =>
    setZoom((z) => ({ mode: 'scale', scale: next(z.mode === 'scale' ? z.scale : drawnScale.current) }));
  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      ArrowLeft: () => step(-1),
      PageUp: () => step(-1),
      ArrowRight: () => step(1),
      PageDown: () => step(1),
      Home: () => goTo(1),
      End: () => goTo(pageCount),
      '+': () => zoomBy(zoomIn),
      '=': () => zoomBy(zoomIn),
      '-': () => zoomBy(zoomOut),
    };
    const action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

  const first = facts.firstPage;
  const aspect = first && first.width > 0 ? first.height / first.width : 1.294;
  const busy = rendered?.page !== page;

  return (
    <div className="pdf-layout">
      <PdfThumbnailStrip pdfjs={pdfjs} doc={doc} pageCount={pageCount} page={page} aspect={aspect} onSelect={goTo} />
      <div className="pdf-main">
        <div className="pdf-toolbar" role="toolbar" aria-label="Page navigation and zoom">
          <button type="button" onClick={() => step(-1)} disabled={page <= 1} data-testid="pdf-prev" aria-label="Previous page">
            ‹ Prev
          </button>
          <span className="pdf-page-indicator" data-testid="pdf-page-indicator" aria-live="polite">
            Page {page} of {pageCount}
          </span>
          <button type="button" onClick={() => step(1)} disabled={page >= pageCount} data-testid="pdf-next" aria-label="Next page">
            Next ›
          </button>
          <PageJump pageCount={pageCount} onGo={goTo} />
          <span className="pdf-toolbar-gap" />
          <button type="button" onClick={() => zoomBy(zoomOut)} data-testid="pdf-zoom-out" aria-label="Zoom out">
            −
          </button>
          <span className="pdf-zoom-level mono" data-testid="pdf-zoom-level">
            {scale === null ? '…' : `${Math.round(scale * 100)}%`}
          </span>
          <button type="button" onClick={() => zoomBy(zoomIn)} data-testid="pdf-zoom-in" aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => setZoom({ mode: 'fit' })} aria-pressed={zoom.mode === 'fit'} data-testid="pdf-zoom-fit">
            Fit width
          </button>
        </div>
        <div className="pdf-viewport" ref={viewportRef} tabIndex={0} onKeyDown={onKeyDown} aria-label={`Page ${page} of ${pageCount}`}>
          <canvas
            ref={canvasRef}
            className="pdf-page-canvas"
            data-testid="pdf-page-canvas"
            // The page whose pixels the canvas holds: it follows the current page once drawn.
            data-page-number={rendered?.page ?? 0}
            data-rendering={busy ? 'true' : 'false'}
            role="img"
            aria-label={`Page ${rendered?.page ?? page}`}
          />
          {rendered?.error && rendered.page === page && (
            <p className="alert alert-danger pdf-render-error" role="alert" data-testid="pdf-render-error">
              Page {page} could not be drawn: {rendered.error}
            </p>
          )}
        </div>
      </div>
      <aside className="pdf-info" aria-label="Document details">
        <PdfMetadataBlock metadata={facts.metadata} pageCount={pageCount} firstPage={facts.firstPage} fileSize={fileSize} />
        <ClaimsCheck claims={claims} fileSize={fileSize} pageCount={pageCount} reportedMismatches={reportedMismatches} />
      </aside>
    </div>
  );
}

/** "Go to page": any number typed is clamped to the document's pages (a file can declare a million). */
function PageJump({ pageCount, onGo }: { pageCount: number; onGo: (page: number) => void }) {
  const [value, setValue] = useState('');
  const go = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Math.trunc(Number(value));
    if (Number.isFinite(wanted) && value.trim() !== '') onGo(wanted);
    setValue('');
  };
  return (
    <form className="pdf-page-jump" onSubmit={go} noValidate>
      <input
        type="number"
        min={1}
        max={pageCount}
        value={value}
        placeholder="page"
        aria-label={`Go to page (1 to ${pageCount})`}
        onChange={(event) => setValue(event.target.value)}
        data-testid="pdf-page-jump"
      />
      <button type="submit" data-testid="pdf-page-jump-go">
        Go
      </button>
    </form>
  );
}
