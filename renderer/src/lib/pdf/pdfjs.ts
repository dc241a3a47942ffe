// pdf.js for previews of untrusted PDFs, under the page's CSP (script-src 'self', no eval, no
// inline styles, connect-src 'self'):
// - the worker is a file of the build (Vite's `?url` import emits pdf.worker.min.mjs as its own
//   asset), never a CDN;
// - every resource URL (standard fonts, CMaps, ICC profiles, wasm decoders) is left unset, so
//   nothing is fetched: non-embedded fonts fall back to system fonts, and JPX/JBIG2 images
//   and non-embedded CJK CMaps are not decoded;
// - WebAssembly is off (the CSP has no 'wasm-unsafe-eval'), and so is XFA;
// - pages are only ever drawn onto canvases: no text layer, no annotation layer, so nothing in
//   the PDF is clickable and pdf.js injects no style attributes;
// - pdf.js is loaded on first use, so it stays out of the app's main chunk.
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export type PdfJs = typeof import('pdfjs-dist');
export type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Images above this many pixels are not decoded: a hostile PDF cannot ask for gigabytes. */
const MAX_IMAGE_PIXELS = 64 * 1024 * 1024;

type InitParameters = NonNullable<Parameters<PdfJs['getDocument']>[0]>;

export function documentOptions(pdfjs: PdfJs, bytes: Uint8Array): InitParameters {
  const options: InitParameters & { isEvalSupported: false } = {
    // pdf.js transfers (detaches) the buffer it is given to its worker: hand it a copy, so the
    // caller's bytes stay whole for saving and for the next open.
    data: bytes.slice(),
    // pdf.js 6 no longer compiles anything with eval/new Function and ignores this; kept so a
    // downgrade to a version that still reads it stays eval-free under the CSP.
    isEvalSupported: false,
    useWasm: false,
    useWorkerFetch: false,
    enableXfa: false,
    disableRange: true,
    disableStream: true,
    disableAutoFetch: true,
    disableWorkerRendering: true,
    maxImageSize: MAX_IMAGE_PIXELS,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
  return options;
}

/** Starts opening a PDF from bytes. Destroy the task (or its document) when done with it. */
export function openPdf(pdfjs: PdfJs, bytes: Uint8Array): PDFDocumentLoadingTask {
  // No `onPassword`: an encrypted document fails with a PasswordException, never prompts.
  return pdfjs.getDocument(documentOptions(pdfjs, bytes));
}

export type PdfFailureKind = 'password' | 'invalid' | 'empty' | 'other';

export interface PdfFailure {
  kind: PdfFailureKind;
  message: string;
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
}

/** A failure to open or draw a PDF, in words for the person looking at it. */
export function describePdfError(error: unknown): PdfFailure {
  const name = errorName(error);
  const detail = errorText(error);
  if (name === 'PasswordException' || /password/i.test(detail)) {
    return { kind: 'password', message: 'This PDF is password-protected. Hookscope does not open encrypted documents: save it and open it in a PDF reader.' };
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || /invalid pdf|no pdf header|bad xref|pdf structure/i.test(detail)) {
    return { kind: 'invalid', message: `This file is not a readable PDF (${detail || 'invalid structure'}). It may be damaged or not a PDF at all.` };
  }
  if (/empty/i.test(detail) || /zero-length/i.test(detail)) {
    return { kind: 'empty', message: 'The file is empty.' };
  }
  return { kind: 'other', message: `Could not read this PDF: ${detail || name || 'unknown error'}` };
}

export function isRenderCancelled(error: unknown): boolean {
  const name = errorName(error);
  return name === 'RenderingCancelledException' || name === 'AbortException';
}

export interface PdfMetadata {
  title: string | null;
  author: string | null;
  subject: string | null;
  producer: string | null;
  creator: string | null;
  creationDate: Date | null;
  /** The raw date string when it could not be read as a date. */
  creationDateText: string | null;
  modDate: Date | null;
  pdfVersion: string | null;
  encrypted: boolean;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\u0000/g, '').trim();
  return trimmed ? trimmed.slice(0, 500) : null;
}

/** The document information dictionary, with XMP (dc:title …) where the dictionary has none. */
export async function readMetadata(pdfjs: PdfJs, doc: PDFDocumentProxy): Promise<PdfMetadata> {
  const { info, metadata } = await doc.getMetadata();
  const dict = (info ?? {}) as Record<string, unknown>;
  const xmp = (key: string): string | null => {
    try {
      return metadata ? text(metadata.get(key)) : null;
    } catch {
      return null;
    }
  };
  const date = (raw: string | null): Date | null => {
    if (!raw) return null;
    const parsed = pdfjs.PDFDateString.toDateObject(raw);
    if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
    const iso = new Date(raw);
    return Number.isNaN(iso.getTime()) ? null : iso;
  };
  const creationRaw = text(dict.CreationDate) ?? xmp('xmp:createdate');
  const modRaw = text(dict.ModDate) ?? xmp('xmp:modifydate');
  const creationDate = date(creationRaw);
  return {
    title: text(dict.Title) ?? xmp('dc:title'),
    author: text(dict.Author) ?? xmp('dc:creator'),
    subject: text(dict.Subject) ?? xmp('dc:description'),
    producer: text(dict.Producer) ?? xmp('pdf:producer'),
    creator: text(dict.Creator) ?? xmp('xmp:creatortool'),
    creationDate,
    creationDateText: creationDate ? null : creationRaw,
    modDate: date(modRaw),
    pdfVersion: text(dict.PDFFormatVersion),
    encrypted: dict.IsEncrypted === true,
  };
}
