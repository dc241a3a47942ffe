// Who may use the control API. It listens on loopback, yet any web page the user opens can make
// the browser send requests to 127.0.0.1 (CSRF) or to a hostname it re-points at 127.0.0.1 (DNS
// rebinding). So: the Host header must name this loopback port, an Origin (if sent) must be ours,
// and /api needs the bearer token, which only the user has (printed at start, kept in the UI's
// URL fragment, never sent to a server). Pure functions, table-tested with hostile inputs.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ControlRequestHeaders {
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
}

export type GuardVerdict = { allowed: true } | { allowed: false; status: 401 | 403; code: 'unauthorized' | 'forbidden'; message: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function allowedHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // same-origin GETs and non-browser clients send none
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** Constant-time comparison of the presented bearer token with ours. */
export function hasValidToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The Host and Origin checks apply to everything on the UI port; the token only to /api. */
export function checkControlRequest(
  headers: ControlRequestHeaders,
  options: { port: number; token: string; needsToken: boolean },
): GuardVerdict {
  if (!isAllowedHost(headers.host, options.port)) {
    return { allowed: false, status: 403, code: 'forbidden', message: 'Host header is not this loopback address' };
  }
  if (!isAllowedOrigin(headers.origin, options.port)) {
    return { allowed: false, status: 403, code: 'forbidden', message: 'cross-origin requests are not allowed' };
  }
  if (options.needsToken && !hasValidToken(headers.authorization, options.token)) {
    return { allowed: false, status: 401, code: 'unauthorized', message: 'missing or wrong bearer token' };
  }
  return { allowed: true };
}

export function isControlRequestAllowed(
  headers: ControlRequestHeaders,
  options: { port: number; token: string; needsToken: boolean },
): boolean {
  return checkControlRequest(headers, options).allowed;
}

/** The renderer's CSP, shared with the desktop app. */
export { RENDERER_CSP } from '../core/renderer-csp.js';
