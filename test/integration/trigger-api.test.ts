// The trigger methods of `hookscope serve`, over HTTP as the inspector and scripts call them: a
// template sent to the endpoint itself arrives, is captured, and verifies with the endpoint's own
// secret; sent to any URL it is judged with the provider's retries; runs are kept newest first,
// across restarts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TriggerRun } from '../../electron/contract/index.js';
import { startServeSession, type ControlClient, type ServeSession } from '../helpers/serve-session.js';
import { startTargetServer, type TargetServer } from '../helpers/target-server.js';

describe('serve: trigger routes', () => {
  let session: ServeSession;
  let api: ControlClient;
  let failing: TargetServer;
  before(async () => {
    session = await startServeSession();
    ({ api } = session);
    failing = await startTargetServer(() => ({ status: 500, body: '<h1>oops</h1>' }));
    await api.post('/api/endpoints', { slug: 'pdf' });
    await api.patch('/api/endpoints/pdf', { verification: { scheme: 'pdfgorilla', secret: 'endpoint-secret-0123456789' } });
  });
  after(async () => {
    await failing.close();
    await session.close();
  });

  it('lists the templates and previews one fresh', async () => {
    const { json: list } = await api.get('/api/trigger/templates?provider=goshiip');
    assert.deepEqual(list.templates.map((t: { id: string }) => t.id), ['goshiip.pending', 'goshiip.in_progress', 'goshiip.picked_up', 'goshiip.delivered']);
    assert.equal(list.templates[0].contract.deadline, '30 s');
    const a = await api.get('/api/trigger/templates/pdfgorilla.completed');
    const b = await api.get('/api/trigger/templates/pdfgorilla.completed');
    assert.equal(a.status, 200);
    assert.notEqual(JSON.parse(a.json.body).jobId, JSON.parse(b.json.body).jobId);
    assert.equal((await api.get('/api/trigger/templates/pdfgorilla.nothing')).status, 404);
  });

  it('sends to the endpoint itself, signed with its own secret: captured, and valid', async () => {
    const { status, json } = await api.post('/api/endpoints/pdf/trigger', { template: 'pdfgorilla.completed' });
    assert.equal(status, 200, JSON.stringify(json));
    const run = json as TriggerRun;
    assert.equal(run.signing.signed, true);
    assert.equal(run.verdict?.met, true, run.verdict?.message);
    assert.match(run.url, /\/pdf$/);
    const jobId = JSON.parse(run.body).jobId as string;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { json: page } = await api.get('/api/deliveries?endpoint=pdf&limit=1');
      const delivery = page.deliveries[0];
      if (delivery?.verification === 'valid' && delivery.provider) {
        assert.equal(delivery.provider.id, 'pdfgorilla', 'recognised as PDF Gorilla');
        assert.equal(delivery.provider.outcome, 'success');
        const { json: full } = await api.get(`/api/deliveries/${delivery.id}`);
        assert.ok(JSON.stringify(full.headers).includes(jobId), 'x-pdfg-event-id is the run\'s jobId');
        break;
      }
      assert.ok(Date.now() < deadline, `not verified: ${JSON.stringify(delivery)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('sends to any URL with the provider\'s retries, and keeps the runs newest first', async () => {
    const { json } = await api.post('/api/endpoints/pdf/trigger', { template: 'slack.message', target: 'url', url: failing.url, secret: 'slack-secret', speed: 1_000_000 });
    const run = json as TriggerRun;
    assert.equal(run.attempts.length, 4);
    assert.equal(run.verdict?.rule, 'status');
    assert.equal(run.attempts[0]!.response?.body, '<h1>oops</h1>', 'the handler\'s answer comes back as data');
    const { json: kept } = await api.get('/api/endpoints/pdf/trigger-runs');
    assert.deepEqual(kept.runs.slice(0, 2).map((r: TriggerRun) => r.templateId), ['slack.message', 'pdfgorilla.completed']);
  });

  it('refuses what it cannot do, saying why', async () => {
    const noForward = await api.post('/api/endpoints/pdf/trigger', { template: 'goshiip.delivered', target: 'forward' });
    assert.equal(noForward.status, 400);
    assert.match(noForward.json.error.message, /no forward target/);
    assert.equal((await api.post('/api/endpoints/pdf/trigger', { template: 'nope.nothing' })).status, 404);
    assert.equal((await api.post('/api/endpoints/pdf/trigger', { template: 'goshiip.delivered', target: 'url' })).status, 400);
    const privateKey = await api.post('/api/endpoints/pdf/trigger', { template: 'discord.ping', secret: 'x' });
    assert.equal(privateKey.status, 400);
    assert.match(privateKey.json.error.message, /private key/);
    assert.equal((await api.post('/api/endpoints/nowhere/trigger', { template: 'goshiip.delivered' })).status, 404);
  });

  it('keeps finished runs across a restart, and they go with their endpoint', async () => {
    await session.restart();
    ({ api } = session);
    const { json: kept } = await api.get('/api/endpoints/pdf/trigger-runs');
    assert.deepEqual(kept.runs.slice(0, 2).map((r: TriggerRun) => r.templateId), ['slack.message', 'pdfgorilla.completed']);
    assert.equal(kept.runs[0].attempts.length, 4, 'the attempts and the verdict are kept, not just the template');
    assert.equal(kept.runs[0].verdict.rule, 'status');
    assert.ok((await api.del('/api/endpoints/pdf')).status < 300);
    await api.post('/api/endpoints', { slug: 'pdf' });
    assert.deepEqual((await api.get('/api/endpoints/pdf/trigger-runs')).json.runs, []);
  });
});
