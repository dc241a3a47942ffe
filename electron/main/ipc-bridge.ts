// Threat model: the IPC bridge is the renderer's only way into the core, and the renderer shows
// attacker-controlled payloads. So every call passes ONE gatekeeper, on ONE channel, that asks in
// order: is the sender our window's main frame on app://hookscope (isTrustedSender)? is the
// method in the contract (isMethodName)? do the arguments pass its schema (parseArgs)? Failures
// come back as `{error: {code, message}}` data — never a thrown Error, whose message and stack
// Electron would forward to the page. Events go the other way on one channel, queued until the
// page has loaded. Only type imports from Electron: the unit tests drive this with fakes.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { Api, ApiErrorBody, EventMessage } from '../contract/index.js';
import { callMethod } from '../core/index.js';
import { EventQueue } from './event-queue.js';
import { isTrustedSender, type SenderFrame } from './security-policy.js';

/** The channel names; the preload (which cannot import this ESM module) repeats them. */
export const INVOKE_CHANNEL = 'hookscope:invoke';
export const EVENT_CHANNEL = 'hookscope:event';

/** What the main process answers; the preload turns it into the result or `{error}`. */
export type InvokeReply = { ok: true; result: unknown } | ({ ok: false } & ApiErrorBody);

export interface InvokeRequest {
  /** The frame that sent the call, or null when it is gone. */
  frame: SenderFrame | null;
  /** Whether the sending webContents is our main window's. */
  fromOurWindow: boolean;
  method: unknown;
  args: unknown;
}

function failure(code: ApiErrorBody['error']['code'], message: string): InvokeReply {
  return { ok: false, error: { code, message } };
}

/** A method name from the page, made safe to echo in a message. */
function describe(method: unknown): string {
  return typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : typeof method;
}

/** The gatekeeper, without Electron: sender, method, schema, then the core. */
export async function dispatchInvoke(
  api: Api,
  request: InvokeRequest,
  log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): Promise<InvokeReply> {
  if (!request.fromOurWindow || !isTrustedSender(request.frame)) {
    return failure('forbidden', 'calls are accepted only from the Hookscope window');
  }
  const outcome = await callMethod(api, request.method, request.args);
  if (outcome.ok) return { ok: true, result: outcome.result };
  if (outcome.internal !== undefined) log(`hookscope: ${describe(request.method)} failed`, outcome.internal);
  return failure(outcome.code, outcome.message);
}

/** The sender frame's URL and whether it is the top frame; null when the frame is gone. */
export function senderFrameOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrame | null {
  try {
    const frame = event.senderFrame;
    if (!frame) return null;
    return { url: frame.url, isMainFrame: frame.parent === null };
  } catch {
    return null; // the frame was disposed while the call was in flight
  }
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  api: Api;
  /** The main window's webContents, or null while there is none. */
  currentWebContents(): Pick<WebContents, 'id'> | null;
}

/** Registers the one handler; returns the function that removes it. */
export function registerIpcBridge({ ipcMain, api, currentWebContents }: IpcBridgeOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method, args) =>
    dispatchInvoke(api, {
      frame: senderFrameOf(event),
      fromOurWindow: event.sender.id === currentWebContents()?.id,
      method,
      args,
    }),
  );
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** The part of a webContents the event forwarder uses. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/**
 * Forwards core events to the window as `(eventName, data)` on EVENT_CHANNEL — never the
 * IpcRendererEvent, which the preload keeps to itself. Until `loaded()` they wait in a queue.
 */
export class EventForwarder {
  readonly queue: EventQueue<EventMessage>;

  constructor(limit?: number) {
    this.queue = new EventQueue<EventMessage>(limit);
  }

  push(message: EventMessage): void {
    this.queue.push(message);
  }

  /** The page finished loading: deliver what waited, then everything live. */
  loaded(target: EventTarget): void {
    this.queue.open((message) => {
      if (target.isDestroyed()) return;
      target.send(EVENT_CHANNEL, message.event, message.data);
    });
  }

  /** The page is (re)loading or gone: hold events again. */
  unloaded(): void {
    this.queue.pause();
  }
}
