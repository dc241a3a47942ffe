// The delivery engine against fake answers, a fake clock and a recording sleep: how many attempts,
// in which order, with which waits (the provider's schedule divided by --speed), and the verdict's
// named rule. No network and no real waiting: the retry timing is asserted exactly here because
// the clock is ours.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { catalogueEntry } from '../../../electron/core/providers/index.js';
import type { SendOutcome } from '../../../electron/core/replay/send.js';
import { deliver, type DeliverDeps, ErrorBlock, rulesFor } from '../../../electron/core/trigger/index.js';

type Answer = { status: number; body?: string; headers?: HeaderPair[]; ms?: number } | { error: 'timeout' | 'connection_refused'; ms?: number };

function fakeDeps(answers: (n: number) => Answer) {
  let clock = 1_000_000;
  const sleeps: number[] = [];
  const sent: Array<{ headers: HeaderPair[]; at: number }> = [];
  const deps: DeliverDeps = {
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    send: async (outgoing, { timeoutMs }) => {
      sent.push({ headers: outgoing.headers, at: clock });
      const a = answers(sent.length);
      const ms = a.ms ?? 10;
      clock += Math.min(ms, timeoutMs);
      const outcome: SendOutcome =
        'error' in a || ms > timeoutMs
          ? { response: null, error: { code: 'error' in a ? a.error : 'timeout', message: 'error' in a && a.error === 'connection_refused' ? 'connection refused' : `no complete response within ${timeoutMs} ms` }, durationMs: Math.min(ms, timeoutMs) }
          : { response: { status: a.status, headers: a.headers ?? [], body: Buffer.from(a.body ?? ''), bodySize: (a.body ?? '').length, truncated: false }, error: null, durationMs: ms };
      return outcome;
    },
  };
  return { deps, sleeps, sent };
}

const request = (n: number, reason: string | null) => ({
  outgoing: { method: 'POST', url: 'http://127.0.0.1:9/hook', headers: [['X-Attempt', `${n}:${reason}`]] as HeaderPair[], body: Buffer.from('{}') },
  recordedHeaders: [],
});

describe('the trigger delivery engine', () => {
  it('retries a 500 on the provider\'s schedule, each wait divided by speed, in order, then gives up', async () => {
    const rules = rulesFor(catalogueEntry('standard-webhooks'), 'provider');
    const { deps, sleeps, sent } = fakeDeps(() => ({ status: 500 }));
    const result = await deliver({ rules, speed: 1000, request }, deps);
    assert.equal(result.attempts.length, 8, 'Svix: the first attempt and 7 retries');
    assert.deepEqual(sleeps, [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000].map((ms) => ms / 1000));
    assert.deepEqual(result.attempts.map((a) => a.number), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(result.attempts.map((a) => a.scheduledDelayMs), [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    assert.deepEqual(sent.map((s) => s.headers[0]![1]), ['1:null', '2:http_error', '3:http_error', '4:http_error', '5:http_error', '6:http_error', '7:http_error', '8:http_error']);
    assert.equal(result.verdict.met, false);
    assert.equal(result.verdict.rule, 'status');
    assert.match(result.verdict.message, /^Standard Webhooks \/ Svix would count this as failed: answered 500; .*requires any 2xx; it retried after 5 s, after 5 min, .* and gave up: all 8 attempts failed/);
  });

  it('scales the waits with speed: ten times the speed, a tenth of each wait', async () => {
    const rules = rulesFor(catalogueEntry('slack'), 'provider');
    const slow = fakeDeps(() => ({ status: 503 }));
    const fast = fakeDeps(() => ({ status: 503 }));
    await deliver({ rules, speed: 10, request }, slow.deps);
    await deliver({ rules, speed: 100, request }, fast.deps);
    assert.deepEqual(slow.sleeps, [0, 6_000, 30_000]);
    assert.deepEqual(fast.sleeps, slow.sleeps.map((ms) => ms / 10));
  });

  it('stops at the first accepted retry and says which attempt got through; the first answer decides the verdict', async () => {
    const rules = rulesFor(catalogueEntry('slack'), 'provider');
    const { deps } = fakeDeps((n) => (n < 3 ? { status: 500 } : { status: 200 }));
    const result = await deliver({ rules, speed: 1e6, request }, deps);
    assert.equal(result.attempts.length, 3);
    assert.equal(result.verdict.met, false);
    assert.equal(result.verdict.metOnAttempt, 3);
    assert.match(result.verdict.message, /it retried at once, after 1 min \(waited 1000000× faster\); attempt 3 was accepted/);
  });

  it('stops retrying when the handler answers the provider\'s stop header (Slack\'s X-Slack-No-Retry: 1)', async () => {
    const rules = rulesFor(catalogueEntry('slack'), 'provider');
    const { deps, sent } = fakeDeps(() => ({ status: 500, headers: [['x-slack-no-retry', '1']] }));
    const result = await deliver({ rules, speed: 1e6, request }, deps);
    assert.equal(sent.length, 1);
    assert.equal(result.stopped, 'stop-header');
    assert.match(result.verdict.message, /X-Slack-No-Retry: 1, so Slack does not retry/);
  });

  it('cuts the schedule at maxAttempts and says how many retries were not sent', async () => {
    const rules = rulesFor(catalogueEntry('standard-webhooks'), 'provider');
    const { deps, sent } = fakeDeps(() => ({ status: 500 }));
    const result = await deliver({ rules, speed: 1e6, request, maxAttempts: 2 }, deps);
    assert.equal(sent.length, 2);
    assert.equal(result.stopped, 'max-attempts');
    assert.match(result.verdict.message, /6 more retries on its schedule/);
  });

  it('names the deadline when a slow handler outlives the provider\'s timeout, and says what comes next', async () => {
    const rules = rulesFor(catalogueEntry('pdfgorilla'), 'provider');
    const { deps } = fakeDeps(() => ({ status: 200, ms: 6_200 }));
    const result = await deliver({ rules, speed: 1, request }, deps);
    assert.equal(result.attempts.length, 1, 'PDF Gorilla documents no retry');
    assert.equal(result.verdict.rule, 'deadline');
    assert.match(result.verdict.message, /^PDF Gorilla would count this as failed: no answer within 5 s \(PDF Gorilla's limit\).*documents no retry.*GET \/api\/v1\/jobs\/\{jobId\}/);
  });

  it('holds Adobe to 200 with {"ack":"done"}: another body, or another 2xx, fails', async () => {
    const rules = rulesFor(catalogueEntry('adobe'), 'provider');
    const cases: Array<[Answer, string]> = [
      [{ status: 200, body: '{"ack":"done"}' }, 'met'],
      [{ status: 200, body: '{"ack":"done","extra":1}' }, 'met'],
      [{ status: 200, body: '{"ok":true}' }, 'ack-body'],
      [{ status: 200, body: '' }, 'ack-body'],
      [{ status: 200, body: '["ack","done"]' }, 'ack-body'],
      [{ status: 202, body: '{"ack":"done"}' }, 'status'],
      [{ error: 'connection_refused' }, 'unreachable'],
    ];
    for (const [answer, rule] of cases) {
      const result = await deliver({ rules, speed: 1, request }, fakeDeps(() => answer).deps);
      assert.equal(result.verdict.rule, rule, JSON.stringify(answer));
    }
  });

  it('blocks Adobe\'s notifications after 50 errors in 10 minutes, for 20 minutes', async () => {
    const rules = rulesFor(catalogueEntry('adobe'), 'provider');
    const block = new ErrorBlock(rules.errorBlock!);
    const { deps, sent } = fakeDeps(() => ({ status: 500 }));
    let last;
    for (let i = 0; i < 50; i++) last = await deliver({ rules, speed: 1, request, errorBlock: block }, deps);
    assert.equal(sent.length, 50);
    assert.match(last!.verdict.message, /now blocks its notifications until/);
    const blocked = await deliver({ rules, speed: 1, request, errorBlock: block }, deps);
    assert.equal(sent.length, 50, 'nothing is sent while blocked');
    assert.equal(blocked.verdict.rule, 'blocked');
    assert.equal(block.blockedUntil(deps.now() + 20 * 60_000), null, 'the block ends after 20 minutes');
  });

  it('counts Adobe errors only inside the 10-minute window', () => {
    const block = new ErrorBlock({ errors: 50, windowMs: 600_000, blockMs: 1_200_000 });
    for (let i = 0; i < 49; i++) block.record(i * 1000, false);
    block.record(700_000, false);
    assert.equal(block.blockedUntil(700_001), null, 'the early errors left the window');
    assert.equal(block.errorsIn(700_000), 1);
  });

  it('with --contract none sends once and asks only for a 2xx', async () => {
    const rules = rulesFor(catalogueEntry('adobe'), 'none');
    const ok = await deliver({ rules, speed: 1, request }, fakeDeps(() => ({ status: 204 })).deps);
    assert.equal(ok.verdict.met, true);
    const { deps, sent } = fakeDeps(() => ({ status: 500 }));
    const failed = await deliver({ rules: rulesFor(catalogueEntry('slack'), 'none'), speed: 1, request }, deps);
    assert.equal(sent.length, 1);
    assert.equal(failed.verdict.rule, 'status');
    assert.match(failed.verdict.message, /^Not met: answered 500; a 2xx is needed/);
  });

  it('quotes a hostile response body as data in the verdict', async () => {
    const rules = rulesFor(catalogueEntry('adobe'), 'provider');
    const result = await deliver({ rules, speed: 1, request }, fakeDeps(() => ({ status: 200, body: '\u001b]0;pwned\u0007<script>' })).deps);
    assert.ok(!result.verdict.message.includes('\u001b'));
    assert.match(result.verdict.message, /"\\u001b\]0;pwned\\u0007<script>"/);
  });
});
