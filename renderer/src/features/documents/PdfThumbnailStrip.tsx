import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { PdfJs, PDFDocumentProxy } from '../../lib/pdf/pdfjs.js';
import { PdfThumbnail, THUMBNAIL_WIDTH } from './PdfThumbnail.js';
import './documents.css';

/**
 * Thumbnails for at most this many pages. The page count is whatever the file declares: a
 * 1,250-byte PDF with a shared page tree claims 1,000,000 pages. Past this, the page box and
 * Prev/Next still reach every page; the strip stops here.
 */
export const MAX_THUMBNAILS = 5000;
/** Padding, border, label and the gap around a thumbnail's canvas (see .pdf-thumbnail). */
const THUMBNAIL_CHROME = 40;

/**
 * The page strip, virtualized: only the thumbnails in (or near) view are in the DOM, and only
 * those are drawn. It used to mount one canvas per declared page and hung the tab.
 */
export function PdfThumbnailStrip({
  pdfjs,
  doc,
  pageCount,
  page,
  aspect,
  onSelect,
}: {
  pdfjs: PdfJs;
  doc: PDFDocumentProxy;
  pageCount: number;
  page: number;
  /** Height / width of the placeholder until a page is drawn. */
  aspect: number;
  onSelect: (page: number) => void;
}) {
  const scroller = useRef<HTMLElement>(null);
  const count = Math.min(pageCount, MAX_THUMBNAILS);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => Math.round(THUMBNAIL_WIDTH * aspect) + THUMBNAIL_CHROME,
    overscan: 3,
  });

  // The current page's thumbnail comes into view (it may not be mounted: scroll by index).
  useEffect(() => {
    if (page <= count) virtualizer.scrollToIndex(page - 1, { align: 'auto' });
  }, [page, count, virtualizer]);

  return (
    <nav className="pdf-thumbnails" aria-label="Pages" ref={scroller} data-testid="pdf-thumbnails" data-count={count}>
      <div className="pdf-thumbnails-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className="pdf-thumbnail-slot"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <PdfThumbnail
              pdfjs={pdfjs}
              doc={doc}
              pageNumber={item.index + 1}
              current={item.index + 1 === page}
              aspect={aspect}
              onSelect={onSelect}
            />
          </div>
        ))}
      </div>
      {pageCount > count && (
        <p className="pdf-thumbnails-more muted" data-testid="pdf-thumbnails-more">
          Thumbnails for the first {count.toLocaleString('en-US')} of {pageCount.toLocaleString('en-US')} pages.
        </p>
      )}
    </nav>
  );
}
