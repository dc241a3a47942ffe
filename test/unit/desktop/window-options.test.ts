// The main window's options, and the built paths the main process loads.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { createMainWindow, desktopPaths, windowOptions } from '../../../electron/main/window-options.js';

const root = resolve(import.meta.dirname, '..', '..', '..');

describe('windowOptions', () => {
  for (const isPackaged of [true, false]) {
    it(`has every secure default (${isPackaged ? 'packaged' : 'development'})`, () => {
      const options = windowOptions({ preloadPath: '/app/dist/electron/preload/index.cjs', isPackaged });
      const web = options.webPreferences!;
      assert.equal(web.contextIsolation, true);
      assert.equal(web.sandbox, true);
      assert.equal(web.nodeIntegration, false);
      assert.equal(web.nodeIntegrationInWorker, false);
      assert.equal(web.nodeIntegrationInSubFrames, false);
      assert.equal(web.webSecurity, true);
      assert.equal(web.allowRunningInsecureContent, false);
      assert.equal(web.webviewTag, false);
      assert.equal(web.experimentalFeatures, false);
      assert.equal(web.navigateOnDragDrop, false);
      assert.equal(web.preload, '/app/dist/electron/preload/index.cjs');
      assert.equal(web.enableBlinkFeatures, undefined);
      assert.equal(web.devTools, !isPackaged);
      assert.equal(options.show, false, 'shown on ready-to-show');
    });
  }

  it('sets no option that weakens the sandbox', () => {
    const web = windowOptions({ preloadPath: '/p.cjs', isPackaged: true }).webPreferences as Record<string, unknown>;
    for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag']) {
      assert.notEqual(web[key], true, key);
    }
    assert.equal('additionalArguments' in web, false);
  });
});

describe('where the window is built (what Electronegativity reads)', () => {
  const mainDir = join(root, 'electron', 'main');
  const sources = readdirSync(mainDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ts.createSourceFile(f, readFileSync(join(mainDir, f), 'utf8'), ts.ScriptTarget.Latest, true));
  const find = <T extends ts.Node>(test: (n: ts.Node) => n is T): Array<{ file: string; node: T }> => {
    const found: Array<{ file: string; node: T }> = [];
    for (const source of sources) {
      const visit = (n: ts.Node): void => {
        if (test(n)) found.push({ file: source.fileName, node: n });
        ts.forEachChild(n, visit);
      };
      visit(source);
    }
    return found;
  };

  it('one `new BrowserWindow`, in window-options.ts, with its options written out as a literal', () => {
    const constructions = find((n): n is ts.NewExpression => ts.isNewExpression(n) && n.expression.getText() === 'BrowserWindow');
    assert.deepEqual(constructions.map((c) => c.file), ['window-options.ts']);
    const [options] = constructions[0]!.node.arguments ?? [];
    assert.ok(options && ts.isObjectLiteralExpression(options), 'an object literal the scanner can read');
    const web = options.properties.find((p) => p.name?.getText() === 'webPreferences');
    assert.ok(web && ts.isPropertyAssignment(web) && ts.isObjectLiteralExpression(web.initializer), 'webPreferences as a literal');
    const literal = new Map(web.initializer.properties.map((p) => [p.name?.getText(), ts.isPropertyAssignment(p) ? p.initializer.getText() : null]));
    for (const [key, value] of [['contextIsolation', 'true'], ['sandbox', 'true'], ['nodeIntegration', 'false'], ['webSecurity', 'true'], ['disableBlinkFeatures', "'Auxclick'"]]) {
      assert.equal(literal.get(key), value, key);
    }
    const recorded = windowOptions({ preloadPath: '/p.cjs', isPackaged: true }).webPreferences!;
    assert.deepEqual([...literal.keys()].sort(), Object.keys(recorded).sort(), 'windowOptions() records that same literal');
  });

  it("the app builds its window through createMainWindow with Electron's BrowserWindow", () => {
    const calls = find((n): n is ts.CallExpression => ts.isCallExpression(n) && n.expression.getText() === 'createMainWindow');
    const outside = calls.filter((c) => c.file !== 'window-options.ts');
    assert.deepEqual(outside.map((c) => [c.file, c.node.arguments[0]?.getText()]), [['index.ts', 'BrowserWindow']]);
  });

  it('windowOptions() is what the constructor receives', () => {
    const input = { preloadPath: '/app/preload.cjs', isPackaged: false };
    const received: unknown[] = [];
    createMainWindow(
      class {
        constructor(options: unknown) {
          received.push(options);
        }
      },
      input,
    );
    assert.deepEqual(received, [windowOptions(input)]);
  });
});

describe('desktopPaths', () => {
  const mainDir = join(root, 'dist', 'electron', 'main');

  it('finds the preload where tsc emits electron/preload/index.cts', () => {
    const configFile = join(root, 'electron', 'tsconfig.json');
    const read = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
    const config = ts.parseJsonConfigFileContent(read.config, ts.sys, join(root, 'electron'), undefined, configFile);
    const source = join(root, 'electron', 'preload', 'index.cts');
    assert.ok(config.fileNames.map((f) => resolve(f)).includes(source), 'the Node tsconfig compiles the preload');
    const emitted = ts.getOutputFileNames(config, source, false).map((f) => resolve(f));
    assert.ok(emitted.includes(desktopPaths(mainDir).preloadPath), `${desktopPaths(mainDir).preloadPath} in ${emitted.join(', ')}`);
    assert.match(desktopPaths(mainDir).preloadPath, /\.cjs$/, 'CommonJS: a sandboxed preload cannot load ESM');
  });

  it('finds the renderer where Vite builds it', () => {
    assert.equal(desktopPaths(mainDir).rendererDir, join(root, 'dist', 'renderer'));
  });
});
