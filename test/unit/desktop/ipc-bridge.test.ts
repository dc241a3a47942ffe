// The IPC gatekeeper: sender frame, method name, argument schema, errors as data; and the event
// forwarder's queue. Driven with a fake ipcMain and webContents, and with a real core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, methodSchemas, type Api, type EventMessage } from '../../../electron/contract/index.js';
import {
  dispatchInvoke,
  EVENT_CHANNEL,
  EventForwarder,
  INVOKE_CHANNEL,
  registerIpcBridge,
  senderFrameOf,
  type InvokeReply,
} from '../../../electron/main/ipc-bridge.js';
import { APP_ENTRY_URL } from '../../../electron/main/security-policy.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';

const ours = { frame: { url: APP_ENTRY_URL, isMainFrame: true }, fromOurWindow: true };

function fakeApi(overrides: Partial<Record<keyof Api, (args: never) => unknown>> = {}): { api: Api; calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const api = Object.fromEntries(
    Object.keys(methodSchemas).map((name) => [
      name,
      (args: unknown) => {
        calls.push([name, args]);
        const override = overrides[name as keyof Api] as ((a: unknown) => unknown) | undefined;
        return override ? override(args) : { called: name };
      },
    ]),
  ) as unknown as Api;
  return { api, calls };
}

function errorOf(reply: InvokeReply): { code: string; message: string } {
  assert.equal(reply.ok, false, JSON.stringify(reply));
  return (reply as { error: { code: string; message: string } }).error;
}

describe('dispatchInvoke (the gatekeeper)', () => {
  it('calls the core for our main frame with parsed arguments', async () => {
    const { api, calls } = fakeApi();
    const reply = await dispatchInvoke(api, { ...ours, method: 'deliveries.list', args: { limit: 5 } });
    assert.deepEqual(reply, { ok: true, result: { called: 'deliveries.list' } });
    // The schema ran: defaults filled, coercions applied.
    assert.deepEqual(calls, [['deliveries.list', { limit: 5 }]]);
  });

  it('accepts missing arguments as {} for methods without any', async () => {
    const { api } = fakeApi();
    assert.equal((await dispatchInvoke(api, { ...ours, method: 'system.info', args: undefined })).ok, true);
  });

  const foreignSenders: [string, Parameters<typeof dispatchInvoke>[1]['frame'], boolean][] = [
    ['a subframe', { url: APP_ENTRY_URL, isMainFrame: false }, true],
    ['another origin', { url: 'https://attacker.com/', isMainFrame: true }, true],
    ['a look-alike origin', { url: 'app://hookscope.attacker.com/index.html', isMainFrame: true }, true],
    ['file:', { url: 'file:///tmp/x.html', isMainFrame: true }, true],
    ['a frame that is gone', null, true],
    ['another webContents', { url: APP_ENTRY_URL, isMainFrame: true }, false],
  ];
  for (const [name, frame, fromOurWindow] of foreignSenders) {
    it(`refuses ${name} without calling the core`, async () => {
      const { api, calls } = fakeApi();
      const reply = await dispatchInvoke(api, { frame, fromOurWindow, method: 'system.info', args: {} });
      assert.equal(errorOf(reply).code, 'forbidden');
      assert.deepEqual(calls, []);
    });
  }

  const badMethods: unknown[] = ['nope', 'system.info ', 'System.Info', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { toString: () => 'system.info' }, ['system.info']];
  for (const method of badMethods) {
    it(`refuses the method ${JSON.stringify(method) ?? String(method)}`, async () => {
      const { api, calls } = fakeApi();
      const reply = await dispatchInvoke(api, { ...ours, method, args: {} });
      assert.equal(errorOf(reply).code, 'not_found');
      assert.deepEqual(calls, []);
    });
  }

  const badArgs: [string, string, unknown][] = [
    ['an unknown key', 'system.info', { evil: true }],
    ['a wrong type', 'deliveries.get', { id: 'abc' }],
    ['a negative id', 'deliveries.get', { id: -1 }],
    ['a bad slug', 'endpoints.delete', { slug: '../etc' }],
    ['a header with CR LF', 'endpoints.create', { slug: 'x', response: { headers: [['X-A', 'b\r\nSet-Cookie: y']] } }],
    ['an array', 'system.info', []],
    ['a string', 'system.info', 'hello'],
    ['a prototype key', 'settings.update', JSON.parse('{"__proto__": {"polluted": true}}')],
  ];
  for (const [name, method, args] of badArgs) {
    it(`refuses ${name} (${method}) without calling the core`, async () => {
      const { api, calls } = fakeApi();
      const error = errorOf(await dispatchInvoke(api, { ...ours, method, args }));
      assert.equal(error.code, 'invalid_argument');
      assert.deepEqual(calls, []);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  it('returns ApiError as {error: {code, message}}', async () => {
    const { api } = fakeApi({
      'deliveries.get': () => {
        throw new ApiError('not_found', 'no delivery 7');
      },
    });
    assert.deepEqual(await dispatchInvoke(api, { ...ours, method: 'deliveries.get', args: { id: 7 } }), {
      ok: false,
      error: { code: 'not_found', message: 'no delivery 7' },
    });
  });

  it('maps a busy, locked, full or failing database to store_unavailable, saying which', async () => {
    for (const [code, words] of [['SQLITE_BUSY', /locked/], ['SQLITE_LOCKED_SHAREDCACHE', /locked/], ['SQLITE_FULL', /disk is full/], ['SQLITE_IOERR_WRITE', /I\/O error/]] as const) {
      const { api } = fakeApi({
        'endpoints.list': () => {
          throw Object.assign(new Error('sqlite says no'), { code });
        },
      });
      const error = errorOf(await dispatchInvoke(api, { ...ours, method: 'endpoints.list', args: {} }));
      assert.equal(error.code, 'store_unavailable', code);
      assert.match(error.message, words);
    }
  });

  it('hides unexpected errors (no message, no stack) and logs them in the main process', async () => {
    const logged: unknown[] = [];
    const { api } = fakeApi({
      'settings.get': async () => {
        throw new Error('SQLITE_CORRUPT at /home/user/.config/Hookscope/hookscope.db');
      },
    });
    const reply = await dispatchInvoke(api, { ...ours, method: 'settings.get', args: {} }, (_m, e) => logged.push(e));
    assert.deepEqual(reply, { ok: false, error: { code: 'internal', message: 'internal error' } });
    assert.equal(logged.length, 1);
    assert.doesNotMatch(JSON.stringify(reply), /stack|SQLITE|home/);
  });
});

describe('senderFrameOf', () => {
  it('reads the URL and whether it is the top frame', () => {
    const top = { url: APP_ENTRY_URL, parent: null };
    const child = { url: APP_ENTRY_URL, parent: top };
    assert.deepEqual(senderFrameOf({ senderFrame: top } as never), { url: APP_ENTRY_URL, isMainFrame: true });
    assert.deepEqual(senderFrameOf({ senderFrame: child } as never), { url: APP_ENTRY_URL, isMainFrame: false });
  });

  it('is null when the frame is gone or disposed', () => {
    assert.equal(senderFrameOf({ senderFrame: null } as never), null);
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    assert.equal(senderFrameOf(disposed as never), null);
  });
});

describe('registerIpcBridge (one handler, one channel) with a real core', () => {
  let test: TestCore;
  let handler: ((event: unknown, ...args: unknown[]) => Promise<unknown>) | undefined;
  const channels: string[] = [];
  let unregister: () => void;

  before(async () => {
    test = await startTestCore();
    unregister = registerIpcBridge({
      ipcMain: {
        handle: (channel, listener) => {
          channels.push(channel);
          handler = listener as never;
        },
        removeHandler: (channel) => {
          channels.splice(channels.indexOf(channel), 1);
          handler = undefined;
        },
      },
      api: test.core.api,
      currentWebContents: () => ({ id: 1 }),
    });
  });
  after(() => test.stop());

  const event = (senderId: number, url = APP_ENTRY_URL, parent: unknown = null) => ({ sender: { id: senderId }, senderFrame: { url, parent } });

  it('registers exactly one invoke channel', () => {
    assert.deepEqual(channels, [INVOKE_CHANNEL]);
  });

  it('answers our window with the core’s result', async () => {
    const reply = (await handler!(event(1), 'endpoints.create', { slug: 'stripe', name: 'Stripe' })) as InvokeReply;
    assert.equal(reply.ok, true);
    const list = (await handler!(event(1), 'endpoints.list', {})) as { ok: true; result: { endpoints: { slug: string }[] } };
    assert.ok(list.result.endpoints.some((e) => e.slug === 'stripe'));
  });

  it('refuses another webContents and a subframe', async () => {
    assert.equal(errorOf((await handler!(event(2), 'endpoints.list', {})) as InvokeReply).code, 'forbidden');
    assert.equal(errorOf((await handler!(event(1, APP_ENTRY_URL, {}), 'endpoints.list', {})) as InvokeReply).code, 'forbidden');
  });

  it('carries core errors as data', async () => {
    const reply = (await handler!(event(1), 'deliveries.get', { id: 999_999 })) as InvokeReply;
    assert.equal(errorOf(reply).code, 'not_found');
  });

  it('removes its handler', () => {
    unregister();
    assert.deepEqual(channels, []);
  });
});

describe('EventForwarder', () => {
  const message = (id: number): EventMessage => ({ event: 'delivery.deleted', data: { id } });

  function fakeTarget() {
    const sent: unknown[][] = [];
    let destroyed = false;
    return {
      sent,
      destroy: () => (destroyed = true),
      target: { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => destroyed },
    };
  }

  it('queues until the page has loaded, then sends (name, data) only, in order', () => {
    const forwarder = new EventForwarder();
    const { sent, target } = fakeTarget();
    forwarder.push(message(1));
    forwarder.push(message(2));
    assert.deepEqual(sent, []);
    forwarder.loaded(target);
    forwarder.push(message(3));
    assert.deepEqual(sent, [
      [EVENT_CHANNEL, 'delivery.deleted', { id: 1 }],
      [EVENT_CHANNEL, 'delivery.deleted', { id: 2 }],
      [EVENT_CHANNEL, 'delivery.deleted', { id: 3 }],
    ]);
  });

  it('queues again while the page reloads', () => {
    const forwarder = new EventForwarder();
    const first = fakeTarget();
    forwarder.loaded(first.target);
    forwarder.unloaded();
    forwarder.push(message(4));
    assert.deepEqual(first.sent, []);
    const second = fakeTarget();
    forwarder.loaded(second.target);
    assert.deepEqual(second.sent, [[EVENT_CHANNEL, 'delivery.deleted', { id: 4 }]]);
  });

  it('never sends to a destroyed webContents', () => {
    const forwarder = new EventForwarder();
    const { sent, target, destroy } = fakeTarget();
    forwarder.loaded(target);
    destroy();
    forwarder.push(message(5));
    assert.deepEqual(sent, []);
  });
});
