// The preload: a dumb pipe between the page and the IPC bridge, exposed as `window.hookscope`.
// CommonJS (.cts → .cjs) because a sandboxed preload cannot load ES modules, and self-contained
// because it can require only 'electron' and a few built-ins — not our contract. So the method
// and event names are repeated here; test/unit/desktop/preload.test.ts fails when they drift
// from electron/contract (methodSchemas, eventNames), and the main process checks every call
// against the contract again anyway.
// It never hands out ipcRenderer or an IpcRendererEvent (whose `sender` is ipcRenderer): the page
// gets two functions and plain data.
import { contextBridge, ipcRenderer } from 'electron';

const INVOKE_CHANNEL = 'hookscope:invoke';
const EVENT_CHANNEL = 'hookscope:event';
const NOTIFY_CHANNEL = 'hookscope:notify';

export const METHOD_NAMES: readonly string[] = Object.freeze([
  'endpoints.list',
  'endpoints.create',
  'endpoints.update',
  'endpoints.stats',
  'endpoints.traffic',
  'documents.list',
  'documents.content',
  'documents.refetch',
  'endpoints.verify',
  'endpoints.delete',
  'deliveries.list',
  'deliveries.matches',
  'deliveries.prune',
  'store.stats',
  'deliveries.get',
  'deliveries.decoded',
  'deliveries.delete',
  'deliveries.verify',
  'deliveries.confirm',
  'deliveries.clear',
  'deliveries.export',
  'deliveries.snippet',
  'deliveries.import',
  'fixtures.export',
  'trigger.templates',
  'trigger.preview',
  'trigger.send',
  'trigger.runs',
  'replay.send',
  'replay.list',
  'replay.get',
  'replay.cancel',
  'bulk.start',
  'bulk.status',
  'bulk.cancel',
  'settings.get',
  'settings.update',
  'tunnel.status',
  'tunnel.start',
  'tunnel.stop',
  'system.info',
  'team.status',
]);

export const EVENT_NAMES: readonly string[] = Object.freeze([
  'delivery.stored',
  'delivery.updated',
  'delivery.deleted',
  'deliveries.cleared',
  'deliveries.pruned',
  'endpoint.saved',
  'endpoint.deleted',
  'settings.saved',
  'tunnel.changed',
  'documents.changed',
  'replay.started',
  'replay.completed',
  'bulk.progressed',
  'import.progressed',
  'search.progressed',
]);

type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

async function invoke(method: unknown, args: unknown): Promise<unknown> {
  if (typeof method !== 'string' || !METHOD_NAMES.includes(method)) {
    return errorBody('not_found', 'unknown method');
  }
  const reply = (await ipcRenderer.invoke(INVOKE_CHANNEL, method, args)) as Reply;
  return reply.ok ? reply.result : { error: reply.error };
}

// One ipcRenderer listener for all events, attached with the first subscription.
const listeners = new Map<string, Set<(data: unknown) => void>>();
let attached = false;

function dispatch(_event: unknown, name: unknown, data: unknown): void {
  if (typeof name !== 'string') return;
  for (const callback of [...(listeners.get(name) ?? [])]) {
    try {
      callback(data);
    } catch (error) {
      console.error(`hookscope: a ${name} listener failed`, error);
    }
  }
}

function on(event: unknown, callback: unknown): () => void {
  if (typeof event !== 'string' || !EVENT_NAMES.includes(event)) throw new TypeError('unknown event');
  if (typeof callback !== 'function') throw new TypeError('the listener must be a function');
  const listener = callback as (data: unknown) => void;
  if (!attached) {
    ipcRenderer.on(EVENT_CHANNEL, dispatch);
    attached = true;
  }
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

/** A desktop notification of a delivery; the main process checks the sender and the text again. */
async function notify(notice: unknown): Promise<boolean> {
  if (typeof notice !== 'object' || notice === null) return false;
  const { title, body } = notice as { title?: unknown; body?: unknown };
  if (typeof title !== 'string' || typeof body !== 'string') return false;
  return (await ipcRenderer.invoke(NOTIFY_CHANNEL, { title, body })) === true;
}

contextBridge.exposeInMainWorld('hookscope', Object.freeze({ invoke, on, notify }));
