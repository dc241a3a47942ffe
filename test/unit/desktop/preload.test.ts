// The preload, run the way a sandboxed renderer runs it: CommonJS, a `require` that knows only
// 'electron' (here a fake), no Node. Its inlined allow-lists must equal the contract's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import vm from 'node:vm';
import ts from 'typescript';
import { eventNames, methodSchemas } from '../../../electron/contract/index.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../electron/main/ipc-bridge.js';
import { NOTIFY_CHANNEL } from '../../../electron/main/notifications.js';

const source = readFileSync(join(import.meta.dirname, '..', '..', '..', 'electron', 'preload', 'index.cts'), 'utf8');
const compiled = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  fileName: 'index.cts',
}).outputText;

type Bridge = { invoke(method: unknown, args?: unknown): Promise<unknown>; on(event: unknown, callback: unknown): () => void };

function loadPreload() {
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const invokes: unknown[][] = [];
  const ipcListeners = new Map<string, ((...args: unknown[]) => void)[]>();
  let nextReply: unknown = { ok: true, result: { fine: true } };
  const ipcRenderer = {
    invoke: async (...args: unknown[]) => {
      invokes.push(args);
      return nextReply;
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer,
  };
  const module = { exports: {} as Record<string, unknown> };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const wrapper = vm.runInNewContext(`(function (require, module, exports) {\n${compiled}\n})`, { console }, { filename: 'index.cjs' }) as (
    r: typeof sandboxRequire,
    m: typeof module,
    e: Record<string, unknown>,
  ) => void;
  wrapper(sandboxRequire, module, module.exports);
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of ipcListeners.get(channel) ?? []) listener(...args);
  };
  return {
    exposed,
    required,
    invokes,
    ipcListeners,
    emit,
    ipcRenderer,
    exports: module.exports,
    bridge: exposed.hookscope as Bridge,
    reply: (value: unknown) => (nextReply = value),
  };
}

describe('preload (window.hookscope)', () => {
  let preload: ReturnType<typeof loadPreload>;
  beforeEach(() => {
    preload = loadPreload();
  });

  it('requires only electron (a sandboxed preload can load nothing else of ours)', () => {
    assert.deepEqual(preload.required, ['electron']);
    assert.doesNotMatch(source, /\bimport\s*\(|require\(\s*['"]\.|from\s+['"]\./, 'no relative imports');
  });

  it('keeps its method allow-list in sync with the contract', () => {
    assert.deepEqual([...(preload.exports.METHOD_NAMES as string[])].sort(), Object.keys(methodSchemas).sort());
  });

  it('keeps its event allow-list in sync with the contract', () => {
    assert.deepEqual([...(preload.exports.EVENT_NAMES as string[])].sort(), [...eventNames].sort());
  });

  it('uses the same channels as the main process', () => {
    assert.match(source, new RegExp(`'${INVOKE_CHANNEL}'`));
    assert.match(source, new RegExp(`'${EVENT_CHANNEL}'`));
  });

  it('exposes exactly window.hookscope = {invoke, on, notify}, frozen, and no ipcRenderer', () => {
    assert.deepEqual(Object.keys(preload.exposed), ['hookscope']);
    const bridge = preload.exposed.hookscope as Record<string, unknown>;
    assert.deepEqual(Object.keys(bridge).sort(), ['invoke', 'notify', 'on']);
    assert.equal(typeof bridge.invoke, 'function');
    assert.equal(typeof bridge.on, 'function');
    assert.ok(Object.isFrozen(bridge));
    assert.ok(!Object.values(bridge).includes(preload.ipcRenderer));
  });

  it('sends a notification as {title, body} only, on its own channel, and refuses anything else', async () => {
    const notify = (preload.exposed.hookscope as { notify(notice: unknown): Promise<boolean> }).notify;
    assert.match(source, new RegExp(`'${NOTIFY_CHANNEL}'`));
    preload.reply(true);
    assert.equal(await notify({ title: 't', body: 'b', extra: 'dropped' }), true);
    assert.deepEqual(JSON.parse(JSON.stringify(preload.invokes)), [[NOTIFY_CHANNEL, { title: 't', body: 'b' }]]);
    for (const bad of [null, 'text', { title: 1, body: 'b' }, { title: 't' }]) assert.equal(await notify(bad), false);
    assert.equal(preload.invokes.length, 1);
  });

  it('forwards contract methods on the one invoke channel and unwraps the result', async () => {
    for (const method of Object.keys(methodSchemas)) {
      assert.deepEqual(await preload.bridge.invoke(method, { a: 1 }), { fine: true }, method);
    }
    assert.equal(preload.invokes.length, Object.keys(methodSchemas).length);
    assert.deepEqual(preload.invokes[0], [INVOKE_CHANNEL, Object.keys(methodSchemas)[0], { a: 1 }]);
  });

  it('resolves failures as {error: {code, message}}', async () => {
    preload.reply({ ok: false, error: { code: 'not_found', message: 'no delivery 3' } });
    // Objects made inside the sandbox have its Object.prototype: compare as JSON.
    const reply = await preload.bridge.invoke('deliveries.get', { id: 3 });
    assert.deepEqual(JSON.parse(JSON.stringify(reply)), { error: { code: 'not_found', message: 'no delivery 3' } });
  });

  for (const method of ['ipcRenderer', 'nope', '__proto__', 'constructor', '', 7, null, { toString: () => 'system.info' }]) {
    it(`refuses the method ${JSON.stringify(method) ?? String(method)} without IPC`, async () => {
      const reply = (await preload.bridge.invoke(method, {})) as { error: { code: string } };
      assert.equal(reply.error.code, 'not_found');
      assert.deepEqual(preload.invokes, []);
    });
  }

  it('passes event data, never the IpcRendererEvent, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = preload.bridge.on('delivery.stored', (...args: unknown[]) => seen.push(args));
    const secretEvent = { sender: preload.ipcRenderer, ports: [] };
    preload.emit(EVENT_CHANNEL, secretEvent, 'delivery.stored', { id: 1 });
    preload.emit(EVENT_CHANNEL, secretEvent, 'delivery.deleted', { id: 2 });
    assert.deepEqual(seen, [[{ id: 1 }]]);
    off();
    preload.emit(EVENT_CHANNEL, secretEvent, 'delivery.stored', { id: 3 });
    assert.equal(seen.length, 1);
  });

  it('attaches one ipcRenderer listener however many subscriptions', () => {
    preload.bridge.on('delivery.stored', () => undefined);
    preload.bridge.on('endpoint.saved', () => undefined);
    assert.deepEqual([...preload.ipcListeners.keys()], [EVENT_CHANNEL]);
    assert.equal(preload.ipcListeners.get(EVENT_CHANNEL)!.length, 1);
  });

  it('refuses unknown events and non-function listeners', () => {
    assert.throws(() => preload.bridge.on('ipc-message', () => undefined), /unknown event/);
    assert.throws(() => preload.bridge.on('__proto__', () => undefined), /unknown event/);
    assert.throws(() => preload.bridge.on('delivery.stored', 'alert(1)'), /function/);
    assert.equal(preload.ipcListeners.size, 0);
  });

  it('keeps delivering when one listener throws', () => {
    const seen: unknown[] = [];
    const originalError = console.error;
    console.error = () => undefined;
    try {
      preload.bridge.on('delivery.deleted', () => {
        throw new Error('boom');
      });
      preload.bridge.on('delivery.deleted', (data: unknown) => seen.push(data));
      preload.emit(EVENT_CHANNEL, {}, 'delivery.deleted', { id: 9 });
    } finally {
      console.error = originalError;
    }
    assert.deepEqual(seen, [{ id: 9 }]);
  });
});
