// Threat model: the app:// protocol serves the built renderer (dist/renderer, inside the asar
// archive when packaged) to our own window, and nothing else. It reads files only: a URL that
// names another host, escapes the folder (../, %2e%2e, encoded slashes or backslashes, NUL) or
// is malformed gets 404. Every response carries the CSP. Why not file://: a file:// page may read
// any file:// URL the user can, and shares its origin with every other local file.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, appResponseHeaders } from './security-policy.js';

/**
 * Maps an app:// URL to a file under rootDir, or null when it must not be served. Query and
 * fragment are ignored; "/" is index.html. Pure: no file system access (app:// serves a folder
 * we build, which holds no symbolic links).
 */
export function resolveAppUrl(input: string, rootDir: string): string | null {
  if (typeof input !== 'string' || /[\u0000-\u0020\u007f\\]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username || url.password || url.port) {
    return null;
  }
  // Our asset names never contain an encoded slash or backslash; a URL that does is probing.
  if (/%2f|%5c/i.test(url.pathname)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // Decoding may have produced what the URL parser had not seen: %2f, %5c, %00, %2e%2e%2f.
  if (/[\u0000-\u001f\u007f\\:]/.test(pathname)) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  if (isAbsolute(relative)) return null;
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...appResponseHeaders('text/plain; charset=utf-8'), ...extra } });
}

/**
 * The protocol.handle('app', …) handler, without Electron: a request in, a Response out. Only
 * GET and HEAD; a missing file is 404 (the renderer has no client-side routes to fall back for).
 */
export async function serveAppRequest(
  request: { url: string; method: string },
  rootDir: string,
  read: (file: string) => Promise<Buffer> = (file) => readFile(file),
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'read-only', { Allow: 'GET, HEAD' });
  const file = resolveAppUrl(request.url, rootDir);
  if (!file) return plain(404, 'not found');
  let body: Buffer;
  try {
    body = await read(file);
  } catch {
    return plain(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: appResponseHeaders(contentTypeFor(file)),
  });
}
