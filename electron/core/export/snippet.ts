// A delivery as code that sends it again (cURL, fetch, requests, …), through httpsnippet. A snippet
// is for reading and pasting, so it can only be as exact as the language's literals: a binary body
// is left out with a warning, and clients compute Host and Content-Length themselves. cURL is the
// exception: it is written by curl.ts, byte-exact, because it is what people paste to reproduce.
import { HTTPSnippet } from '@readme/httpsnippet';
import { snippetTargets, type HeaderPair, type SnippetLanguage } from '../../contract/index.js';
import { utf8Text } from './body-text.js';
import { renderCurl } from './curl.js';
import { nestsDeeperThan } from '../untrusted/bounded-json.js';

export interface SnippetRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
}

export interface RenderedSnippet {
  code: string;
  client: string;
  warning: string | null;
}

/**
 * Runs on an analysis thread (the body is a stranger's). httpsnippet re-formats a JSON body
 * recursively; a body that nests too deep for that is given as text, with a warning.
 */
export function renderSnippet(request: SnippetRequest, language: SnippetLanguage, client: string | undefined): RenderedSnippet {
  if (language === 'shell' && (client ?? snippetTargets.shell[0]) === 'curl') return { code: renderCurl(request), client: 'curl', warning: null };
  // Some of httpsnippet's targets drop a body they fail to format instead of throwing: look first.
  if (!tooDeepToFormat(request.body)) return render(request, language, client, true);
  const rendered = render(request, language, client, false);
  const warning = 'The JSON body nests too deep to be formatted, so it is given as text, exactly as received.';
  return { ...rendered, warning: rendered.warning ?? warning };
}

function tooDeepToFormat(body: Buffer): boolean {
  try {
    return nestsDeeperThan(JSON.parse(body.toString('utf8')) as unknown);
  } catch {
    return false;
  }
}

function render(request: SnippetRequest, language: SnippetLanguage, client: string | undefined, formatJson: boolean): RenderedSnippet {
  const chosen = client ?? snippetTargets[language][0];
  const text = utf8Text(request.body);
  const headers = request.headers.filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase()));
  const declared = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream';
  const mimeType = formatJson ? declared : 'text/plain';
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
