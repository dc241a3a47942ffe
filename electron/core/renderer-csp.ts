/**
 * The renderer's Content Security Policy, the same for both hosts: `serve` sends it on every page
 * of the UI port, the desktop app on every app:// response (renderer/index.html holds it as a
 * <meta> tag, which cannot carry frame-ancestors). Nothing inline, nothing evaluated, nothing
 * remote; workers (pdf.js) only from our own origin or blob:.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
