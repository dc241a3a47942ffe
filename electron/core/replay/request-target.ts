// Where a replay goes: the target the user named, with the part of the captured URL that came
// after the endpoint's own path appended. Everything here works on raw strings: a captured request
// target is kept exactly as sent (percent-encodings, odd characters, dot segments), and the WHATWG
// URL parser would normalise it.
import { splitTarget } from '../store/delivery-repository.js';

/**
 * The captured request target after the endpoint's capture path `/<slug>`, query included:
 * `/stripe/hooks?x=1` on `stripe` → `/hooks?x=1`; `/stripe` → ``. A delivery of the `default`
 * endpoint that did not come in under `/default` keeps its whole target.
 */
export function capturedRest(url: string, slug: string): string {
  const prefix = `/${slug}`;
  if (url === prefix) return '';
  if (url.startsWith(prefix) && (url[prefix.length] === '/' || url[prefix.length] === '?')) return url.slice(prefix.length);
  return url;
}

/**
 * Appends a request target's path and query to a target URL: its path after the target's path
 * (a lone `/` adds nothing), its query after the target's own query. The target's fragment is dropped.
 */
export function joinTarget(target: string, rest: string): string {
  const withoutFragment = target.split('#', 1)[0]!;
  const { path: base, query: baseQuery } = splitTarget(withoutFragment);
  const { path, query } = splitTarget(rest);
  const joinedPath = path === '' || path === '/' ? base : base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
  const joinedQuery = [baseQuery, query].filter((part) => part !== '').join('&');
  return joinedQuery === '' ? joinedPath : `${joinedPath}?${joinedQuery}`;
}

export interface ParsedTarget {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** What the Host header carries: host and, when not the scheme's default, port. */
  host: string;
  /** The raw request target (path and query) as written in the URL, never normalised. */
  path: string;
}

/** Splits an absolute http(s) URL; throws a TypeError for anything else. */
export function parseTarget(url: string): ParsedTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url}`);
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
  const raw = url.slice(authority.length).split('#', 1)[0]!;
  const path = raw === '' ? '/' : raw.startsWith('?') ? `/${raw}` : raw;
  const defaultPort = parsed.protocol === 'https:' ? 443 : 80;
  return {
    protocol: parsed.protocol,
    // URL keeps IPv6 literals bracketed; node:net wants them bare.
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? defaultPort : Number(parsed.port),
    host: parsed.host,
    path,
  };
}

/** The path and query of an absolute URL, raw: what the receiver sees as its request target. */
export function requestTargetOf(url: string): string {
  return parseTarget(url).path;
}
