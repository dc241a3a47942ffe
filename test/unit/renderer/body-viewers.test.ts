// The inspector's body readers on real and hostile bodies: the JSON tree's rows and default
// expansion (Stripe's data.object open), XML indented without expanding an entity, multipart split
// into parts (real PDFs inside), and the sniffing that picks a viewer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bodyKind, charsetOf, sniffImage } from '../../../renderer/src/lib/body-kind.js';
import { JSON_MAX_DEPTH, JSON_TREE_MAX_ITEMS } from '../../../renderer/src/lib/json-limits.js';
import { defaultOpen, pathText, rowId, valueAt, valueText, visibleRows } from '../../../renderer/src/lib/json-rows.js';
import { boundaryOf, parseMultipart, partPreview } from '../../../renderer/src/lib/multipart.js';
import { prettyXml } from '../../../renderer/src/lib/xml-pretty.js';
import { CORPUS_DIR } from '../../helpers/corpus.js';

const fixtures = JSON.parse(readFileSync(join(CORPUS_DIR, 'stripe', 'fixtures3.json'), 'utf8')) as { resources: Record<string, unknown> };
const stripeEvent = { id: 'evt_1', object: 'event', type: 'charge.succeeded', data: { object: fixtures.resources.charge, previous_attributes: {} } };
const pdfA = readFileSync(join(CORPUS_DIR, 'pdfs', 'tracemonkey.pdf'));
const pdfB = readFileSync(join(CORPUS_DIR, 'pdfs', 'issue6069.pdf'));

describe('JSON tree rows', () => {
  it('opens a Stripe event down to data.object, whose fields are rows', () => {
    const open = defaultOpen(stripeEvent);
    assert.ok(open.has(rowId([])) && open.has(rowId(['data'])) && open.has(rowId(['data', 'object'])));
    const rows = visibleRows(stripeEvent, open);
    const paths = rows.map((row) => pathText(row.path));
    assert.ok(paths.includes('data.object.amount'), 'the charge amount is visible without a click');
    assert.ok(paths.includes('data.object.id'));
    assert.equal(rows[0]!.path.length, 0, 'the root first');
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
  });

  it('opens a big body at the root and its spine only, and caps the children of one container', () => {
    const big = { data: { items: Array.from({ length: 50_000 }, (_, i) => ({ i })) }, other: { a: { b: 1 } } };
    const open = defaultOpen(big);
    assert.ok(!open.has(rowId(['other'])), 'past the eager bound, only the spine opens');
    open.add(rowId(['data', 'items']));
    const rows = visibleRows(big, open);
    const items = rows.filter((row) => row.path.length === 3 && row.path[1] === 'items' && row.kind !== 'more');
    assert.equal(items.length, JSON_TREE_MAX_ITEMS);
    const more = rows.find((row) => row.kind === 'more');
    assert.match(more?.preview ?? '', /49,000 more items not shown/);
  });

  it('walks 100,000 levels without a stack overflow, with a marker past the shown depth', () => {
    const deep: unknown = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const open = new Set<string>();
    let path: (string | number)[] = [];
    for (let i = 0; i < JSON_MAX_DEPTH + 5; i += 1) {
      open.add(rowId(path));
      path = [...path, 0];
    }
    const rows = visibleRows(deep, open);
    assert.equal(rows.length, JSON_MAX_DEPTH + 1);
    assert.equal(rows.at(-1)!.kind, 'deeper');
    assert.doesNotThrow(() => valueText(deep));
  });

  it('copies values and paths: a string as itself, a container as JSON, odd keys quoted; __proto__ is just a key', () => {
    const value = JSON.parse('{"a-b":{"__proto__":{"x":[1,"two"]}},"s":"line\\nbreak"}') as unknown;
    assert.equal(valueText(valueAt(value, ['s'])), 'line\nbreak');
    assert.equal(valueText(valueAt(value, ['a-b', '__proto__', 'x'])), '[\n  1,\n  "two"\n]');
    assert.equal(pathText(['a-b', '__proto__', 'x', 1]), '["a-b"].__proto__.x[1]');
    assert.equal(valueAt(value, ['constructor']), undefined, 'inherited names are not values');
    const open = new Set([rowId([]), rowId(['a-b']), rowId(['a-b', '__proto__'])]);
    assert.ok(visibleRows(value, open).some((row) => row.key === 'x'));
  });

  it('cuts a long string in its row', () => {
    const rows = visibleRows({ s: 'x'.repeat(10_000) }, new Set([rowId([])]));
    assert.match(rows[1]!.preview, /…" \(10,000 characters\)$/);
  });
});

describe('XML, pretty-printed by a tokenizer', () => {
  it('indents elements and keeps short text on one line', () => {
    const { text, wellFormed } = prettyXml('<?xml version="1.0"?><a x="1>2"><b>text</b><c/><!-- note --><d><![CDATA[<raw>]]></d></a>');
    assert.ok(wellFormed);
    assert.equal(text, ['<?xml version="1.0"?>', '<a x="1>2">', '  <b>text</b>', '  <c/>', '  <!-- note -->', '  <d>', '    <![CDATA[<raw>]]>', '  </d>', '</a>'].join('\n'));
  });

  it('never expands an entity: a billion-laughs body stays as written', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">${Array.from({ length: 7 }, (_, i) => `<!ENTITY lol${i + 3} "${`&lol${i + 2};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;
    const { text } = prettyXml(laughs);
    assert.ok(text.includes('<lolz>&lol9;</lolz>'));
    assert.ok(text.length < laughs.length + 100, 'no expansion');
    const external = prettyXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    assert.ok(external.text.includes('<x>&e;</x>'));
    assert.ok(!external.text.includes('root:'), 'nothing is read');
  });

  it('shows a broken document as far as it goes and says so', () => {
    const { text, wellFormed } = prettyXml('<a><b>ok</b><c unterminated');
    assert.equal(wellFormed, false);
    assert.ok(text.includes('<b>ok</b>'));
    assert.equal(prettyXml('<a><b></a>').wellFormed, false);
  });

  it('reads a megabyte of nesting linearly (no recursion)', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    const { wellFormed } = prettyXml(deep, 64 * 1024 * 1024);
    assert.ok(wellFormed);
  });
});

describe('multipart parts', () => {
  const boundary = '----hookscope-Bound4ry';
  const body = Buffer.concat([
    Buffer.from(`preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="event"\r\nContent-Type: application/json\r\n\r\n{"type":"document.completed"}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tracemonkey.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    pdfA,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="second"; filename="junk-before-header.pdf"\r\n\r\n`),
    pdfB,
    Buffer.from(`\r\n--${boundary}--\r\nepilogue`),
  ]);

  it('splits a form with two real PDFs: names, file names, types and exact bytes', () => {
    assert.equal(boundaryOf(`multipart/form-data; boundary="${boundary}"`), boundary);
    assert.equal(boundaryOf(`multipart/form-data; boundary=${boundary}`), boundary);
    const { parts, problem } = parseMultipart(body, boundary);
    assert.equal(problem, null);
    assert.deepEqual(parts.map((p) => [p.name, p.filename, p.contentType]), [
      ['event', null, 'application/json'],
      ['file', 'tracemonkey.pdf', 'application/pdf'],
      ['second', 'junk-before-header.pdf', null],
    ]);
    assert.equal(Buffer.from(body.subarray(parts[0]!.start, parts[0]!.end)).toString(), '{"type":"document.completed"}');
    assert.ok(Buffer.from(body.subarray(parts[1]!.start, parts[1]!.end)).equals(pdfA));
    assert.ok(Buffer.from(body.subarray(parts[2]!.start, parts[2]!.end)).equals(pdfB));
    assert.equal(partPreview(body.subarray(parts[1]!.start, parts[1]!.end)), null, 'a PDF is binary');
  });

  it('says what is wrong with a truncated body, a missing boundary, and a flood of parts', () => {
    assert.match(parseMultipart(body.subarray(0, 400), boundary).problem ?? '', /ends without the closing boundary/);
    assert.match(parseMultipart(body, 'nope').problem ?? '', /does not occur/);
    const flood = Buffer.from(`--b\r\n\r\nx\r\n`.repeat(5000) + '--b--');
    const many = parseMultipart(flood, 'b');
    assert.equal(many.parts.length, 1000);
    assert.match(many.problem ?? '', /first 1000 parts/);
  });
});

describe('choosing a viewer', () => {
  it('by Content-Type, then by the first bytes', () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    assert.equal(bodyKind('application/json; charset=utf-8', utf8('{}')), 'json');
    assert.equal(bodyKind('application/vnd.api+json', utf8('{}')), 'json');
    assert.equal(bodyKind('text/plain', utf8('  [1,2]')), 'json');
    assert.equal(bodyKind('application/x-www-form-urlencoded', utf8('a=1')), 'form');
    assert.equal(bodyKind('multipart/form-data; boundary=x', utf8('--x')), 'multipart');
    assert.equal(bodyKind('application/soap+xml', utf8('<a/>')), 'xml');
    assert.equal(bodyKind(null, utf8('<?xml version="1.0"?><a/>')), 'xml');
    assert.equal(bodyKind('text/html', utf8('<script>')), 'text');
    assert.equal(bodyKind(null, pdfA), 'pdf');
    assert.equal(bodyKind('image/svg+xml', utf8('<svg/>')), 'xml', 'SVG is a document, never an <img> here');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    assert.equal(bodyKind('application/octet-stream', png), 'image');
    assert.equal(sniffImage(png), 'image/png');
    assert.equal(bodyKind('image/png', utf8('not a png')), 'binary', 'a label is not enough to draw an image');
    assert.equal(bodyKind(null, Uint8Array.from([0, 1, 2, 3, 0, 0, 5])), 'binary');
    assert.equal(charsetOf('text/plain; charset="ISO-8859-1"'), 'iso-8859-1');
  });
});
