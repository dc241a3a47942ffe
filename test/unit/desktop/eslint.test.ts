// The renderer's no-raw-HTML rules (eslint.config.js) fire, and renderer/src passes them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** A file that is never written: ESLint lints the text as if it lived there. */
const fixturePath = join(root, 'renderer', 'src', '__lint-fixture__.tsx');

async function ruleIds(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: fixturePath });
  assert.ok(result, 'ESLint linted the fixture (it is not ignored)');
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('ESLint: no raw HTML in the renderer', () => {
  const cases: [string, string, string][] = [
    ['dangerouslySetInnerHTML', 'react/no-danger', 'export const A = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;'],
    ['innerHTML', 'no-unsanitized/property', 'export function b(el: HTMLElement, body: string) { el.innerHTML = body; }'],
    ['outerHTML', 'no-unsanitized/property', 'export function c(el: HTMLElement, body: string) { el.outerHTML = body; }'],
    ['insertAdjacentHTML', 'no-unsanitized/method', "export function d(el: HTMLElement, body: string) { el.insertAdjacentHTML('beforeend', body); }"],
    ['document.write', 'no-unsanitized/method', 'export function e(body: string) { document.write(body); }'],
    ['eval', 'no-eval', 'export function f(code: string) { return eval(code); }'],
    ['new Function', 'no-new-func', "export const g = (code: string) => new Function('x', code);"],
    ['a javascript: URL', 'react/jsx-no-script-url', "export const H = () => <a href=\"javascript:void(0)\">x</a>;"],
  ];
  for (const [name, rule, code] of cases) {
    it(`flags ${name} (${rule})`, async () => {
      assert.ok((await ruleIds(code)).includes(rule), `${rule} did not fire on: ${code}`);
    });
  }

  it('lets React-escaped text and constant markup through', async () => {
    assert.deepEqual(await ruleIds("export const Ok = ({ text }: { text: string }) => <pre>{text}</pre>;\nexport function clear(el: HTMLElement) { el.innerHTML = ''; }"), []);
  });

  it('finds no error in renderer/src', async () => {
    const results = await eslint.lintFiles(['renderer/src']);
    assert.ok(results.length > 10, `linted ${results.length} files`);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    assert.deepEqual(problems, []);
  });
});
