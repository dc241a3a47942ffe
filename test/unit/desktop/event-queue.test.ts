import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventQueue } from '../../../electron/main/event-queue.js';

describe('EventQueue', () => {
  it('holds items until opened, then delivers them in order, then live', () => {
    const queue = new EventQueue<number>();
    const seen: number[] = [];
    queue.push(1);
    queue.push(2);
    assert.equal(queue.size, 2);
    assert.equal(seen.length, 0);
    queue.open((n) => seen.push(n));
    assert.deepEqual(seen, [1, 2]);
    assert.equal(queue.size, 0);
    queue.push(3);
    assert.deepEqual(seen, [1, 2, 3]);
  });

  it('queues again while paused (a reload) and delivers to the new sink', () => {
    const queue = new EventQueue<string>();
    const first: string[] = [];
    const second: string[] = [];
    queue.open((s) => first.push(s));
    queue.push('a');
    queue.pause();
    assert.equal(queue.isOpen, false);
    queue.push('b');
    queue.push('c');
    assert.deepEqual(first, ['a']);
    queue.open((s) => second.push(s));
    assert.deepEqual(second, ['b', 'c']);
  });

  it('is bounded: drops the oldest and counts them', () => {
    const queue = new EventQueue<number>(3);
    for (let i = 1; i <= 5; i++) queue.push(i);
    assert.equal(queue.size, 3);
    assert.equal(queue.dropped, 2);
    const seen: number[] = [];
    queue.open((n) => seen.push(n));
    assert.deepEqual(seen, [3, 4, 5]);
  });

  it('refuses a nonsensical limit', () => {
    assert.throws(() => new EventQueue(0), RangeError);
    assert.throws(() => new EventQueue(1.5), RangeError);
  });
});
