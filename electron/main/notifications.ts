// Threat model: the page asks the main process to show a desktop notification of a delivery (the
// page itself holds no notification permission: hardening.ts denies all). Its text is the sender's
// (a path, a provider's summary), so the request is data: accepted only from our window's main
// frame on app://hookscope, only as {title, body} strings, control characters removed and clipped.
// The OS shows plain text; nothing here opens, navigates or runs anything. Only type imports from
// Electron: the unit test drives this with fakes.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { senderFrameOf } from './ipc-bridge.js';
import { isTrustedSender } from './security-policy.js';

/** The preload (which cannot import this ESM module) repeats it. */
export const NOTIFY_CHANNEL = 'hookscope:notify';

export const MAX_TITLE = 120;
export const MAX_BODY = 240;

export interface DesktopNotice {
  title: string;
  body: string;
}

// C0, DEL, C1 and the bidi overrides: a sender must not reorder or hide text in the notification.
// eslint-disable-next-line no-control-regex
const UNSHOWN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(UNSHOWN, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The page's request made safe to show, or null when it is not a notification at all. */
export function parseNotice(payload: unknown): DesktopNotice | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const { title, body } = payload as Record<string, unknown>;
  const cleanTitle = cleanText(title, MAX_TITLE);
  const cleanBody = cleanText(body ?? '', MAX_BODY);
  if (!cleanTitle || cleanBody === null) return null;
  return { title: cleanTitle, body: cleanBody };
}

export interface NotifyRequest {
  frame: ReturnType<typeof senderFrameOf>;
  fromOurWindow: boolean;
  payload: unknown;
}

/** The gate, without Electron: our window's main frame, a well-formed notice, then `show`. */
export function dispatchNotify(request: NotifyRequest, show: (notice: DesktopNotice) => void): boolean {
  if (!request.fromOurWindow || !isTrustedSender(request.frame)) return false;
  const notice = parseNotice(request.payload);
  if (!notice) return false;
  show(notice);
  return true;
}

export interface NotifyBridgeOptions {
  ipcMain: { handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void; removeHandler(channel: string): void };
  currentWebContents(): Pick<WebContents, 'id'> | null;
  show(notice: DesktopNotice): void;
}

export function registerNotifyBridge({ ipcMain, currentWebContents, show }: NotifyBridgeOptions): () => void {
  ipcMain.handle(NOTIFY_CHANNEL, (event, payload) =>
    dispatchNotify({ frame: senderFrameOf(event), fromOurWindow: event.sender.id === currentWebContents()?.id, payload }, show),
  );
  return () => ipcMain.removeHandler(NOTIFY_CHANNEL);
}
