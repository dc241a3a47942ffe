// The main window's options, pure (a type-only Electron import, erased at build) so the unit tests
// can check every secure default without an Electron binary. The renderer shows captured,
// attacker-controlled payloads: it gets no Node, runs sandboxed in its own JavaScript world, and
// talks to the core only through the preload's two functions.
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload (dist/electron/preload/index.cjs). */
  preloadPath: string;
  /** Packaged builds get no DevTools at all; development builds keep them. */
  isPackaged: boolean;
}

/** How the window is constructed: Electron's BrowserWindow in the app, a recorder in windowOptions(). */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Builds the main window. The options are a literal inside `new BrowserWindow(…)` on purpose:
 * Electronegativity (test/unit/desktop/electronegativity.test.ts) reads webPreferences only where
 * a BrowserWindow is constructed and cannot follow a function call, so this is where the secure
 * defaults must be written for it to see them. The constructor is passed in, so this file needs
 * Electron only as a type and windowOptions() stays a pure function the tests can table-check.
 */
export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, { preloadPath, isPackaged }: WindowOptionsInput): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Hookscope',
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f4f5f7',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click on a link would ask for a new window; the open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: !isPackaged,
    },
  });
}

/** Records the options it is constructed with, in place of a window. */
class RecordedOptions {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

/** Exactly the options createMainWindow gives the window (the same literal, recorded). */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return createMainWindow(RecordedOptions, input).options;
}

/**
 * Where the built preload and renderer are, from the folder of the built main process
 * (dist/electron/main). tsc emits electron/preload/index.cts as dist/electron/preload/index.cjs;
 * test/unit/desktop/window-options.test.ts checks this against the compiler's own answer.
 */
export function desktopPaths(mainDir: string): { preloadPath: string; rendererDir: string } {
  return {
    preloadPath: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: join(mainDir, '..', '..', 'renderer'),
  };
}
