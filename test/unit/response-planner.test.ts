// "Fail the first N per event" reads the event id before answering: the one read of a body on the
// capture thread, so it is bounded in size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BODY_READ_BEFORE_ANSWER, ResponsePlanner } from '../../electron/core/endpoints/response-planner.js';
import type { EndpointRecord } from '../../electron/core/store/endpoint-repository.js';

const endpoint = {
  id: 1,
  slug: 'stripe',
  name: 'stripe',
  builtIn: false,
  response: { status: 200, headers: [], body: 'ok', delayMs: 0 },
  verification: null,
  publicUrl: null,
  forward: null,
  failureMode: { kind: 'fail-first', count: 1, per: 'event' },
  provider: null,
  createdAt: '2026-12-02T00:00:00.000Z',
  secretSealed: null,
} as unknown as EndpointRecord;

const event = (id: string, padTo = 0) => Buffer.from(JSON.stringify({ id, type: 'x', pad: 'p'.repeat(padTo) }));

describe('ResponsePlanner, fail-first per event', () => {
  it('fails the first attempt of each event found in the body', () => {
    const planner = new ResponsePlanner();
    const statuses = ['evt_a', 'evt_a', 'evt_b'].map((id) => planner.plan(endpoint, { headers: [], body: event(id) }).response.status);
    assert.deepEqual(statuses, [500, 200, 500]);
  });

  it('does not read a body larger than the bound before answering: it counts with the endpoint', () => {
    const planner = new ResponsePlanner();
    const big = (id: string) => event(id, MAX_BODY_READ_BEFORE_ANSWER);
    const statuses = ['evt_a', 'evt_b'].map((id) => planner.plan(endpoint, { headers: [], body: big(id) }).response.status);
    assert.deepEqual(statuses, [500, 200], 'two events, but read as one scope');
    const byHeader = planner.plan(endpoint, { headers: [['webhook-id', 'msg_1']], body: big('evt_c') });
    assert.equal(byHeader.response.status, 500, 'an id in a header still counts per event');
  });
});
