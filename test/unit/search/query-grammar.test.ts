// The search grammar, table-tested: each field, negation, phrases, prefixes, identifiers users
// paste, and errors that say what was wrong. Then what each term becomes in the plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, QuerySyntaxError, type Term } from '../../../electron/core/search/query-grammar.js';
import { planSearch } from '../../../electron/core/search/search-plan.js';

const UTC = (iso: string) => Date.parse(iso);

const accepted: [query: string, terms: Term[]][] = [
  ['', []],
  ['   ', []],
  ['job_123', [{ kind: 'text', text: 'job_123', phrase: false, prefix: false, negated: false }]],
  ['evt_1NxAbcDef', [{ kind: 'text', text: 'evt_1NxAbcDef', phrase: false, prefix: false, negated: false }]],
  ['cma1b2c3d4e5f6g7h8i9j0k', [{ kind: 'text', text: 'cma1b2c3d4e5f6g7h8i9j0k', phrase: false, prefix: false, negated: false }]],
  ['3f2a9c1e-0b7d-4e5f-8a6b-1c2d3e4f5a6b', [{ kind: 'text', text: '3f2a9c1e-0b7d-4e5f-8a6b-1c2d3e4f5a6b', phrase: false, prefix: false, negated: false }]],
  ['evt_1Nx*', [{ kind: 'text', text: 'evt_1Nx', phrase: false, prefix: true, negated: false }]],
  ['"payment failed"', [{ kind: 'text', text: 'payment failed', phrase: true, prefix: false, negated: false }]],
  ['-"payment failed"', [{ kind: 'text', text: 'payment failed', phrase: true, prefix: false, negated: true }]],
  ['-ping', [{ kind: 'text', text: 'ping', phrase: false, prefix: false, negated: true }]],
  ['a b', [{ kind: 'text', text: 'a', phrase: false, prefix: false, negated: false }, { kind: 'text', text: 'b', phrase: false, prefix: false, negated: false }]],
  ['https://example.com/x', [{ kind: 'text', text: 'https://example.com/x', phrase: false, prefix: false, negated: false }]],
  ['method:post', [{ kind: 'method', method: 'POST', negated: false }]],
  ['status:500', [{ kind: 'status', status: 500, class: false, negated: false }]],
  ['status:5xx', [{ kind: 'status', status: 5, class: true, negated: false }]],
  ['-status:2XX', [{ kind: 'status', status: 2, class: true, negated: true }]],
  ['provider:Stripe', [{ kind: 'provider', provider: 'stripe', negated: false }]],
  ['event:payment_intent.succeeded', [{ kind: 'event', event: 'payment_intent.succeeded', prefix: false, negated: false }]],
  ['event:invoice.*', [{ kind: 'event', event: 'invoice.', prefix: true, negated: false }]],
  ['verified:invalid', [{ kind: 'verified', status: 'invalid', negated: false }]],
  ['-verified:valid', [{ kind: 'verified', status: 'valid', negated: true }]],
  ['endpoint:stripe-live', [{ kind: 'endpoint', slug: 'stripe-live', negated: false }]],
  ['header:X-GitHub-Event', [{ kind: 'header', name: 'x-github-event', value: null, prefix: false, negated: false }]],
  ['header:x-github-event=push', [{ kind: 'header', name: 'x-github-event', value: 'push', prefix: false, negated: false }]],
  ['header:content-type=application/json*', [{ kind: 'header', name: 'content-type', value: 'application/json', prefix: true, negated: false }]],
  ['header:"user-agent=Stripe/1.0 (+https://stripe.com)"', [{ kind: 'header', name: 'user-agent', value: 'Stripe/1.0 (+https://stripe.com)', prefix: false, negated: false }]],
  ['size>10kb', [{ kind: 'size', op: '>', bytes: 10240, negated: false }]],
  ['size<=500', [{ kind: 'size', op: '<=', bytes: 500, negated: false }]],
  ['-size>1.5mb', [{ kind: 'size', op: '>', bytes: 1572864, negated: true }]],
  ['after:2026-11-30', [{ kind: 'after', at: UTC('2026-11-30T00:00:00Z'), negated: false }]],
  ['before:2026-11-30T12:30', [{ kind: 'before', at: UTC('2026-11-30T12:30:00Z'), negated: false }]],
  ['after:2026-11-30T12:30:00+02:00', [{ kind: 'after', at: UTC('2026-11-30T10:30:00Z'), negated: false }]],
  ['retry:yes', [{ kind: 'retry', retry: true, negated: false }]],
  ['retry:no', [{ kind: 'retry', retry: false, negated: false }]],
  ['document:failed', [{ kind: 'document', state: 'failed', negated: false }]],
  ['via:tunnel', [{ kind: 'via', via: 'tunnel', negated: false }]],
];

const refused: [query: string, message: RegExp][] = [
  ['"unclosed', /quote is not closed/],
  ['stauts:500', /unknown field "stauts:"/],
  ['status:600', /not a status/],
  ['status:abc', /not a status/],
  ['verified:maybe', /not one of valid, invalid, missing, unverified/],
  ['retry:perhaps', /not one of yes, no/],
  ['document:lost', /not one of archived, failed, pending/],
  ['via:carrier-pigeon', /not one of tunnel, direct, import/],
  ['after:yesterday', /not a date/],
  ['before:2026-13-45', /not a valid date/],
  ['size>lots', /not a size/],
  ['method:', /value is missing/],
  ['endpoint:Not_A_Slug!', /not an endpoint slug/],
  ['header:b@d', /not a header name/],
  ['header:x=', /value after "=" is missing/],
  ['ev*t', /only at the end/],
  ['provider:stripe*', /no "\*" prefix/],
  ['{}', /no letter or digit/],
  ['x'.repeat(1001), /longer than 1000 characters/],
  [Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '), /more than 32 terms/],
];

describe('search grammar', () => {
  for (const [query, terms] of accepted) {
    it(`parses ${JSON.stringify(query.length > 60 ? query.slice(0, 60) + '…' : query)}`, () => {
      assert.deepEqual(parseQuery(query), terms);
    });
  }
  for (const [query, message] of refused) {
    it(`refuses ${JSON.stringify(query.length > 40 ? query.slice(0, 40) + '…' : query)} with a clear message`, () => {
      assert.throws(() => parseQuery(query), (error: unknown) => error instanceof QuerySyntaxError && message.test(error.message));
    });
  }
});

describe('search plan', () => {
  it('keeps identifiers whole and phrases adjacent: FTS strings over the text column', () => {
    const plan = planSearch(parseQuery('evt_1Nx* "payment failed" -ping'));
    assert.deepEqual(plan.include, ['t : "evt_1Nx"*', 't : "payment failed"']);
    assert.deepEqual(plan.exclude, ['t : "ping"']);
  });

  it('matches facts fixed at capture in their own column, so a body word cannot forge them', () => {
    const plan = planSearch(parseQuery('method:POST via:tunnel header:X-Hub-Signature-256'));
    assert.deepEqual(plan.include, ['f : "m_post"', 'f : "via_tunnel"', 'f : "h_x-hub-signature-256"']);
  });

  it('turns later facts into facet tokens, negated ones excluded; retry:no is "not a retry"', () => {
    const plan = planSearch(parseQuery('status:5xx -verified:valid event:invoice.* retry:no document:failed provider:github'));
    assert.deepEqual(plan.facets, [
      { token: 'status:5xx', negated: false, prefix: false },
      { token: 'verified:valid', negated: true, prefix: false },
      { token: 'event:invoice.', negated: false, prefix: true },
      { token: 'retry:yes', negated: true, prefix: false },
      { token: 'document:failed', negated: false, prefix: false },
      { token: 'provider:github', negated: false, prefix: false },
    ]);
  });

  it('checks dates, exact sizes and header values on the row, with the index narrowing first', () => {
    const plan = planSearch(parseQuery('size>10kb after:2026-11-30 -before:2026-01-01 header:x-github-event=push'));
    assert.match(plan.include[0]!, /^f : \(z_14 OR z_15 OR /);
    assert.deepEqual(plan.include.slice(1), ['f : "h_x-github-event"', 't : "push"']);
    assert.deepEqual(
      plan.conditions.map((c) => [c.sql.replace(/\s+/g, ' ').slice(0, 40), c.params]),
      [
        ['d.body_size > ?', [10240]],
        ['d.received_at >= ?', [UTC('2026-11-30T00:00:00Z')]],
        ['NOT (d.received_at < ?)', [UTC('2026-01-01T00:00:00Z')]],
        ['EXISTS (SELECT 1 FROM json_each(d.raw_he', ['x-github-event', 'push']],
      ],
    );
  });
});
