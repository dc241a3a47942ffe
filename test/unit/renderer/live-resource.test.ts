// The resource hooks' logic without React: following one key of a resource (reads, events,
// reconnection, stale answers) and the keyed state the hook folds answers into. The fake client
// answers each read with a promise the test settles, so the order of answers is the test's choice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Delivery } from '../../../electron/contract/index.js';
import type { AnyEvent, ConnectionState, HookscopeClient } from '../../../renderer/src/api/client.js';
import { ApiCallError } from '../../../renderer/src/api/client.js';
import { documentsResource } from '../../../renderer/src/features/documents/use-documents.js';
import { followResource, keyedReducer, shownFor, type KeyedAction, type KeyedState, type ResourceOptions } from '../../../renderer/src/state/live-resource.js';
import { deliveryResource } from '../../../renderer/src/state/use-delivery.js';

interface Deferred<T> {
  resolve(value: T): void;
  reject(failure: unknown): void;
}

/** A client whose events, connection state and `invoke` answers are driven by the test. */
function fakeClient(connection: ConnectionState = 'connecting') {
  const events = new Set<(event: AnyEvent) => void>();
  const states = new Set<(state: ConnectionState) => void>();
  const calls: { method: string; args: unknown; answer: Deferred<unknown> }[] = [];
  const client: HookscopeClient = {
    invoke: (method, args) =>
      new Promise((resolve, reject) => {
        calls.push({ method, args, answer: { resolve: resolve as (value: unknown) => void, reject } });
      }),
    on(handler) {
      events.add(handler);
      return () => events.delete(handler);
    },
    onConnection(handler) {
      states.add(handler);
      handler(connection);
      return () => states.delete(handler);
    },
    rawBody: () => Promise.reject(new Error('not in this test')),
    importFile: () => Promise.reject(new Error('not in this test')),
  };
  return {
    client,
    calls,
    emit: (event: AnyEvent) => [...events].forEach((handler) => handler(event)),
    connect: (state: ConnectionState) => [...states].forEach((handler) => handler(state)),
    listeners: () => events.size + states.size,
  };
}

/** Lets every settled promise's handlers run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A resource read through `things.get`, so each read is one entry of `calls`. */
const things: ResourceOptions<string, number> = {
  read: (client, id) => client.invoke('deliveries.get', { id }) as unknown as Promise<string>,
  reloadOn: (message, id) => message.event === 'delivery.updated' && message.data.id === id,
  carried: (message, id) => (message.event === 'delivery.deleted' && message.data.id === id ? `deleted ${id}` : undefined),
};

function recorder() {
  const seen: string[] = [];
  return { seen, sink: { value: (value: unknown) => seen.push(`value ${JSON.stringify(value)}`), error: (message: string) => seen.push(`error ${message}`) } };
}

/** Follows key 7 of `resource` through a fresh fake client, recording what its sink is told. */
function follow<T>(resource: ResourceOptions<T, number>, connection?: ConnectionState) {
  const fake = fakeClient(connection);
  const { seen, sink } = recorder();
  const followed = followResource(fake.client, 7, resource, sink);
  return { fake, seen, followed };
}

const updated = (id: number) => ({ event: 'delivery.updated', data: { id } }) as unknown as AnyEvent;
const deleted = (id: number) => ({ event: 'delivery.deleted', data: { id } }) as unknown as AnyEvent;

describe('followResource', () => {
  it('reads once at start, whether or not the stream is already live', async () => {
    for (const connection of ['connecting', 'live'] as const) {
      const { fake, seen } = follow(things, connection);
      assert.equal(fake.calls.length, 1, connection);
      assert.deepEqual(fake.calls[0]!.args, { id: 7 });
      fake.calls[0]!.answer.resolve('first');
      await settle();
      assert.deepEqual(seen, ['value "first"']);
    }
  });

  it("reads again on its key's event and when the stream comes back, not on another key's event", () => {
    const { fake } = follow(things);
    fake.emit(updated(8));
    assert.equal(fake.calls.length, 1, 'another delivery changed');
    fake.emit(updated(7));
    assert.equal(fake.calls.length, 2);
    fake.connect('reconnecting');
    assert.equal(fake.calls.length, 2);
    fake.connect('live');
    assert.equal(fake.calls.length, 3, 'events may have been missed while the stream was down');
  });

  it('drops an answer that arrives after a newer read was sent', async () => {
    const { fake, seen } = follow(things);
    fake.emit(updated(7));
    fake.calls[1]!.answer.resolve('newer');
    await settle();
    fake.calls[0]!.answer.resolve('older, slow');
    fake.calls[0]!.answer.reject(new Error('too late anyway'));
    await settle();
    assert.deepEqual(seen, ['value "newer"']);
  });

  it('takes a value an event carries, dropping the read in flight', async () => {
    const { fake, seen } = follow(things);
    fake.emit(deleted(8));
    fake.emit(deleted(7));
    fake.calls[0]!.answer.resolve('from before the deletion');
    await settle();
    assert.deepEqual(seen, ['value "deleted 7"']);
  });

  it('hands a failure on as a message', async () => {
    const { fake, seen } = follow(things);
    fake.calls[0]!.answer.reject(new ApiCallError('internal', 'the store is closed'));
    await settle();
    assert.equal(seen.length, 1);
    assert.match(seen[0]!, /^error .*the store is closed/);
  });

  it('once stopped (the key changed), drops the read in flight, stops listening and reads no more', async () => {
    const { fake, seen, followed } = follow(things);
    assert.equal(fake.listeners(), 2);
    followed.stop();
    assert.equal(fake.listeners(), 0);
    followed.reload();
    assert.equal(fake.calls.length, 1);
    fake.calls[0]!.answer.resolve('for the old key');
    await settle();
    assert.deepEqual(seen, []);
  });
});

describe('keyedReducer', () => {
  type Action = KeyedAction<string, number | null>;
  const run = (actions: Action[], start: KeyedState<string, number | null> = { key: 1, value: null, error: null }) => actions.reduce(keyedReducer<string, number | null>, start);

  it('keeps the answers for the current key', () => {
    assert.deepEqual(run([{ type: 'value', key: 1, value: 'one' }]), { key: 1, value: 'one', error: null });
  });

  it('forgets the old key at a change of key and drops its late answers and failures', () => {
    const state = run([
      { type: 'value', key: 1, value: 'one' },
      { type: 'key', key: 2 },
      { type: 'value', key: 1, value: 'one, late' },
      { type: 'error', key: 1, message: 'one failed, late' },
    ]);
    assert.deepEqual(state, { key: 2, value: null, error: null });
    assert.deepEqual(run([{ type: 'value', key: 2, value: 'two' }], state), { key: 2, value: 'two', error: null });
  });

  it('keeps the value shown when a refetch fails, and clears the error with the next answer', () => {
    const failed = run([{ type: 'value', key: 1, value: 'one' }, { type: 'error', key: 1, message: 'offline' }]);
    assert.deepEqual(failed, { key: 1, value: 'one', error: 'offline' });
    assert.deepEqual(run([{ type: 'value', key: 1, value: 'one again' }], failed), { key: 1, value: 'one again', error: null });
  });

  it('keeps the state when the key is set to the one it has (an effect run again)', () => {
    const state = run([{ type: 'value', key: 1, value: 'one' }]);
    assert.equal(keyedReducer(state, { type: 'key', key: 1 }), state);
  });

  it("applies the user's own change to the value", () => {
    assert.equal(run([{ type: 'value', key: 1, value: 'one' }, { type: 'set', update: (v) => `${v}!` }]).value, 'one!');
  });

  it('shows nothing of the old key in the render before the effect has seen the new key', () => {
    const state = run([{ type: 'value', key: 1, value: 'one' }, { type: 'error', key: 1, message: 'offline' }]);
    assert.deepEqual(shownFor(state, 2), { key: 2, value: null, error: null });
    assert.equal(shownFor(state, 1), state);
  });
});

describe('the keyed resources', () => {
  const delivery = { id: 7 } as Delivery;

  it('the selected delivery: read by id, gone when deleted or not found, read again after bulk deletions', async () => {
    const { fake, seen } = follow(deliveryResource);
    assert.deepEqual(fake.calls.map((c) => [c.method, c.args]), [['deliveries.get', { id: 7 }]]);
    fake.calls[0]!.answer.resolve(delivery);
    await settle();
    fake.emit(updated(8));
    fake.emit({ event: 'deliveries.cleared', data: {} } as unknown as AnyEvent);
    assert.equal(fake.calls.length, 2, 'a bulk deletion may have taken it; only delivery 7 changing counts');
    fake.calls[1]!.answer.reject(new ApiCallError('not_found', 'no delivery 7'));
    await settle();
    fake.emit(deleted(7));
    assert.deepEqual(seen, ['value {"delivery":{"id":7}}', 'value "gone"', 'value "gone"']);
  });

  it("a delivery's documents: read again when they or the delivery change, not for another delivery", () => {
    const { fake } = follow(documentsResource);
    fake.emit({ event: 'documents.changed', data: { deliveryId: 8 } } as unknown as AnyEvent);
    fake.emit(updated(8));
    assert.equal(fake.calls.length, 1);
    fake.emit({ event: 'documents.changed', data: { deliveryId: 7 } } as unknown as AnyEvent);
    fake.emit(updated(7));
    assert.deepEqual(fake.calls.map((c) => [c.method, c.args]), Array(3).fill(['documents.list', { id: 7 }]));
  });
});
