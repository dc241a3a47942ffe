// Drawing one page onto a canvas, sharp on high-DPI screens, within a pixel budget.
import type { PDFPageProxy, PdfJs } from './pdfjs.js';

/** A canvas above this many pixels is drawn at a lower resolution (then scaled up by CSS). */
export const MAX_CANVAS_PIXELS = 16 * 1024 * 1024;

export interface PageDrawing {
  /** Resolves with the CSS size the canvas should be shown at; rejects on failure or cancel. */
  promise: Promise<{ cssWidth: number; cssHeight: number }>;
  cancel(): void;
}

export function drawPage(
  pdfjs: PdfJs,
  page: PDFPageProxy,
  canvas: HTMLCanvasElement,
  scale: number,
  devicePixelRatio: number = window.devicePixelRatio || 1,
): PageDrawing {
  const viewport = page.getViewport({ scale });
  let output = Math.max(1, devicePixelRatio);
  const area = viewport.width * viewport.height;
  if (area * output * output > MAX_CANVAS_PIXELS) output = Math.sqrt(MAX_CANVAS_PIXELS / area);
  canvas.width = Math.max(1, Math.floor(viewport.width * output));
  canvas.height = Math.max(1, Math.floor(viewport.height * output));
  const task = page.render({
    canvas,
    viewport,
    transform: output === 1 ? undefined : [output, 0, 0, output, 0, 0],
    // Annotation appearances are painted like the rest of the page; nothing is interactive.
    annotationMode: pdfjs.AnnotationMode.ENABLE,
    background: 'rgb(255,255,255)',
  });
  return {
    promise: task.promise.then(() => ({ cssWidth: viewport.width, cssHeight: viewport.height })),
    cancel: () => task.cancel(),
  };
}

export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1]!;

export function zoomIn(current: number): number {
  return ZOOM_STEPS.find((step) => step > current + 0.001) ?? MAX_ZOOM;
}

export function zoomOut(current: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 0.001) ?? MIN_ZOOM;
}

export function clampZoom(scale: number): number {
  return Math.min(MAX_ZOOM, Math.max(0.1, scale));
}
