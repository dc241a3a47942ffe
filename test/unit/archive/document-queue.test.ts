// Fair document fetching (finding 7): strangers' links to a host that never answers must not hold
// the slots a recognised provider's expiring link needs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentQueue, type DocumentFetch } from '../../../electron/core/archive/document-queue.js';

function harness(limits = { concurrency: 4, reserved: 2, perHost: 2, maxQueued: 20 }) {
  const started: string[] = [];
  const dropped: string[] = [];
  const finish = new Map<string, () => void>();
  const queue = new DocumentQueue(() => {}, limits);
  const push = (name: string, host: string, priority: DocumentFetch['priority']) =>
    queue.push({
      host,
      priority,
      run: () => {
        started.push(name);
        return new Promise<void>((resolve) => finish.set(name, resolve));
      },
      dropped: () => dropped.push(name),
    });
  return { queue, started, dropped, finish, push };
}

describe('DocumentQueue', () => {
  it('starts a provider link at once although 40 links to a dead host came first', () => {
    const h = harness();
    for (let i = 0; i < 40; i++) h.push(`dead-${i}`, 'never-answers.example', 2);
    h.push('provider', 'files.pdfgorilla.example', 0);
    assert.ok(h.started.includes('provider'));
    assert.equal(h.started.filter((name) => name.startsWith('dead')).length, 2, 'two at a time per host');
  });

  it('keeps reserved slots for provider links when strangers spread over many hosts', () => {
    const h = harness();
    for (let i = 0; i < 10; i++) h.push(`stranger-${i}`, `host-${i}.example`, 1);
    assert.equal(h.started.length, 4);
    h.push('provider-1', 'files.example', 0);
    h.push('provider-2', 'files.example', 0);
    assert.deepEqual(h.started.slice(4), ['provider-1', 'provider-2']);
  });

  it('takes lanes in priority order and arrival order within a lane, as slots free up', async () => {
    const h = harness({ concurrency: 1, reserved: 0, perHost: 1, maxQueued: 20 });
    h.push('a', 'h1', 2);
    h.push('b', 'h2', 2);
    h.push('c', 'h3', 1);
    h.push('d', 'h4', 0);
    assert.deepEqual(h.started, ['a']);
    for (const name of ['a', 'd', 'c']) {
      h.finish.get(name)!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(h.started, ['a', 'd', 'c', 'b']);
  });

  it('is bounded: past maxQueued the newest of the least important lane is dropped, and told', () => {
    const h = harness({ concurrency: 1, reserved: 0, perHost: 1, maxQueued: 3 });
    h.push('running', 'h', 2);
    h.push('x1', 'h', 2);
    h.push('x2', 'h', 2);
    h.push('p', 'h', 0);
    h.push('x3', 'h', 2);
    assert.deepEqual(h.dropped, ['x3']);
    h.push('p2', 'h', 0);
    assert.deepEqual(h.dropped, ['x3', 'x2'], 'provider links push strangers out, never the reverse');
    assert.equal(h.queue.queued(), 3);
  });
});
