// End to end: a provider picked by name in the endpoint settings fills in its scheme and options
// from the catalogue; a delivery signed the provider's way is then "valid". A Slack url_verification
// to a Slack endpoint is answered with its challenge and shown as a handshake with what was answered.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { send } from '../helpers/http.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { EndpointSettingsPage } from './pages/endpoint-settings-page.js';
import type { InspectorPage } from './pages/inspector-page.js';

const TYPEFORM_SECRET = 'typeform-secret-e2e-0123456789';
const SLACK_SECRET = 'slack-signing-secret-e2e-0123456789';

describe('providers by name, and a handshake answered (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let settings: EndpointSettingsPage;
  let api: ControlClient;

  before(async () => {
    app = await startInspectorSession({ viewport: { width: 1440, height: 900 }, console: false });
    ({ api, page, inspector } = app);
    settings = new EndpointSettingsPage(page);
  });

  after(() => app?.close());

  const newestId = async (): Promise<number> => (await api.get('/api/deliveries?limit=1')).json.deliveries[0].id as number;

  it('picking Typeform fills in its HMAC recipe; a Typeform-signed delivery is valid', async () => {
    await settings.createEndpoint('typeform');
    await settings.open('typeform');
    await settings.chooseProvider('typeform');
    assert.equal(await settings.scheme.inputValue(), 'hmac');
    assert.equal(await settings.dialog.getByTestId('verification-option-header').inputValue(), 'Typeform-Signature');
    assert.equal(await settings.dialog.getByTestId('verification-option-encoding').inputValue(), 'base64');
    assert.equal(await settings.dialog.getByTestId('verification-option-prefix').inputValue(), 'sha256=');
    await settings.secret.fill(TYPEFORM_SECRET);
    await settings.saveAndWait();
    await settings.close();
    const saved = (await api.get('/api/endpoints')).json.endpoints.find((e: { slug: string }) => e.slug === 'typeform');
    assert.equal(saved.provider, 'typeform');

    // Typeform's documented recipe: sha256= + base64 HMAC-SHA256 of the raw body.
    const body = JSON.stringify({ event_id: '01HV1Y3N0', event_type: 'form_response', form_response: { form_id: 'lT4Z3j', answers: [] } });
    const signature = `sha256=${createHmac('sha256', TYPEFORM_SECRET).update(body).digest('base64')}`;
    assert.equal((await send(`${app.serve.captureUrl}/typeform`, { headers: ['Content-Type', 'application/json', 'Typeform-Signature', signature], body })).status, 200);
    const id = await newestId();
    await inspector.row(id).waitFor({ timeout: 10_000 });
    // The badge changes in place once the core has verified the delivery (just after answering it).
    const badge = inspector.verificationBadge(id);
    for (let i = 0; i < 200 && (await badge.innerText()).trim() !== 'valid'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await badge.innerText()).trim(), 'valid');
  });

  it('a Slack url_verification is answered with its challenge and shown as a handshake', async () => {
    await settings.createEndpoint('slack');
    await settings.open('slack');
    await settings.chooseProvider('slack');
    assert.equal(await settings.scheme.inputValue(), 'slack');
    await settings.dialog.getByTestId('handshake-settings').waitFor();
    assert.equal(await settings.dialog.getByTestId('endpoint-handshakes').isChecked(), true);
    await settings.secret.fill(SLACK_SECRET);
    await settings.saveAndWait();
    await settings.close();

    const challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P';
    const response = await send(`${app.serve.captureUrl}/slack`, {
      headers: ['Content-Type', 'application/json'],
      body: JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge, type: 'url_verification' }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body.toString()), { challenge });

    const id = await newestId();
    await inspector.row(id).getByTestId('handshake-marker').waitFor({ timeout: 10_000 });
    await inspector.openDelivery(id);
    const panel = inspector.detail.getByTestId('handshake-panel');
    await panel.waitFor({ timeout: 10_000 });
    assert.match(await panel.innerText(), /Slack url_verification/);
    assert.match(await panel.getByTestId('handshake-answered').innerText(), /echoed the challenge/);
    assert.deepEqual(app.problems, []);
  });
});
