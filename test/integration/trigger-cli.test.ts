// `hookscope trigger` run as a user (or their CI) runs it: the built CLI, spawned, against loopback
// handlers. Exit 0 when the handler met the provider's contract, 1 when not, 2 for a wrong command;
// what was sent, each answer and the verdict printed; a secret that a header carries never printed.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeDataDir } from '../helpers/data-dir.js';
import { runTrigger } from '../helpers/serve-process.js';
import { deadPort, headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';

describe('hookscope trigger (the CLI)', () => {
  let ok: TargetServer;
  let failing: TargetServer;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  before(async () => {
    ok = await startTargetServer(() => ({ status: 200, body: 'thanks' }));
    failing = await startTargetServer(() => ({ status: 500, body: 'Internal \u001b[31mError' }));
    data = await makeDataDir();
  });
  after(async () => {
    await ok.close();
    await failing.close();
    await data.remove();
  });

  it('exits 0 when the handler meets the contract, printing the request, the answer and PASS', async () => {
    const result = await runTrigger(['goshiip.delivered', '--to', `${ok.url}/hooks/goshiip`, '--secret', 'goshiip-secret']);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /POST http:\/\/127\.0\.0\.1:\d+\/hooks\/goshiip/);
    assert.match(result.out, /X-Signature: [0-9a-f]{64}/);
    assert.match(result.out, /Attempt 1: 200 .* ok: answered 200/);
    assert.match(result.out, /\nPASS: GoShiip would accept this/);
    assert.equal(ok.received.at(-1)!.url, '/hooks/goshiip');
  });

  it('exits 1 when it does not, after the provider\'s retries (compressed by --speed), the body quoted as data', async () => {
    const before = failing.received.length;
    const result = await runTrigger(['slack.message', '--to', failing.url, '--secret', 'slack-secret', '--speed', '1000000']);
    assert.equal(result.code, 1, result.out + result.err);
    assert.equal(failing.received.length - before, 4, 'Slack: the first attempt and 3 retries');
    assert.match(result.out, /Attempt 4 \(after 5 min, waited [\d.]+ ms\): 500/);
    assert.match(result.out, /body: "Internal \\u001b\[31mError"/);
    assert.ok(!result.out.includes('\u001b'), 'no raw escape from the handler reaches the terminal');
    assert.match(result.out, /\nFAIL: Slack would count this as failed: answered 500/);
  });

  it('exits 1 when nothing listens, naming the cause', async () => {
    const result = await runTrigger(['pdfgorilla.failed', '--to', `http://127.0.0.1:${await deadPort()}/`, '--secret', 's']);
    assert.equal(result.code, 1);
    assert.match(result.out, /FAIL: PDF Gorilla would count this as failed: connection refused/);
  });

  it('exits 1 when the answer is a 2xx without the body Adobe requires; 0 with --contract none', async () => {
    assert.equal((await runTrigger(['adobe.done', '--to', ok.url, '--header', 'x-api-key: dummykey'])).code, 1);
    assert.equal(headerOf(ok.received.at(-1)!.headers, 'x-api-key'), 'dummykey');
    assert.equal((await runTrigger(['adobe.done', '--to', ok.url, '--contract', 'none'])).code, 0);
  });

  it('sends --data FILE as the body and edits the template with --set', async () => {
    const file = join(data.dir, 'body.json');
    await writeFile(file, '{"jobId":"from-file","status":"completed"}');
    assert.equal((await runTrigger(['pdfgorilla.completed', '--to', ok.url, '--data', file])).code, 0);
    assert.equal(ok.received.at(-1)!.body.toString(), '{"jobId":"from-file","status":"completed"}');
    assert.equal((await runTrigger(['pdfgorilla.completed', '--to', ok.url, '--set', 'jobId=edited', '--json'])).code, 0);
    assert.equal(JSON.parse(ok.received.at(-1)!.body.toString()).jobId, 'edited');
  });

  it('never prints a secret that a header carries (GitLab\'s token), though the handler receives it', async () => {
    const result = await runTrigger(['gitlab.push', '--to', ok.url], { HOOKSCOPE_SECRET: 'glpat-very-secret-token' });
    assert.equal(result.code, 0);
    assert.equal(headerOf(ok.received.at(-1)!.headers, 'X-Gitlab-Token'), 'glpat-very-secret-token');
    assert.ok(!result.out.includes('glpat-very-secret-token'));
    assert.match(result.out, /X-Gitlab-Token: \[redacted/);
  });

  it('lists the templates with each provider\'s contract', async () => {
    const result = await runTrigger(['--list', 'pdfgorilla']);
    assert.equal(result.code, 0);
    assert.match(result.out, /pdfgorilla\.completed +PDF Gorilla: job completed\n +deadline 5 s; answer any 2xx/);
    assert.match(result.out, /pdfgorilla\.canceled/);
    assert.ok(!result.out.includes('stripe.'));
  });

  for (const [args, message] of [
    [['nope.event', '--to', 'http://127.0.0.1:9/'], /no template "nope\.event"/],
    [['pdfgorilla.completed'], /needs --to URL/],
    [['pdfgorilla.completed', '--to', 'http://127.0.0.1:9/', '--contract', 'strict'], /--contract must be provider or none/],
    [['pdfgorilla.completed', '--to', 'http://127.0.0.1:9/', '--speed', '0'], /--speed "0" is not valid/],
    [['pdfgorilla.completed', '--to', 'http://127.0.0.1:9/', '--set', 'oops'], /expected path=value/],
    [['discord.ping', '--to', 'http://127.0.0.1:9/', '--secret', 'x'], /private key/],
    [['standard-webhooks.invoice.paid', '--to', 'http://127.0.0.1:9/', '--secret', 'not base64!'], /cannot sign|not base64/],
    [['pdfgorilla.completed', '--to', 'http://127.0.0.1:9/', '--bogus'], /Unknown option/],
  ] as const) {
    it(`exits 2 for a wrong command: ${args.join(' ')}`, async () => {
      const result = await runTrigger([...args]);
      assert.equal(result.code, 2, result.out + result.err);
      assert.match(result.err, message);
    });
  }
});
