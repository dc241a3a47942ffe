// XML indented for reading, by a tokenizer over the source text: no DOM, no DTD, no entity ever
// expanded (a billion-laughs body stays the few lines it is), nothing resolved or fetched. Each
// token is copied as written, so `&amp;` stays `&amp;` and a DOCTYPE's internal subset is shown,
// never applied. Linear in the input; runs in the body worker.

export interface XmlPretty {
  text: string;
  /** False when the text did not look like XML throughout (an unclosed tag or comment): shown as far as it went. */
  wellFormed: boolean;
}

const MAX_INDENT = 64;

type Token = { kind: 'open' | 'close' | 'self' | 'other' | 'text'; text: string };

/** The end of a construct starting at `from`, or -1: comments, CDATA, PIs and DOCTYPE (with its [subset]). */
function endOf(source: string, from: number): number {
  if (source.startsWith('<!--', from)) return end(source.indexOf('-->', from + 4), 3);
  if (source.startsWith('<![CDATA[', from)) return end(source.indexOf(']]>', from + 9), 3);
  if (source.startsWith('<?', from)) return end(source.indexOf('?>', from + 2), 2);
  if (source.startsWith('<!', from)) {
    const bracket = source.indexOf('[', from);
    const close = source.indexOf('>', from);
    if (bracket !== -1 && (close === -1 || bracket < close)) return end(source.indexOf(']', bracket) === -1 ? -1 : source.indexOf('>', source.indexOf(']', bracket)), 1);
    return end(close, 1);
  }
  // A tag: `>` inside a quoted attribute value does not close it.
  let quote: string | null = null;
  for (let i = from + 1; i < source.length; i += 1) {
    const c = source[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

function end(index: number, length: number): number {
  return index === -1 ? -1 : index + length;
}

function* tokens(source: string): Generator<Token, boolean> {
  let at = 0;
  while (at < source.length) {
    const lt = source.indexOf('<', at);
    if (lt === -1) {
      yield { kind: 'text', text: source.slice(at) };
      return true;
    }
    if (lt > at) yield { kind: 'text', text: source.slice(at, lt) };
    const stop = endOf(source, lt);
    if (stop === -1) {
      yield { kind: 'text', text: source.slice(lt) };
      return false;
    }
    const text = source.slice(lt, stop);
    const kind = /^<[!?]/.test(text) ? 'other' : text.startsWith('</') ? 'close' : text.endsWith('/>') ? 'self' : 'open';
    yield { kind, text };
    at = stop;
  }
  return true;
}

/** Indented by two spaces per level; an element holding only text stays on one line. */
export function prettyXml(source: string, maxChars = 4 * 1024 * 1024): XmlPretty {
  const lines: string[] = [];
  let depth = 0;
  let size = 0;
  let pending: { open: string; text: string } | null = null;
  // Indentation stops growing at MAX_INDENT levels: 100,000 nested elements would otherwise be ~10^10 spaces.
  const push = (line: string) => {
    const indent = Math.min(Math.max(0, depth), MAX_INDENT) * 2;
    lines.push(' '.repeat(indent) + line);
    size += line.length + indent + 1;
  };
  const flush = () => {
    if (!pending) return;
    push(pending.open);
    depth += 1;
    if (pending.text) push(pending.text);
    pending = null;
  };
  const iterator = tokens(source);
  let step = iterator.next();
  while (!step.done && size < maxChars) {
    const token = step.value;
    const text = token.kind === 'text' ? token.text.trim() : token.text;
    if (token.kind === 'text') {
      if (text && pending && !pending.text) pending.text = text;
      else if (text) {
        flush();
        push(text);
      }
    } else if (token.kind === 'close') {
      if (pending) {
        push(pending.open + pending.text + token.text);
        pending = null;
      } else {
        depth -= 1;
        push(token.text);
      }
    } else {
      flush();
      if (token.kind === 'open') pending = { open: token.text, text: '' };
      else push(token.text);
    }
    step = iterator.next();
  }
  flush();
  const wellFormed = step.done === true && step.value === true && depth === 0;
  return { text: lines.join('\n'), wellFormed };
}
