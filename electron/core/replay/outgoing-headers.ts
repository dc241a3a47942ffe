// Which of the captured headers a replay sends, and where Host and Content-Length go. The original
// list is kept in order, case and duplicates; only what belonged to the original connection goes
// (RFC 9110 §7.6.1 hop-by-hop fields and those named in Connection), and Host and Content-Length are
// recomputed for the new target and body.
import type { HeaderPair } from '../../contract/index.js';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Methods whose requests carry a body framing even when empty (Node would chunk them otherwise). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function connectionNamed(headers: HeaderPair[]): Set<string> {
  const named = new Set<string>();
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'connection') continue;
    for (const token of value.split(',')) if (token.trim()) named.add(token.trim().toLowerCase());
  }
  return named;
}

export function isHopByHop(name: string): boolean {
  return HOP_BY_HOP.has(name.toLowerCase());
}

/**
 * The headers to send: the originals minus hop-by-hop ones, with Host (in the original Host's place,
 * else first) and Content-Length (in its original place, else last) set for this request.
 */
export function outgoingHeaders(original: HeaderPair[], options: { host: string; method: string; bodyLength: number }): HeaderPair[] {
  const named = connectionNamed(original);
  const framed = original.some(([name]) => ['content-length', 'transfer-encoding'].includes(name.toLowerCase()));
  const needsLength = options.bodyLength > 0 || framed || BODY_METHODS.has(options.method.toUpperCase());
  const result: HeaderPair[] = [];
  let hostSet = false;
  let lengthSet = false;
  for (const [name, value] of original) {
    const lower = name.toLowerCase();
    if (lower === 'host') {
      if (!hostSet) result.push([name, options.host]);
      hostSet = true;
    } else if (lower === 'content-length') {
      if (!lengthSet && needsLength) result.push([name, String(options.bodyLength)]);
      lengthSet = true;
    } else if (!HOP_BY_HOP.has(lower) && !named.has(lower)) {
      result.push([name, value]);
    }
  }
  if (!hostSet) result.unshift(['Host', options.host]);
  if (!lengthSet && needsLength) result.push(['Content-Length', String(options.bodyLength)]);
  return result;
}

/**
 * Sets a header in place: the first occurrence (any case) keeps its position and spelling, later
 * duplicates go; an absent header is added at the end under `name`.
 */
export function setHeader(headers: HeaderPair[], name: string, value: string): HeaderPair[] {
  const wanted = name.toLowerCase();
  const result: HeaderPair[] = [];
  let done = false;
  for (const pair of headers) {
    if (pair[0].toLowerCase() !== wanted) result.push(pair);
    else if (!done) {
      result.push([pair[0], value]);
      done = true;
    }
  }
  if (!done) result.push([name, value]);
  return result;
}
