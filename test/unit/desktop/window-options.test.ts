// The main window's options, and the built paths the main process loads.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { desktopPaths, windowOptions } from '../../../electron/main/window-options.js';

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
