// Threat model: the desktop host. It starts the core (the capture listener on 127.0.0.1:4400 and
// the store in the user's data folder) and shows it in ONE window whose page is untrusted by
// design: it renders payloads anyone on the internet can send. That page is loaded from app://
// (app-protocol.ts) under a strict CSP, sandboxed without Node (window-options.ts), may not
// navigate, open windows or ask for permissions (hardening.ts), and reaches the core only through
// the IPC gatekeeper (ipc-bridge.ts). Secrets are sealed with the OS keychain (safeStorage).
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, session, shell, type MessageBoxOptions } from 'electron';
import { startCore, teamOptionsFrom, type HookscopeCore, type SecretBox } from '../core/index.js';
import { serveAppRequest } from './app-protocol.js';
import { denyAllPermissions, guardDownloads, hardenWebContents } from './hardening.js';
import { EventForwarder, registerIpcBridge } from './ipc-bridge.js';
import { menuTemplate } from './menu-template.js';
import { registerNotifyBridge, type DesktopNotice } from './notifications.js';
import { createDesktopSecretBox } from './safe-storage-secret-box.js';
import { APP_ENTRY_URL, APP_SCHEME } from './security-policy.js';
import { createMainWindow, desktopPaths } from './window-options.js';

const DEFAULT_CAPTURE_PORT = 4400;
const { preloadPath, rendererDir } = desktopPaths(dirname(fileURLToPath(import.meta.url)));

// A separate data folder (tests, a second profile). Set before the single-instance lock, which
// is per data folder.
if (process.env.HOOKSCOPE_DATA_DIR) app.setPath('userData', process.env.HOOKSCOPE_DATA_DIR);

// Must happen before 'ready'. standard: relative URLs, a real origin (app://hookscope) for CSP
// 'self'; secure: a secure context like https. Not corsEnabled: no other origin may read it.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Every renderer sandboxed, whatever a future window's options say.
app.enableSandbox();

let core: HookscopeCore | null = null;
let mainWindow: BrowserWindow | null = null;
const forwarder = new EventForwarder();

function capturePortFromEnv(): number {
  const raw = process.env.HOOKSCOPE_CAPTURE_PORT;
  if (raw === undefined || raw === '') return DEFAULT_CAPTURE_PORT;
  const port = Number(raw);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : DEFAULT_CAPTURE_PORT;
}

/** The core on the usual port; when that is taken, on a free one, and the user is told which. */
async function startCoreWithFallback(dataDir: string, secrets: SecretBox): Promise<{ core: HookscopeCore; busyPort: number | null }> {
  const port = capturePortFromEnv();
  // Team mode (docs/team.md): team.json in the data folder, or HOOKSCOPE_TEAM / HOOKSCOPE_TEAM_KEY.
  const team = teamOptionsFrom(dataDir);
  try {
    return { core: await startCore({ dataDir, capturePort: port, secrets, team }), busyPort: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    return { core: await startCore({ dataDir, capturePort: 0, secrets, team }), busyPort: port };
  }
}

function createWindow(): BrowserWindow {
  const window = createMainWindow(BrowserWindow, { preloadPath, isPackaged: app.isPackaged });
  const contents = window.webContents;
  contents.on('did-start-loading', () => forwarder.unloaded());
  contents.on('did-finish-load', () => forwarder.loaded(contents));
  contents.on('render-process-gone', (_event, details) => {
    forwarder.unloaded();
    console.error(`hookscope: the window's renderer is gone (${details.reason})`);
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    forwarder.unloaded();
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  mainWindow = window;
  return window;
}

function showLater(options: MessageBoxOptions): void {
  const show = () => void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  if (mainWindow && !mainWindow.isVisible()) mainWindow.once('ready-to-show', show);
  else show();
}

/** Tells the user once (per data folder) that their signing secrets are not really protected. */
function warnAboutPlainTextSecrets(dataDir: string): void {
  const marker = join(dataDir, 'plain-text-secrets-notice');
  if (existsSync(marker)) return;
  showLater({
    type: 'warning',
    title: 'Signing secrets are not encrypted',
    message: 'No system keyring was found, so Hookscope stores signing secrets without real encryption.',
    detail:
      'Anyone who can read your Hookscope data folder can read the secrets. Install and unlock a keyring ' +
      '(GNOME Keyring or KWallet) and restart Hookscope to protect them.',
  });
  try {
    writeFileSync(marker, `${new Date().toISOString()}\n`, { flag: 'wx' });
  } catch {
    // shown again next time; harmless
  }
}

/** A delivery's notification (notifications.ts checked it); a click brings the window back. */
function showNotice(notice: DesktopNotice): void {
  if (!Notification.isSupported()) return;
  const shown = new Notification({ title: notice.title, body: notice.body, silent: false });
  shown.on('click', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  shown.show();
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  guardDownloads(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));

  const dataDir = app.getPath('userData');
  const secrets = createDesktopSecretBox(safeStorage, dataDir);
  const started = await startCoreWithFallback(dataDir, secrets);
  core = started.core;
  core.events.subscribe((message) => forwarder.push(message));
  registerIpcBridge({ ipcMain, api: core.api, currentWebContents: () => mainWindow?.webContents ?? null });
  registerNotifyBridge({ ipcMain, currentWebContents: () => mainWindow?.webContents ?? null, show: showNotice });

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, isPackaged: app.isPackaged, appName: app.name })));
  createWindow();

  if (started.busyPort !== null) {
    showLater({
      type: 'warning',
      title: 'Capture port in use',
      message: `Port ${started.busyPort} is in use, so Hookscope captures on ${core.capture.url} for now.`,
      detail: 'Point your webhook senders at this address, or close the program using the port and restart Hookscope.',
    });
  }
  if (!secrets.protectsSecrets) warnAboutPlainTextSecrets(dataDir);
}

function fatal(error: unknown): void {
  console.error('hookscope: cannot start', error);
  dialog.showErrorBox('Hookscope cannot start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // Another Hookscope holds this data folder; it gets focus (second-instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // Stop the listener and flush the store before the process ends.
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    const closingCore = core;
    closingCore
      .close()
      .catch((error: unknown) => console.error('hookscope: error while closing the store', error))
      .finally(() => {
        core = null;
        app.quit();
      });
  });
  app.whenReady().then(start).catch(fatal);
}
