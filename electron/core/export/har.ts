// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry per delivery, the request as
// received and what Hookscope answered. Bodies are exact: UTF-8 text as text, anything else base64.
// HAR has an `encoding` field for response content only, so a request body in base64 carries the
// custom `_encoding: "base64"` (custom fields start with "_" per the spec); the import reads both.
import type { Delivery, HeaderPair } from '../../contract/index.js';
import { utf8Text } from './body-text.js';

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string; _encoding?: 'base64' };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text: string; encoding?: 'base64' };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _hookscope: { id: number; endpoint: string; viaTunnel: boolean; rejected: string | null; verification: string | null; imported: boolean };
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
  };
}

const toHar = (headers: HeaderPair[]): HarHeader[] => headers.map(([name, value]) => ({ name, value }));

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Query parameters decoded for reading; the exact query stays in the URL. */
export function queryString(query: string): HarHeader[] {
  if (query === '') return [];
  return query.split('&').map((part) => {
    const at = part.indexOf('=');
    return at === -1 ? { name: decodeLoosely(part), value: '' } : { name: decodeLoosely(part.slice(0, at)), value: decodeLoosely(part.slice(at + 1)) };
  });
}

const headerValue = (headers: HeaderPair[], name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];

export interface HarEntryInput {
  delivery: Delivery;
  body: Buffer;
  /** The capture listener's base URL: HAR wants absolute URLs. */
  captureUrl: string;
}

export function harEntry({ delivery, body, captureUrl }: HarEntryInput): HarEntry {
  const text = utf8Text(body);
  const responseBody = Buffer.from(delivery.response.body, 'utf8');
  return {
    startedDateTime: delivery.receivedAt,
    time: 0,
    request: {
      method: delivery.method,
      url: captureUrl + delivery.url,
      httpVersion: `HTTP/${delivery.httpVersion}`,
      cookies: [],
      headers: toHar(delivery.headers),
      queryString: queryString(delivery.query),
      ...(body.length === 0
        ? {}
        : {
            postData:
              text === null
                ? { mimeType: delivery.contentType ?? 'application/octet-stream', text: body.toString('base64'), _encoding: 'base64' as const }
                : { mimeType: delivery.contentType ?? 'application/octet-stream', text },
          }),
      headersSize: -1,
      bodySize: body.length,
    },
    response: {
      status: delivery.response.status,
      statusText: '',
      httpVersion: `HTTP/${delivery.httpVersion}`,
      cookies: [],
      headers: toHar(delivery.response.headers),
      content: { size: responseBody.length, mimeType: headerValue(delivery.response.headers, 'content-type') ?? '', text: delivery.response.body },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseBody.length,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    _hookscope: {
      id: delivery.id,
      endpoint: delivery.endpoint,
      viaTunnel: delivery.viaTunnel,
      rejected: delivery.rejected,
      verification: delivery.verification?.status ?? null,
      imported: delivery.imported,
    },
  };
}

export function harLog(entries: HarEntry[], creatorVersion: string, comment?: string): Har {
  return { log: { version: '1.2', creator: { name: 'Hookscope', version: creatorVersion }, entries, ...(comment ? { comment } : {}) } };
}
