import { useEffect, useRef, useState } from 'react';
import { isRenderCancelled, type PdfJs, type PDFDocumentProxy } from '../../lib/pdf/pdfjs.js';
import { drawPage, type PageDrawing } from '../../lib/pdf/render.js';
import './documents.css';

/** CSS width of a thumbnail; drawn at the screen's pixel ratio. */
export const THUMBNAIL_WIDTH = 96;

/** One page in the strip, drawn when mounted. */
export function PdfThumbnail({
  pdfjs,
  doc,
  pageNumber,
  current,
  aspect,
  onSelect,
}: {
  pdfjs: PdfJs;
  doc: PDFDocumentProxy;
  pageNumber: number;
  current: boolean;
  /** Height / width of the placeholder until the page itself is drawn. */
  aspect: number;
  onSelect: (page: number) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'waiting' | 'rendered' | 'failed'>('waiting');

  // Mounted only while in or near view (PdfThumbnailStrip virtualizes): drawing on mount is drawing what is seen.
  useEffect(() => {
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
  }, [pdfjs, doc, pageNumber]);

  return (
    <button
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
