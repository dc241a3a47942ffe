import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adobeErrorWindow,
  deadlineReport,
  isAcknowledged,
  planResponse,
  providerProfiles,
  responsePreset,
  validateFailureMode,
  WRONG_ACK_BODY,
  type FailureMode,
} from '../../electron/core/endpoints/failure-modes.js';
import { defaultResponseRule } from '../../electron/core/endpoints/response-rule.js';

const adobe = responsePreset('adobe');

describe('response presets', () => {
  it('Adobe: 200, application/json, {"ack":"done"}', () => {
    assert.deepEqual(adobe, { status: 200, headers: [['Content-Type', 'application/json']], body: '{"ack":"done"}', delayMs: 0 });
    assert.ok(isAcknowledged(providerProfiles.adobe, adobe.status, adobe.body));
  });

  it('PDF Gorilla and GoShiip: a fast 2xx', () => {
    for (const p of ['pdfgorilla', 'goshiip'] as const) {
      const rule = responsePreset(p);
      assert.equal(rule.status, 200);
      assert.equal(rule.delayMs, 0);
      assert.ok(isAcknowledged(providerProfiles[p], rule.status, rule.body));
    }
  });

  it('a preset is a copy: editing it does not change the table', () => {
    const rule = responsePreset('adobe');
    rule.headers.push(['X-Extra', '1']);
    rule.headers[0]![1] = 'text/plain';
    assert.deepEqual(responsePreset('adobe').headers, [['Content-Type', 'application/json']]);
  });

  it('deadlines as data: PDF Gorilla 5 s, GoShiip 30 s, Adobe none but the 50-error block', () => {
    assert.equal(providerProfiles.pdfgorilla.deadlineMs, 5_000);
    assert.equal(providerProfiles.goshiip.deadlineMs, 30_000);
    assert.equal(providerProfiles.adobe.deadlineMs, null);
    assert.deepEqual(providerProfiles.adobe.errorBlock, { errors: 50, windowMs: 600_000, blockMs: 1_200_000 });
  });

  it('Adobe acknowledgement: exactly 200 and ack = done (JSON, any spacing)', () => {
    const p = providerProfiles.adobe;
    assert.ok(isAcknowledged(p, 200, '{ "ack" : "done" }'));
    assert.ok(!isAcknowledged(p, 201, '{"ack":"done"}'));
    assert.ok(!isAcknowledged(p, 200, '{"received":true}'));
    assert.ok(!isAcknowledged(p, 200, '{"ack":"DONE"}'));
    assert.ok(!isAcknowledged(p, 200, 'done'));
    assert.ok(!isAcknowledged(p, 200, '["ack","done"]'));
    assert.ok(isAcknowledged(providerProfiles.goshiip, 204, ''));
  });
});

describe('failure modes', () => {
  const rule = { ...defaultResponseRule, delayMs: 10 };

  it('no mode: the rule as is', () => {
    assert.deepEqual(planResponse(rule, null, { nth: 1 }), { ...rule, injected: null });
  });

  it('fail-first N per endpoint: deliveries 1..N fail, then the rule', () => {
    const mode: FailureMode = { kind: 'fail-first', count: 2, status: 503 };
    const statuses = [1, 2, 3, 4].map((nth) => planResponse(rule, mode, { nth }).status);
    assert.deepEqual(statuses, [503, 503, 200, 200]);
    const failed = planResponse(rule, mode, { nth: 1 });
    assert.match(failed.injected ?? '', /fail-first 2: delivery 1 fails/);
    assert.equal(failed.delayMs, 10, 'keeps the rule delay');
    assert.equal(JSON.parse(failed.body).error.code, 'failure_mode');
  });

  it('fail-first N per event: counts the duplicate attempt, not the endpoint total', () => {
    const mode: FailureMode = { kind: 'fail-first', count: 1, per: 'event' };
    assert.equal(planResponse(rule, mode, { nth: 40, attempt: 1 }).status, 500);
    assert.equal(planResponse(rule, mode, { nth: 41, attempt: 2 }).status, 200);
    assert.equal(planResponse(rule, mode, { nth: 1, attempt: null }).status, 500, 'falls back to the endpoint count');
  });

  it('fail-percent: the injected random decides', () => {
    const mode: FailureMode = { kind: 'fail-percent', percent: 30 };
    assert.equal(planResponse(rule, mode, { nth: 1, random: () => 0.29 }).status, 500);
    assert.equal(planResponse(rule, mode, { nth: 1, random: () => 0.3 }).status, 200);
    assert.equal(planResponse(rule, { kind: 'fail-percent', percent: 0 }, { nth: 1, random: () => 0 }).status, 200);
    assert.equal(planResponse(rule, { kind: 'fail-percent', percent: 100 }, { nth: 1, random: () => 0.9999 }).status, 500);
    // Over many draws of a seeded generator the share is near the percentage.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const failures = Array.from({ length: 10_000 }, () => planResponse(rule, mode, { nth: 1, random }).status === 500).filter(Boolean).length;
    assert.ok(failures > 2_700 && failures < 3_300, `${failures}`);
  });

  it("after-deadline: the right answer, later than the provider's deadline", () => {
    const gorilla = planResponse(responsePreset('pdfgorilla'), { kind: 'after-deadline', provider: 'pdfgorilla' }, { nth: 1 });
    assert.equal(gorilla.status, 200);
    assert.equal(gorilla.delayMs, 6_000);
    const goshiip = planResponse(rule, { kind: 'after-deadline', provider: 'goshiip' }, { nth: 1 });
    assert.equal(goshiip.delayMs, 31_000);
    assert.equal(planResponse(rule, { kind: 'after-deadline', delayMs: 2_500 }, { nth: 1 }).delayMs, 2_500);
    assert.match(gorilla.injected ?? '', /after 6000 ms/);
  });

  it('wrong-ack: the status is kept, the body is not an ack', () => {
    const planned = planResponse(adobe, { kind: 'wrong-ack' }, { nth: 1 });
    assert.equal(planned.status, 200);
    assert.equal(planned.body, WRONG_ACK_BODY);
    assert.ok(!isAcknowledged(providerProfiles.adobe, planned.status, planned.body));
    assert.equal(planResponse(adobe, { kind: 'wrong-ack', body: 'ok', status: 202 }, { nth: 1 }).status, 202);
  });

  it('validates modes; an invalid one leaves the rule alone', () => {
    assert.equal(validateFailureMode({ kind: 'fail-first', count: 3 }), null);
    assert.match(validateFailureMode({ kind: 'fail-first', count: -1 }) ?? '', /count/);
    assert.match(validateFailureMode({ kind: 'fail-first', count: 1.5 }) ?? '', /count/);
    assert.match(validateFailureMode({ kind: 'fail-percent', percent: 101 }) ?? '', /percent/);
    assert.match(validateFailureMode({ kind: 'fail-percent', percent: 10, status: 99 }) ?? '', /status/);
    assert.match(validateFailureMode({ kind: 'after-deadline', provider: 'adobe' }) ?? '', /deadline/);
    assert.match(validateFailureMode({ kind: 'after-deadline', delayMs: 10 * 60_000 }) ?? '', /exceed/);
    assert.deepEqual(planResponse(rule, { kind: 'after-deadline', provider: 'adobe' }, { nth: 1 }), { ...rule, injected: null });
  });
});

describe('deadlineReport', () => {
  it('compares handling times with the deadline', () => {
    assert.deepEqual(deadlineReport(5_000, []), { deadlineMs: 5_000, count: 0, overDeadline: 0, p50Ms: null, p95Ms: null, maxMs: null, verdict: 'no-data' });
    assert.equal(deadlineReport(5_000, [10, 12, 40]).verdict, 'ok');
    assert.equal(deadlineReport(5_000, [10, 4_500]).verdict, 'close');
    const over = deadlineReport(5_000, [10, 20, 6_100, 30]);
    assert.equal(over.verdict, 'over');
    assert.equal(over.overDeadline, 1);
    assert.equal(over.maxMs, 6_100);
    assert.equal(over.p50Ms, 20);
    assert.equal(deadlineReport(null, [10]).verdict, 'no-deadline');
  });

  it('percentiles by nearest rank', () => {
    const times = Array.from({ length: 100 }, (_, i) => i + 1);
    const r = deadlineReport(30_000, times);
    assert.equal(r.p50Ms, 50);
    assert.equal(r.p95Ms, 95);
  });
});

describe('adobeErrorWindow', () => {
  const now = 1_000_000_000;
  const at = (minutesAgo: number) => now - minutesAgo * 60_000;

  it('counts the errors of the last 10 minutes: not 200, or not {"ack":"done"}', () => {
    const answers = [
      { at: at(1), status: 500, body: '' },
      { at: at(2), status: 200, body: '{"received":true}' },
      { at: at(3), status: 200, body: '{"ack":"done"}' },
      { at: at(4), status: 200, body: null },
      { at: at(11), status: 500, body: '' },
    ];
    assert.deepEqual(adobeErrorWindow(answers, now), { errorsLast10Min: 2, blockAt: 50, windowMs: 600_000, remaining: 48, blocked: false, blockedUntil: null });
  });

  it('50 errors within 10 minutes: blocked for 20 minutes from the 50th', () => {
    const answers = Array.from({ length: 50 }, (_, i) => ({ at: at(15) + i * 6_000, status: 500, body: 'x' }));
    const fiftieth = at(15) + 49 * 6_000;
    const r = adobeErrorWindow(answers, now);
    assert.equal(r.blocked, true);
    assert.equal(r.blockedUntil, fiftieth + 20 * 60_000);
    assert.equal(r.errorsLast10Min, 0, 'all older than 10 minutes, yet the block runs on');
    assert.equal(adobeErrorWindow(answers, fiftieth + 20 * 60_000 + 1).blocked, false);
  });

  it('50 errors spread over more than 10 minutes do not block', () => {
    const answers = Array.from({ length: 50 }, (_, i) => ({ at: at(30) + i * 13_000, status: 500, body: 'x' }));
    assert.equal(adobeErrorWindow(answers, now).blocked, false);
  });
});
