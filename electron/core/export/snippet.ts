// A delivery as code that sends it again (cURL, fetch, requests, …), through httpsnippet. A snippet
// is for reading and pasting, so it can only be as exact as the language's literals: a binary body
// is left out with a warning, and clients compute Host and Content-Length themselves.
import { HTTPSnippet } from '@readme/httpsnippet';
import { snippetTargets, type HeaderPair, type SnippetLanguage } from '../../contract/index.js';
import { utf8Text } from './body-text.js';

export interface SnippetRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
}

export function renderSnippet(request: SnippetRequest, language: SnippetLanguage, client: string | undefined): { code: string; client: string; warning: string | null } {
  const chosen = client ?? snippetTargets[language][0];
  const text = utf8Text(request.body);
  const headers = request.headers.filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase()));
  const mimeType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream';
  const har = {
    method: request.method,
    url: request.url,
    httpVersion: 'HTTP/1.1',
    headers: headers.map(([name, value]) => ({ name, value })),
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: request.body.length,
    ...(request.body.length > 0 && text !== null ? { postData: { mimeType, text } } : {}),
  };
  const converted = new HTTPSnippet(har as ConstructorParameters<typeof HTTPSnippet>[0]).convert(language, chosen);
  const code = Array.isArray(converted) ? converted[0] : converted;
  if (typeof code !== 'string') throw new Error(`httpsnippet has no ${language}/${chosen} client`);
  const warning =
    request.body.length > 0 && text === null
      ? `The body (${request.body.length} bytes) is not UTF-8 text, so the snippet leaves it out: download it exactly from /api/deliveries/:id/raw and send that file (curl --data-binary @file).`
      : null;
  return { code, client: chosen, warning };
}
