// A strict JSON validator that says WHERE the first problem is (line and column, 1-based), the
// same in every engine: JSON.parse's messages differ between V8 versions and browsers.

export type JsonCheck = { ok: true } | { ok: false; message: string; offset: number; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Levels checked by the recursive descent; deeper text is left to the (iterative) JSON.parse. */
export const CHECK_MAX_DEPTH = 1000;

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('nested too deeply');
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n') return 'a line break';
  return `"${ch}"`;
}

/** Checks `text` against the JSON grammar (RFC 8259); stops at the first problem. */
export function checkJson(text: string): JsonCheck {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i += 1;
  };
  const expectWord = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`expected ${word}`);
  };
  const string = () => {
    i += 1; // opening quote
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i += 1;
        return;
      }
      if (ch < 0x20) fail('control character in a string (escape it, e.g. \\n)');
      if (ch === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape: four hex digits are needed');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail(`bad escape \\${next ?? ''}`);
        continue;
      }
      i += 1;
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail('invalid number');
    i += match![0].length;
  };
  const value = (depth: number): void => {
    // The descent recurses once per level: a bound far below any call stack's limit, so a hostile
    // depth can never throw a RangeError out of here (and out of a React render).
    if (depth > CHECK_MAX_DEPTH) throw new TooDeep(i);
    skip();
    const ch = text[i];
    if (ch === '{') {
      i += 1;
      skip();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(text[i])}`);
        string();
        skip();
        if (text[i] !== ':') fail(`expected ":" after the property name, found ${describe(text[i])}`);
        i += 1;
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return;
        }
        fail(`expected "," or "}" after a property value, found ${describe(text[i])}`);
      }
    }
    if (ch === '[') {
      i += 1;
      skip();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (;;) {
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return;
        }
        fail(`expected "," or "]" after an array element, found ${describe(text[i])}`);
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return expectWord('true');
    if (ch === 'f') return expectWord('false');
    if (ch === 'n') return expectWord('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail(`unexpected ${describe(ch)}: a value is expected`);
  };

  try {
    // A BOM is not JSON text, but senders do send it; JSON.parse refuses it, so do we.
    value(0);
    skip();
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the JSON value`);
    return { ok: true };
  } catch (error) {
    if (error instanceof TooDeep) return checkDeep(text, error.offset);
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineColumn(text, error.offset);
    return { ok: false, message: error.message, offset: error.offset, line, column };
  }
}

/** Past CHECK_MAX_DEPTH: valid if JSON.parse (iterative in V8) accepts it; else the engine's message at the deep point. */
function checkDeep(text: string, offset: number): JsonCheck {
  try {
    JSON.parse(text);
    return { ok: true };
  } catch (error) {
    const { line, column } = lineColumn(text, offset);
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `nested more than ${CHECK_MAX_DEPTH} levels deep, and not valid JSON: ${reason}`, offset, line, column };
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line += 1;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
