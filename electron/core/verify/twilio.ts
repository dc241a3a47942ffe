// Twilio: X-Twilio-Signature = base64 HMAC-SHA1(auth token, URL + form parameters sorted by name,
// each name followed by its value). For JSON bodies Twilio signs the URL only and puts the body's
// SHA-256 in its `bodySHA256` query parameter, so the body is bound through that hash.
// Twilio signs the URL it called: the public (tunnel) URL, never the localhost one we listen on.
import type { HeaderPair, Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { bodyForms } from './diagnose.js';
import { findHeader, mediaType } from './headers.js';
import { safeEqualText, sha256Hex, utf8Key } from './hmac.js';
import { duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck, type SignedContent, type Variant } from './signature-check.js';
import type { VerificationInput } from './types.js';

export const TWILIO_HEADER = 'X-Twilio-Signature';

type Mode = 'form' | 'body-hash' | 'url';

export function verifyTwilio(input: VerificationInput, config: ConfigOf<'twilio'>, _nowMs: number): Verification {
  const found = findHeader(input.headers, TWILIO_HEADER);
  if (!found) return missing('twilio', `No ${TWILIO_HEADER} header.`);
  const target = calledUrl(input);
  if (!target) {
    const reason = 'No public URL is set and the request has no Host header: Twilio signs the exact URL it called, so there is nothing to check against.';
    return invalid('twilio', reason, { received: found.value });
  }
  const mode = signingMode(input.headers, target.url);
  const result = runSignatureCheck(
    {
      scheme: 'twilio',
      algorithm: 'sha1',
      encoding: 'base64',
      secret: config.secret,
      key: utf8Key,
      signedContent: signed(target.url, mode),
      signatures: [found.value.trim()],
      receivedHeader: found.value,
      recipe: `base64 HMAC-SHA1 of ${mode === 'form' ? 'the URL and the sorted form parameters' : 'the URL'}, in ${found.name}`,
      contentVariants: urlVariants(input, target.url, mode),
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
  const checked = mode === 'body-hash' && result.status === 'valid' ? checkBodyHash(result, target.url, input.body) : result;
  return target.fromHost ? { ...checked, reason: `${checked.reason} ${hostNote(target.url)}` } : checked;
}

export interface CalledUrl {
  url: string;
  fromHost: boolean;
}

/** The public URL joined with the request target; without one, rebuilt from the Host header. */
export function calledUrl(input: VerificationInput): CalledUrl | null {
  const path = input.url.startsWith('/') ? input.url : `/${input.url}`;
  if (input.publicUrl) {
    const joined = joinPublicUrl(input.publicUrl, path);
    if (joined) return { url: joined, fromHost: false };
  }
  const host = findHeader(input.headers, 'host');
  return host ? { url: `https://${host.value}${path}`, fromHost: true } : null;
}

export function joinPublicUrl(publicUrl: string, path: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(publicUrl);
  } catch {
    return null;
  }
  const base = parsed.pathname.replace(/\/+$/, '');
  const under = base === '' || path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`);
  return parsed.origin + (under ? path : base + path);
}

function hostNote(url: string): string {
  return `No public URL is set for this endpoint, so the URL was rebuilt from the Host header as ${url}; set the public URL if Twilio calls another one.`;
}

function signingMode(headers: HeaderPair[], url: string): Mode {
  if (mediaType(headers) === 'application/x-www-form-urlencoded') return 'form';
  return bodyHashParam(url) !== null ? 'body-hash' : 'url';
}

function bodyHashParam(url: string): string | null {
  try {
    return new URL(url).searchParams.get('bodySHA256');
  } catch {
    return null;
  }
}

/** The URL as given and with its default port toggled: Twilio's own validator accepts both. */
function signed(url: string, mode: Mode): SignedContent {
  return (body) => {
    const params = mode === 'form' ? sortedParams(body) : '';
    return [...new Set([url, togglePort(url)])].map((form) => Buffer.from(form + params, 'utf8'));
  };
}

/** Names sorted; a repeated name contributes each distinct value, sorted, as Twilio's library does. */
export function sortedParams(body: Buffer): string {
  const params = new URLSearchParams(body.toString('utf8'));
  const names = [...new Set(params.keys())].sort();
  return names.map((name) => [...new Set(params.getAll(name))].sort().map((value) => name + value).join('')).join('');
}

export function togglePort(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!match) return url;
  const [, scheme = '', authority = '', rest = ''] = match;
  const portStart = authority.indexOf(':', authority.lastIndexOf(']') + 1);
  if (portStart !== -1) return scheme + authority.slice(0, portStart) + rest;
  const port = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return scheme + authority + port + rest;
}

function urlVariants(input: VerificationInput, url: string, mode: Mode): Array<Variant<SignedContent>> {
  const swapped = url.startsWith('https://') ? `http://${url.slice(8)}` : url.replace(/^http:\/\//, 'https://');
  const variants: Array<Variant<SignedContent>> = [
    { value: signed(swapped, mode), cause: `The signature matches ${swapped}: Twilio called the URL with the other scheme (http/https) than the one set here.` },
    { value: signed(toggleSlash(url), mode), cause: `The signature matches ${toggleSlash(url)}: the URL Twilio called differs from this one by a trailing slash.` },
  ];
  const host = findHeader(input.headers, 'host');
  for (const scheme of ['https://', 'http://']) {
    const fromHost = host ? `${scheme}${host.value}${input.url}` : url;
    const cause = `The signature matches the URL rebuilt from the Host header (${fromHost}), not the public URL set here: update the endpoint's public URL.`;
    if (fromHost !== url) variants.push({ value: signed(fromHost, mode), cause });
  }
  return variants;
}

function toggleSlash(url: string): string {
  const queryAt = url.search(/[?#]/);
  const [path, rest] = queryAt === -1 ? [url, ''] : [url.slice(0, queryAt), url.slice(queryAt)];
  return (path.endsWith('/') ? path.slice(0, -1) : `${path}/`) + rest;
}

/** The URL signature holds; now the body must hash to the signed bodySHA256. */
function checkBodyHash(result: Verification, url: string, body: Buffer): Verification {
  const signedHash = (bodyHashParam(url) ?? '').toLowerCase();
  if (safeEqualText(sha256Hex(body), signedHash)) {
    return { ...result, reason: `${result.reason.replace(/\.$/, '')}, and the body's SHA-256 equals the signed bodySHA256.` };
  }
  const form = bodyForms(body).find((candidate) => safeEqualText(sha256Hex(candidate.value), signedHash));
  const reason = form
    ? `The URL signature matches, but bodySHA256 is the hash of the body ${form.description}, not of the bytes received: ${form.meaning}.`
    : "The URL signature matches, but the body's SHA-256 is not the signed bodySHA256: the body was changed after Twilio signed it.";
  return { ...result, status: 'invalid', reason };
}
