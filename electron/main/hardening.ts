// Applies the security policy (security-policy.ts) to every webContents the app ever creates
// (app 'web-contents-created'), so a future window, devtools page or anything a bug lets in is
// held to the same rules as the main window: no navigation away from app://hookscope, no new
// windows (http/https links go to the user's browser instead), no <webview>, and no web
// permission (camera, notifications, clipboard, USB, …) for any page. Type-only Electron imports:
// the unit tests drive this with fakes.
import type { Session } from 'electron';
import { isAllowedNavigation, isSafeExternalUrl } from './security-policy.js';

type OpenExternal = (url: string) => Promise<void>;

function openIfSafe(url: string, openExternal: OpenExternal): void {
  if (!isSafeExternalUrl(url)) return;
  openExternal(url).catch((error: unknown) => console.error('hookscope: cannot open link in the browser', error));
}

interface NavigationEvent {
  /** The target (details.url; the positional url argument is deprecated since Electron 25). */
  url: string;
  preventDefault(): void;
}

/** The events and methods of a webContents this module uses. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function hardenWebContents(contents: HardenableContents, openExternal: OpenExternal): void {
  // A link the user clicks (or `location = …`): cancelled; an http(s) one opens in the browser.
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    openIfSafe(event.url, openExternal);
  });
  // The same for subframes (there are none; a bug or an injected iframe must not navigate either).
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  // A server redirect is never a user's choice: cancelled, never opened externally.
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // window.open and target=_blank: no new Electron window, ever.
  contents.setWindowOpenHandler(({ url }) => {
    openIfSafe(url, openExternal);
    return { action: 'deny' };
  });
}

/** Denies every permission request and check (a page gets no camera, notification, clipboard…). */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** What a download handler needs of a DownloadItem. */
export interface DownloadLike {
  getURL(): string;
  getFilename(): string;
  cancel(): void;
  setSaveDialogOptions(options: { title: string; defaultPath: string }): void;
}

/**
 * Downloads come only from the renderer's own blob: URLs (Save PDF, Download raw, exports): those
 * ask where to save with the OS dialog. Anything else (a link a bug or a payload got through)
 * is cancelled.
 */
export function isAllowedDownload(url: string): boolean {
  return /^blob:app:\/\/hookscope\//.test(url);
}

export function guardDownloads(session: { on(event: 'will-download', listener: (event: unknown, item: DownloadLike) => void): unknown }): void {
  session.on('will-download', (_event, item) => {
    if (!isAllowedDownload(item.getURL())) {
      item.cancel();
      return;
    }
    item.setSaveDialogOptions({ title: 'Save', defaultPath: item.getFilename() });
  });
}
