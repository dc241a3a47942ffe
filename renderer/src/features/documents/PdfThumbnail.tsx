import { useEffect, useRef, useState, type RefObject } from 'react';
import { isRenderCancelled, type PdfJs, type PDFDocumentProxy } from '../../lib/pdf/pdfjs.js';
import { drawPage, type PageDrawing } from '../../lib/pdf/render.js';

/** CSS width of a thumbnail; drawn at the screen's pixel ratio. */
export const THUMBNAIL_WIDTH = 96;

/** One page in the strip: drawn once it comes near the strip's visible part, never before. */
export function PdfThumbnail({
  pdfjs,
  doc,
  pageNumber,
  current,
  aspect,
  rootRef,
  onSelect,
}: {
  pdfjs: PdfJs;
  doc: PDFDocumentProxy;
  pageNumber: number;
  current: boolean;
  /** Height / width of the placeholder until the page itself is drawn. */
  aspect: number;
  rootRef: RefObject<HTMLElement | null>;
  onSelect: (page: number) => void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  const [state, setState] = useState<'waiting' | 'rendered' | 'failed'>('waiting');

  useEffect(() => {
    const button = buttonRef.current;
    if (!button || visible) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { root: rootRef.current, rootMargin: '300px' },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [rootRef, visible]);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let drawing: PageDrawing | null = null;
    doc
      .getPage(pageNumber)
      .then((page) => {
        const canvas = canvasRef.current;
        if (cancelled || !canvas) return;
        const scale = THUMBNAIL_WIDTH / page.getViewport({ scale: 1 }).width;
        drawing = drawPage(pdfjs, page, canvas, scale);
        return drawing.promise.then(() => {
          if (!cancelled) setState('rendered');
        });
      })
      .catch((error: unknown) => {
        if (!cancelled && !isRenderCancelled(error)) setState('failed');
      });
    return () => {
      cancelled = true;
      drawing?.cancel();
    };
  }, [visible, pdfjs, doc, pageNumber]);

  useEffect(() => {
    if (current) buttonRef.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [current]);

  return (
    <button
      ref={buttonRef}
      type="button"
      className={`pdf-thumbnail${current ? ' current' : ''}`}
      onClick={() => onSelect(pageNumber)}
      aria-label={`Page ${pageNumber}`}
      aria-current={current ? 'page' : undefined}
      data-testid="pdf-thumbnail"
      data-page-number={pageNumber}
      data-state={state}
    >
      <canvas ref={canvasRef} width={THUMBNAIL_WIDTH} height={Math.round(THUMBNAIL_WIDTH * aspect)} aria-hidden="true" />
      <span className="pdf-thumbnail-label">{state === 'failed' ? `${pageNumber} ⚠` : pageNumber}</span>
    </button>
  );
}
