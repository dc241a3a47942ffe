// The desktop shell's security policy as pure predicates, table-tested with hostile inputs
// (test/unit/desktop/security-policy.test.ts). No Electron import: the glue in hardening.ts,
// ipc-bridge.ts and index.ts only applies these answers.
//
// Whom we trust: exactly one origin, app://hookscope, which serves the built renderer from
// dist/renderer (app-protocol.ts) under APP_CSP. Everything else — other schemes, look-alike
// hosts, subframes, pages reached by a redirect — is foreign: it gets no IPC, no navigation and
// no permission. The only way out is the user's default browser, for plain http(s) links.
import { RENDERER_CSP } from '../core/index.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'hookscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Longest URL we look at; longer ones are refused rather than parsed. */
const MAX_URL_LENGTH = 8192;

/**
 * Parses a URL only when it is already in the canonical form Chromium hands us: no whitespace,
 * control characters or backslashes anywhere (the WHATWG parser would silently strip or rewrite
 * them, e.g. " https:\\evil.com" becomes "https://evil.com/"), no credentials.
 */
function parseStrictUrl(input: unknown): URL | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_URL_LENGTH) return null;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

/**
 * True for URLs on our own origin, app://hookscope, and nothing else. Node treats `app:` as a
 * non-special scheme (opaque host, origin "null"), so scheme, host and port are compared one by
 * one instead of through `URL.origin`; the host compares case-insensitively, as Chromium
 * canonicalises a standard scheme's host to lower case.
 */
export function isAppUrl(input: unknown): boolean {
  const url = parseStrictUrl(input);
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST && url.port === '';
}

/**
 * The navigation allow-list (will-navigate, will-redirect, will-frame-navigate): our own origin
 * only. The renderer is a single page that never navigates; a reload stays on app://hookscope.
 * Everything else — a link, a form, `location = …`, a redirect — is cancelled.
 */
export function isAllowedNavigation(input: unknown): boolean {
  return isAppUrl(input);
}

/**
 * Whether a link may be handed to the user's default browser (shell.openExternal): http and
 * https only, with a host and no credentials. Never file:, javascript:, data:, smb:, custom
 * protocol handlers or anything that would run a local program.
 */
export function isSafeExternalUrl(input: unknown): boolean {
  const url = parseStrictUrl(input);
  if (!url) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname !== '';
}

export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

/**
 * The IPC gatekeeper's first question: did this call come from our page, in the main frame?
 * A subframe (even one on our origin) or a frame that navigated elsewhere gets nothing.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || typeof frame !== 'object') return false;
  return frame.isMainFrame === true && isAppUrl(frame.url);
}

/** The renderer's Content Security Policy, sent as a header on every app:// response. */
export const APP_CSP = RENDERER_CSP;

/** Headers on every app:// response. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
