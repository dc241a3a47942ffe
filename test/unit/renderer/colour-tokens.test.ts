// Colours are tokens (renderer/src/theme/tokens.css), each with its light and dark value in one
// place, so a theme is one block: a raw colour anywhere else in the renderer would stay the same
// in both themes. This walks every stylesheet and source file of renderer/src: the global sheet and
// the sheets beside each feature and component (test/unit/renderer/styles-beside-features.test.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '../../../renderer/src');
const TOKENS = join(ROOT, 'theme/tokens.css');
/** Colours that are not the theme's: pdf.js paints a PDF page on white paper in both themes. */
const NOT_THEMED = [{ file: 'lib/pdf/render.ts', colour: 'rgb(' }];
const notThemed = (where: string) => NOT_THEMED.some(({ file, colour }) => where.startsWith(`${file}:`) && where.endsWith(`: ${colour}`));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.(css|tsx?)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** Raw colours in a stylesheet: hex, rgb()/hsl() and friends. */
const CSS_COLOUR = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|oklch|oklab|lab|lch)\(/g;
/** In code only a string that is a colour counts (`#${id}` and "#12" in text are not colours). */
const CODE_COLOUR = /['"`]#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})['"`]|\b(?:rgba?|hsla?)\(/g;

export function rawColours(file: string, text: string): string[] {
  const source = file.endsWith('.css') ? text.replace(/\/\*[\s\S]*?\*\//g, '') : text;
  const pattern = file.endsWith('.css') ? CSS_COLOUR : CODE_COLOUR;
  return source.split('\n').flatMap((line, index) => [...line.matchAll(pattern)].map((m) => `${relative(ROOT, file)}:${index + 1}: ${m[0]}`));
}

describe('colour tokens', () => {
  const files = filesUnder(ROOT);

  it('finds raw colours where they are (the check itself works)', () => {
    assert.deepEqual(rawColours(join(ROOT, 'x.css'), '.a {\n  color: #fff;\n  background: rgb(0 0 0 / 5%);\n}'), ['x.css:2: #fff', 'x.css:3: rgb(']);
    assert.deepEqual(rawColours(join(ROOT, 'x.tsx'), `const c = '#1b2129';\nconst t = \`#\${id}\`;\nconst n = '#12 items';`), ["x.tsx:1: '#1b2129'"]);
    assert.ok(rawColours(TOKENS, readFileSync(TOKENS, 'utf8')).length > 50, 'the token file holds the colours');
    const sheets = files.filter((file) => file.endsWith('.css')).map((file) => relative(ROOT, file));
    for (const sheet of ['styles.css', 'features/replay/replay.css', 'features/documents/documents.css', 'components/provider-badge.css']) {
      assert.ok(sheets.includes(sheet), `walks ${sheet}`);
    }
    assert.ok(sheets.length > 20, `walks every sheet (${sheets.length})`);
  });

  it('has no raw colour outside theme/tokens.css', () => {
    const found = files
      .filter((file) => file !== TOKENS)
      .flatMap((file) => rawColours(file, readFileSync(file, 'utf8')))
      .filter((where) => !notThemed(where));
    assert.deepEqual(found, [], 'use a var(--token) from renderer/src/theme/tokens.css instead');
  });

  it('gives every colour token a light and a dark value in one declaration, or one value for both', () => {
    const declarations = [...readFileSync(TOKENS, 'utf8').matchAll(/^\s*(--[\w-]+):\s*([^;]+);/gm)];
    assert.ok(declarations.length > 50);
    for (const [, name, value] of declarations) {
      const colours = value!.match(/#[0-9a-fA-F]{3,8}\b|rgb\([^)]*\)/g) ?? [];
      const ok = value!.startsWith('light-dark(') ? colours.length === 2 : colours.length === 1;
      assert.ok(ok, `${name}: ${value}`);
    }
  });

  it('uses no token that is not defined', () => {
    const css = files.filter((file) => file.endsWith('.css')).map((file) => readFileSync(file, 'utf8'));
    const code = files.filter((file) => !file.endsWith('.css')).map((file) => readFileSync(file, 'utf8'));
    const defined = new Set(css.flatMap((text) => [...text.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1])));
    // A var() with a fallback may be set from script (the pane tracks); one without must be defined.
    const used = new Set([...css, ...code].flatMap((text) => [...text.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1])));
    assert.deepEqual([...used].filter((name) => !defined.has(name)), []);
  });
});
