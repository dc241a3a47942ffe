// A delivery as a curl command that sends the same bytes: the body exactly (binary too), the headers
// in the sender's order, case and duplicates. httpsnippet's curl target re-indents JSON and sorts
// headers, which breaks every signature over the body, so curl is written here.
//
// What curl would add on its own is switched off unless the sender sent it: User-Agent, Accept,
// Content-Type (curl's form default) and Expect: 100-continue (large bodies) — `-H 'Name:'` removes
// a header curl generates. Host and Content-Length are those of the replay (outgoing-headers.ts):
// Host names the target, as a replay does, and Content-Length equals the body's length, so it is
// the sender's value whenever the body is. curl always writes Host first; every other header keeps
// its place. `--http1.1` keeps the case of names (HTTP/2 lowercases them), `--globoff` and
// `--path-as-is` keep the URL as captured (no `[]{}` globbing, no `/../` folding).
import type { HeaderPair } from '../../contract/index.js';
import type { SnippetRequest } from './snippet.js';

/** Past this, the body is piped from printf (a shell builtin) rather than given as one argument: execve caps one argument at 128 KiB on Linux. */
const MAX_BODY_ARGUMENT = 64 * 1024;

/** Headers curl writes by itself when not given; each is removed (`-H 'Name:'`) if the sender did not send it. */
const CURL_DEFAULTS = ['User-Agent', 'Accept', 'Expect'];

/** A shell word in single quotes: only `'` itself needs care. */
export function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

const isPrintableAscii = (byte: number) => byte >= 0x20 && byte < 0x7f;

/** Text that can sit between single quotes as is: valid UTF-8 with no control characters but tab and LF. */
function plainText(body: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
  return /[\x00-\x08\x0b-\x1f\x7f]/.test(text) ? null : text;
}

/** Bash/zsh ANSI-C quoting ($'…'), every byte outside printable ASCII as \xHH; cannot hold NUL. */
function ansiCQuoted(body: Buffer): string {
  let out = "$'";
  for (const byte of body) {
    if (byte === 0x27) out += "\\'";
    else if (byte === 0x5c) out += '\\\\';
    else if (isPrintableAscii(byte)) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** A printf format that prints exactly `body`: `%` doubled, `\` escaped, other bytes as octal (POSIX printf, any shell). */
function printfFormat(body: Buffer): string {
  let out = '';
  for (const byte of body) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x27) out += "'\\''";
    else if (isPrintableAscii(byte)) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `'${out}'`;
}

function headerFlag([name, value]: HeaderPair): string {
  // `Name;` is curl's way to send a header with an empty value (`Name:` would remove it).
  return `-H ${singleQuoted(value === '' ? `${name};` : `${name}: ${value}`)}`;
}

export function renderCurl(request: SnippetRequest): string {
  const { method, url, headers, body } = request;
  const upper = method.toUpperCase();
  const sent = new Set(headers.map(([name]) => name.toLowerCase()));
  const flags: string[] = ['--http1.1', '--globoff', '--path-as-is'];
  const hasBody = body.length > 0;
  let pipe = '';
  let data: string | null = null;
  if (hasBody) {
    const text = body.length <= MAX_BODY_ARGUMENT ? plainText(body) : null;
    if (text !== null) data = `--data-raw ${singleQuoted(text)}`;
    else if (body.length <= MAX_BODY_ARGUMENT && !body.includes(0)) data = `--data-raw ${ansiCQuoted(body)}`;
    else {
      pipe = `printf ${printfFormat(body)} | `;
      data = '--data-binary @-';
    }
  }
  if (upper === 'HEAD') flags.push('--head');
  else if (upper !== (hasBody ? 'POST' : 'GET')) flags.push(`-X ${singleQuoted(method)}`);
  const lines = [`${pipe}curl ${flags.join(' ')} ${singleQuoted(url)}`];
  for (const header of headers) lines.push(headerFlag(header));
  for (const name of CURL_DEFAULTS) if (!sent.has(name.toLowerCase())) lines.push(`-H ${singleQuoted(`${name}:`)}`);
  if (hasBody && !sent.has('content-type')) lines.push(`-H ${singleQuoted('Content-Type:')}`);
  if (data) lines.push(data);
  return lines.join(' \\\n  ');
}
