import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, httpBindings, isMethodName, methodSchemas, parseArgs } from '../../electron/contract/index.js';
import { splitTarget } from '../../electron/core/store/delivery-repository.js';
import { defaultDataDir } from '../../electron/core/store/paths.js';

describe('contract', () => {
  it('binds every method to a distinct HTTP verb and path', () => {
    const keys = Object.keys(httpBindings).sort();
    assert.deepEqual(keys, Object.keys(methodSchemas).sort());
    const routes = Object.values(httpBindings).map((b) => `${b.verb} ${b.path}`);
    assert.equal(new Set(routes).size, routes.length);
    for (const key of keys) assert.match(key, /^[a-z]+\.[a-z]+$/, 'noun.verb');
  });

  it('knows its method names and nothing inherited', () => {
    assert.equal(isMethodName('deliveries.list'), true);
    assert.equal(isMethodName('toString'), false);
    assert.equal(isMethodName('__proto__'), false);
    assert.equal(isMethodName(42), false);
  });

  it('validates and coerces arguments, naming the first problem', () => {
    assert.deepEqual(parseArgs('deliveries.list', { limit: '20', before: '7' }), { limit: 20, before: 7 });
    assert.deepEqual(parseArgs('deliveries.list', {}), { limit: 100 });
    const bad: Array<[Parameters<typeof parseArgs>[0], unknown, RegExp]> = [
      ['deliveries.list', { limit: '0' }, /limit/],
      ['deliveries.list', { limit: '1001' }, /limit/],
      ['deliveries.get', { id: '-1' }, /id/],
      ['deliveries.get', { id: '1.5' }, /id/],
      ['endpoints.create', { slug: 'Upper' }, /slug/],
      ['endpoints.create', { slug: '-lead' }, /slug/],
      ['endpoints.create', { slug: 'a/b' }, /slug/],
      ['endpoints.create', { slug: 'ok', unknown: 1 }, /unknown|Unrecognized/i],
      ['endpoints.create', { slug: 'ok', response: { status: 600 } }, /status/],
      ['endpoints.create', { slug: 'ok', response: { delayMs: -1 } }, /delayMs/],
      ['endpoints.create', { slug: 'ok', response: { headers: [['X', 'a\nb']] } }, /CR, LF/],
      ['settings.update', { retention: { maxCount: 0 } }, /maxCount/],
      ['deliveries.import', { endpoint: 'default' }, /either document or text/],
      ['deliveries.import', { endpoint: 'default', document: {}, text: '{}' }, /either document or text/],
      ['deliveries.import', { endpoint: 'default', text: '{}', importId: '../x' }, /importId/],
      ['deliveries.import', { endpoint: 'default', text: 42 }, /text/],
    ];
    assert.deepEqual(parseArgs('deliveries.import', { endpoint: 'default', text: '{}', importId: 'a-1' }), { endpoint: 'default', text: '{}', importId: 'a-1' });
    for (const [method, args, message] of bad) {
      assert.throws(
        () => parseArgs(method, args),
        (error: unknown) => error instanceof ApiError && error.code === 'invalid_argument' && message.test(error.message),
        `${method} ${JSON.stringify(args)}`,
      );
    }
  });

  it('splits a raw target at the first ? without decoding', () => {
    assert.deepEqual(splitTarget('/a/b%20c?x=1?y'), { path: '/a/b%20c', query: 'x=1?y' });
    assert.deepEqual(splitTarget('/'), { path: '/', query: '' });
    assert.deepEqual(splitTarget('/a?'), { path: '/a', query: '' });
  });

  it('keeps data where the desktop app will (Electron userData for "Hookscope")', () => {
    assert.equal(defaultDataDir({}, 'linux', '/home/u'), '/home/u/.config/Hookscope');
    assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u'), '/x/Hookscope');
    assert.equal(defaultDataDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Application Support/Hookscope');
    assert.match(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'), /Roaming.Hookscope$/);
  });
});

describe('the closed lists, declared once (contract/names.ts)', () => {
  it('are what the schemas accept and what the renderer offers', async () => {
    const { verificationSchemes, providerProfileKeys, failureModeKinds } = await import('../../electron/contract/names.js');
    const { SCHEMES } = await import('../../renderer/src/lib/verification.js');
    const { PROVIDER_PROFILES, FAILURE_KINDS } = await import('../../renderer/src/lib/providers.js');
    assert.deepEqual(SCHEMES.map((s) => s.id).filter((id) => id !== 'none').sort(), [...verificationSchemes].sort());
    assert.deepEqual(PROVIDER_PROFILES.map((p) => p.key), [...providerProfileKeys]);
    assert.deepEqual(FAILURE_KINDS.map((k) => k.kind).slice(1), [...failureModeKinds]);
    for (const scheme of verificationSchemes) {
      assert.doesNotThrow(() => parseArgs('endpoints.create', { slug: 'x', verification: { scheme, secret: 's' } }), scheme);
    }
    assert.throws(() => parseArgs('endpoints.create', { slug: 'x', verification: { scheme: 'nope', secret: 's' } }));
    for (const provider of providerProfileKeys) assert.doesNotThrow(() => parseArgs('endpoints.create', { slug: 'x', provider }));
  });
});

describe('docs/api.md', () => {
  it('documents every method and every event of the contract', async () => {
    const { readFileSync } = await import('node:fs');
    const { eventNames } = await import('../../electron/contract/index.js');
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    assert.deepEqual(Object.keys(methodSchemas).filter((method) => !doc.includes(`\`${method}\``)), [], 'methods missing from docs/api.md');
    assert.deepEqual(eventNames.filter((event) => !doc.includes(`\`${event}\``)), [], 'events missing from docs/api.md');
  });
});
