// Styles live beside what they style: a feature's stylesheet (features/<name>/*.css) or a
// component's (components/*.css) holds only rules for classes that its own folder renders, and is
// imported from that folder; the global sheet (styles.css) holds only what several places share,
// so a feature's styles cannot creep back into it. Classes are read from the renderer's code with
// TypeScript's own parser: every string and template literal, split into words, plus the prefixes
// a template builds classes from (`outcome-${outcome}`).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '../../../renderer/src');
const GLOBAL = join(ROOT, 'styles.css');
/** The global sheet was 2,641 lines; what every screen shares is a fraction of that. */
const GLOBAL_MAX_LINES = 700;
/** Shared helpers that name classes for many screens (lib/format's status-2xx) or use the same words otherwise. */
const SHARED_ROOMS = new Set(['lib', 'state', 'api']);

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name), pattern) : pattern.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** The folder a file belongs to: features/<name>, components, lib…, or `app` for App.tsx and main.tsx. */
function roomOf(file: string): string {
  const parts = relative(ROOT, file).split('/');
  if (parts[0] === 'features') return `features/${parts[1]}`;
  return parts.length === 1 ? 'app' : parts[0]!;
}

interface CodeWords {
  words: Set<string>;
  prefixes: string[];
}

export function codeWords(file: string, text: string): CodeWords {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const words = new Set<string>();
  const prefixes: string[] = [];
  const add = (literal: string) => literal.split(/\s+/).forEach((word) => word && words.add(word));
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node.text);
    else if (ts.isTemplateExpression(node)) {
      const parts = [node.head, ...node.templateSpans.map((span) => span.literal)];
      parts.forEach((part) => add(part.text));
      // A part that ends in `name-` right before a substitution builds a class from it.
      for (const part of parts.slice(0, -1)) {
        const prefix = /([\w-]+-)$/.exec(part.text)?.[1];
        if (prefix) prefixes.push(prefix);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { words, prefixes };
}

/** Every style rule (inside @media too; keyframes have no class) and the first class of each of its selectors. */
export function leadingClasses(css: string): { rule: string; selectors: { selector: string; leading: string | null }[] }[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/([^{};]+)\{/g)]
    .map((match) => match[1]!.trim().replace(/\s+/g, ' '))
    .filter((prelude) => !prelude.startsWith('@'))
    .map((rule) => ({
      rule,
      selectors: rule.split(',').map((part) => ({ selector: part.trim(), leading: /\.(-?[_a-zA-Z][\w-]*)/.exec(part)?.[1] ?? null })),
    }));
}

const code = new Map(filesUnder(ROOT, /\.tsx?$/).map((file) => [file, codeWords(file, readFileSync(file, 'utf8'))]));

/** The files that render a class: as a word of a literal, or else from a prefix a template builds it from. */
function usersOf(name: string, files: Map<string, CodeWords> = code): string[] {
  const exact = [...files].filter(([, found]) => found.words.has(name)).map(([file]) => file);
  if (exact.length > 0) return exact;
  return builders(name, files);
}

/** The files whose templates build the class from a prefix (`status-${…}`). */
function builders(name: string, files: Map<string, CodeWords>): string[] {
  return [...files].filter(([, found]) => found.prefixes.some((prefix) => name.startsWith(prefix))).map(([file]) => file);
}

/**
 * The files that own a class: those that write it, and those that build it from a prefix. A word in
 * lib, state or api counts only when nothing else writes it: there it is often not a class ('tab').
 */
function ownersOf(name: string, files: Map<string, CodeWords> = code): string[] {
  const exact = [...files].filter(([, found]) => found.words.has(name)).map(([file]) => file);
  const own = exact.filter((file) => !SHARED_ROOMS.has(roomOf(file)));
  return [...new Set([...(own.length > 0 ? own : exact), ...builders(name, files)])];
}

/** Rules in a feature's or a component's sheet for classes its folder does not render (lib may name them). */
export function strangers(sheet: string, css: string, files?: Map<string, CodeWords>): string[] {
  const room = roomOf(sheet);
  return leadingClasses(css)
    .flatMap(({ selectors }) => selectors)
    .filter(({ leading }) => leading !== null)
    .filter(({ leading }) => !usersOf(leading!, files).some((file) => roomOf(file) === room || roomOf(file) === 'lib'))
    .map(({ selector }) => `${relative(ROOT, sheet)}: ${selector}`);
}

/**
 * Rules of the global sheet whose classes one feature, or one component, alone renders. A rule
 * that styles several places alike (`.sidebar, .deliveries-pane, .detail-pane`) is shared.
 */
export function ownedElsewhere(css: string, files: Map<string, CodeWords> = code): string[] {
  return leadingClasses(css).flatMap(({ rule, selectors }) => {
    const owners = [...new Set(selectors.flatMap(({ leading }) => (leading === null ? ['element'] : ownersOf(leading, files))))];
    const rooms = new Set(owners.map((owner) => (owner === 'element' ? owner : roomOf(owner))));
    if (rooms.size !== 1) return [];
    const [room] = [...rooms];
    if (room!.startsWith('features/')) return [`${rule}: only ${room} renders it`];
    if (room === 'components' && owners.length === 1) return [`${rule}: only ${relative(ROOT, owners[0]!)} renders it`];
    return [];
  });
}

const sheets = filesUnder(ROOT, /\.css$/).filter((file) => file !== GLOBAL && file !== join(ROOT, 'theme/tokens.css'));

describe('styles beside their features', () => {
  it('catches a rule in the wrong place (the checks themselves work)', () => {
    const fake = new Map<string, CodeWords>([
      [join(ROOT, 'features/replay/ReplayPanel.tsx'), { words: new Set(['replay-result']), prefixes: ['trigger-'] }],
      [join(ROOT, 'features/deliveries/DeliveryRow.tsx'), { words: new Set(['delivery-row', 'muted']), prefixes: [] }],
      [join(ROOT, 'features/detail/DeliveryDetail.tsx'), { words: new Set(['muted']), prefixes: [] }],
      [join(ROOT, 'components/Tabs.tsx'), { words: new Set(['tabs']), prefixes: [] }],
      [join(ROOT, 'features/bulk/BulkDialog.tsx'), { words: new Set(['status-2xx']), prefixes: [] }],
      [join(ROOT, 'lib/format.ts'), { words: new Set(['tab']), prefixes: ['status-'] }],
    ]);
    const deliveries = join(ROOT, 'features/deliveries/deliveries.css');
    assert.deepEqual(strangers(deliveries, '.delivery-row:hover { color: red }\n.replay-result, .delivery-row .trigger-bulk {}', fake), [
      'features/deliveries/deliveries.css: .replay-result',
    ]);
    assert.deepEqual(strangers(join(ROOT, 'features/replay/replay.css'), '@media (width < 1px) { .trigger-bulk .x {} }', fake), []);
    const global = 'button { }\n.muted { }\n.replay-result > p { }\n/* .delivery-row { } */\n.tabs { }\n.delivery-row, .replay-result { }\n.status-2xx { }';
    assert.deepEqual(ownedElsewhere(global, fake), ['.replay-result > p: only features/replay renders it', '.tabs: only components/Tabs.tsx renders it']);
    assert.ok(sheets.length >= 20, `found ${sheets.length} feature and component sheets`);
  });

  it('holds in a feature or component sheet only classes its own folder renders', () => {
    const found = sheets.flatMap((sheet) => strangers(sheet, readFileSync(sheet, 'utf8')));
    assert.deepEqual(found, [], 'move the rule to the sheet beside the component that renders the class');
  });

  it('imports each sheet from its own folder, and only there', () => {
    const imports = [...code.keys()].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import '(\.[^']+\.css)';$/gm)].map((match) => ({ file, sheet: join(dirname(file), match[1]!) })),
    );
    for (const sheet of sheets) {
      const by = imports.filter((found) => found.sheet === sheet).map((found) => found.file);
      assert.ok(by.length > 0, `${relative(ROOT, sheet)} is imported by nothing, so it is never bundled`);
      assert.deepEqual(
        by.filter((file) => dirname(file) !== dirname(sheet)).map((file) => relative(ROOT, file)),
        [],
        `${relative(ROOT, sheet)} is imported from another folder`,
      );
    }
  });

  it('keeps in the global sheet only what several places share', () => {
    const css = readFileSync(GLOBAL, 'utf8');
    assert.deepEqual(ownedElsewhere(css), [], "a feature's own rule belongs in the sheet beside it");
    const lines = css.split('\n').length;
    assert.ok(lines <= GLOBAL_MAX_LINES, `styles.css has ${lines} lines (at most ${GLOBAL_MAX_LINES})`);
  });
});
