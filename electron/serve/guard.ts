// Who may use the control API. It listens on loopback, yet any web page the user opens can make
// the browser send requests to 127.0.0.1 (CSRF) or to a hostname it re-points at 127.0.0.1 (DNS
// rebinding). So: the Host header must name this loopback port, an Origin (if sent) must be ours,
// and /api needs a credential: the bearer token (scripts), or the inspector's session cookie
// (sessions.ts). A cookie is sent by the browser on its own, so it counts only on requests the
// page itself made: SameSite=Strict keeps it off cross-site requests, and because another port
// of 127.0.0.1 is the *same site*, a Sec-Fetch-Site other than same-origin (or none: typed by
// the user) refuses it too, and a write must carry our Origin (browsers send one on every
// non-GET fetch). Pure functions, table-tested with hostile inputs.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ControlRequestHeaders {
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
  /** The raw Cookie header. */
  cookie?: string | undefined;
  /** Fetch metadata: `same-origin`, `same-site`, `cross-site` or `none`; old browsers and scripts send none. */
  secFetchSite?: string | undefined;
  /** The HTTP method; GET and HEAD are the only ones that need no Origin with a cookie. */
  method?: string | undefined;
}

export interface ControlGuardOptions {
  port: number;
  token: string;
  /** False for the static UI and the sign-in routes, true for /api. */
  needsToken: boolean;
  /** Whether a session id from the cookie is open (sessions.ts); absent = no cookie sessions. */
  isSession?: (id: string) => boolean;
}

export type GuardVerdict =
  | { allowed: true; via: 'none' | 'token' | 'session' }
  | { allowed: false; status: 401 | 403; code: 'unauthorized' | 'forbidden'; message: string };

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

/** Constant-time comparison of a presented token with ours (digests: equal lengths, no length leak). */
export function isSameToken(presented: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** The presented bearer token, compared in constant time with ours. */
export function hasValidToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
  return match !== null && isSameToken(match[1]!, token);
}

/**
 * The session cookie's name carries the port: cookies are shared by every port of a host, so two
 * `serve` instances must not overwrite each other's session.
 */
export function sessionCookieName(port: number): string {
  return `hookscope-session-${port}`;
}

/**
 * Every value of one cookie in a Cookie header. There can be several: any server on another
 * port of this host may set one with our name (cookies ignore ports), so none is trusted for
 * being there, only for naming an open session.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}

/** A cookie counts only on a request the inspector page itself made (see the header comment). */
export function isCookieRequestTrusted(headers: ControlRequestHeaders): boolean {
  const site = headers.secFetchSite?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const safe = headers.method === 'GET' || headers.method === 'HEAD';
  return safe || headers.origin !== undefined; // and the Origin, when present, was checked to be ours
}

function hasOpenSession(headers: ControlRequestHeaders, options: ControlGuardOptions): boolean {
  if (!options.isSession) return false;
  const isSession = options.isSession;
  const ids = readCookies(headers.cookie, sessionCookieName(options.port));
  return ids.some((id) => isSession(id)) && isCookieRequestTrusted(headers);
}

/** The Host and Origin checks apply to everything on the UI port; a credential only to /api. */
export function checkControlRequest(headers: ControlRequestHeaders, options: ControlGuardOptions): GuardVerdict {
  if (!isAllowedHost(headers.host, options.port)) {
    return { allowed: false, status: 403, code: 'forbidden', message: 'Host header is not this loopback address' };
  }
  if (!isAllowedOrigin(headers.origin, options.port)) {
    return { allowed: false, status: 403, code: 'forbidden', message: 'cross-origin requests are not allowed' };
  }
  if (!options.needsToken) return { allowed: true, via: 'none' };
  if (hasValidToken(headers.authorization, options.token)) return { allowed: true, via: 'token' };
  if (hasOpenSession(headers, options)) return { allowed: true, via: 'session' };
  return { allowed: false, status: 401, code: 'unauthorized', message: 'missing or wrong bearer token, and no session' };
}

export function isControlRequestAllowed(headers: ControlRequestHeaders, options: ControlGuardOptions): boolean {
  return checkControlRequest(headers, options).allowed;
}

/** The renderer's CSP, shared with the desktop app. */
export { RENDERER_CSP } from '../core/index.js';
