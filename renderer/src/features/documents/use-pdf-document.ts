import { useEffect, useState } from 'react';
import { describePdfError, loadPdfJs, openPdf, readMetadata, type PdfFailure, type PdfJs, type PdfMetadata, type PDFDocumentProxy } from '../../lib/pdf/pdfjs.js';

export type PdfDocumentState =
  | { status: 'loading' }
  | { status: 'ready'; pdfjs: PdfJs; doc: PDFDocumentProxy }
  | { status: 'error'; failure: PdfFailure };

/** Opens `bytes` with pdf.js; the document is destroyed when the bytes change or on unmount. */
export function usePdfDocument(bytes: Uint8Array): PdfDocumentState {
  const [state, setState] = useState<{ bytes: Uint8Array; value: PdfDocumentState }>({ bytes, value: { status: 'loading' } });

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    const settle = (value: PdfDocumentState) => {
      if (!cancelled) setState({ bytes, value });
    };
    if (bytes.byteLength === 0) {
      settle({ status: 'error', failure: { kind: 'empty', message: 'The file is empty.' } });
      return;
    }
    loadPdfJs()
      .then(async (pdfjs) => {
        if (cancelled) return;
        const task = openPdf(pdfjs, bytes);
        destroy = () => void task.destroy().catch(() => undefined);
        const doc = await task.promise;
        settle({ status: 'ready', pdfjs, doc });
      })
      .catch((error: unknown) => settle({ status: 'error', failure: describePdfError(error) }));
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [bytes]);

  // Until the effect has run for new bytes, the old document must not be shown for them.
  return state.bytes === bytes ? state.value : { status: 'loading' };
}

export interface PdfFacts {
  metadata: PdfMetadata | null;
  /** Page 1 at scale 1, in points (rotation applied). */
  firstPage: { width: number; height: number } | null;
}

/** Metadata and the first page's size; a failure to read either leaves it null. */
export function usePdfFacts(pdfjs: PdfJs, doc: PDFDocumentProxy): PdfFacts {
  const [facts, setFacts] = useState<{ doc: PDFDocumentProxy; value: PdfFacts } | null>(null);

  useEffect(() => {
    let cancelled = false;
    const metadata = readMetadata(pdfjs, doc).catch(() => null);
    const firstPage = doc
      .getPage(1)
      .then((page) => {
        const viewport = page.getViewport({ scale: 1 });
        return { width: viewport.width, height: viewport.height };
      })
      .catch(() => null);
    void Promise.all([metadata, firstPage]).then(([m, p]) => {
      if (!cancelled) setFacts({ doc, value: { metadata: m, firstPage: p } });
    });
    return () => {
      cancelled = true;
    };
  }, [pdfjs, doc]);

  return facts?.doc === doc ? facts.value : { metadata: null, firstPage: null };
}
