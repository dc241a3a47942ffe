import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import {
  assertStatus,
  binaryBody,
  fixedNow,
  goShiipShipment,
  hmacOf,
  NOW_S,
  pdfGorillaCompleted,
  pdfGorillaFailed,
  request,
  tamper,
} from '../../fixtures/signing.js';

const pdfgSecret = 'at-least-32-random-bytes-please-0123';
const goShiipSecret = 'your_secret_key';
const pdfg: VerificationConfig = { scheme: 'pdfgorilla', secret: pdfgSecret };
const goshiip: VerificationConfig = { scheme: 'goshiip', secret: goShiipSecret };

/** The documented recipe, verbatim: hex(HMAC-SHA256(secret, rawBody)). */
const docRecipe = (secret: string, body: string | Buffer) => hmacOf('sha256', secret, body, 'hex');

describe('PDF Gorilla (x-pdfg-signature)', () => {
  it('accepts the completed and failed samples signed with the documented recipe', () => {
    for (const body of [pdfGorillaCompleted, pdfGorillaFailed]) {
      const result = verify(request([['x-pdfg-signature', docRecipe(pdfgSecret, body)]], body), pdfg, fixedNow);
      assertStatus(result, 'valid');
      assert.equal(result.scheme, 'pdfgorilla');
      assert.equal(result.details.expected, docRecipe(pdfgSecret, body));
      assert.equal(result.details.signedContentPreview, body.length <= 200 ? body : `${body.slice(0, 200)}… (${body.length} characters)`);
    }
  });

  it('looks the header up case-insensitively', () => {
    const result = verify(request([['X-PDFG-Signature', docRecipe(pdfgSecret, pdfGorillaCompleted)]], pdfGorillaCompleted), pdfg, fixedNow);
    assertStatus(result, 'valid');
  });

  it('rejects a body with one byte changed', () => {
    const result = verify(request([['x-pdfg-signature', docRecipe(pdfgSecret, pdfGorillaCompleted)]], tamper(pdfGorillaCompleted)), pdfg, fixedNow);
    assertStatus(result, 'invalid', /secret is most likely wrong, or the body was changed/);
  });

  it('rejects a wrong secret and says so', () => {
    const result = verify(request([['x-pdfg-signature', docRecipe('another-secret', pdfGorillaCompleted)]], pdfGorillaCompleted), pdfg, fixedNow);
    assertStatus(result, 'invalid', /secret is most likely wrong/);
  });

  it('diagnoses a trailing newline in the secret set here, without accepting it', () => {
    const config: VerificationConfig = { scheme: 'pdfgorilla', secret: `${pdfgSecret}\n` };
    const result = verify(request([['x-pdfg-signature', docRecipe(pdfgSecret, pdfGorillaCompleted)]], pdfGorillaCompleted), config, fixedNow);
    assertStatus(result, 'invalid', /matches once the secret is trimmed.*a newline at its end/);
  });

  it('verifies a binary body over its exact bytes', () => {
    const result = verify(request([['x-pdfg-signature', docRecipe(pdfgSecret, binaryBody)]], binaryBody), pdfg, fixedNow);
    assertStatus(result, 'valid');
    assert.match(result.details.signedContentPreview ?? '', /^<binary: 512 bytes in all/);
    assertStatus(verify(request([['x-pdfg-signature', docRecipe(pdfgSecret, binaryBody)]], tamper(binaryBody)), pdfg, fixedNow), 'invalid');
  });

  it('checks the first of duplicated headers and says so', () => {
    const good = docRecipe(pdfgSecret, pdfGorillaCompleted);
    const headers: Array<[string, string]> = [['x-pdfg-signature', good], ['X-Pdfg-Signature', 'deadbeef']];
    const result = verify(request(headers, pdfGorillaCompleted), pdfg, fixedNow);
    assertStatus(result, 'valid', /x-pdfg-signature appears 2 times; the first was checked/);
  });

  it('is missing without its header', () => {
    assertStatus(verify(request([['content-type', 'application/json']], pdfGorillaCompleted), pdfg, fixedNow), 'missing', /No x-pdfg-signature header/);
  });
});

describe('GoShiip (X-Signature)', () => {
  it('accepts the sample signed with the documented recipe', () => {
    const result = verify(request([['X-Signature', docRecipe(goShiipSecret, goShiipShipment)]], goShiipShipment), goshiip, fixedNow);
    assertStatus(result, 'valid');
    assert.equal(result.scheme, 'goshiip');
  });

  it('rejects a tampered body and a wrong secret', () => {
    const signature = docRecipe(goShiipSecret, goShiipShipment);
    assertStatus(verify(request([['X-Signature', signature]], tamper(goShiipShipment)), goshiip, fixedNow), 'invalid');
    assertStatus(verify(request([['X-Signature', signature]], goShiipShipment), { scheme: 'goshiip', secret: 'nope' }, fixedNow), 'invalid', /secret is most likely wrong/);
  });

  it('diagnoses a sender that signed compact JSON but sent it pretty-printed', () => {
    const compact = JSON.stringify(JSON.parse(goShiipShipment));
    const result = verify(request([['X-Signature', docRecipe(goShiipSecret, compact)]], goShiipShipment), goshiip, fixedNow);
    assertStatus(result, 'invalid', /matches the body re-serialized as compact JSON \(JSON\.stringify\), not the bytes received: the sender signed a different serialization/);
  });

  it('diagnoses a sender that signed 2-space JSON but sent it compact', () => {
    const compact = JSON.stringify(JSON.parse(goShiipShipment));
    const pretty = JSON.stringify(JSON.parse(goShiipShipment), null, 2);
    const result = verify(request([['X-Signature', docRecipe(goShiipSecret, pretty)]], compact), goshiip, fixedNow);
    assertStatus(result, 'invalid', /re-serialized as 2-space indented JSON/);
  });

  it('diagnoses a newline added to the body after signing', () => {
    const result = verify(request([['X-Signature', docRecipe(goShiipSecret, goShiipShipment)]], `${goShiipShipment}\n`), goshiip, fixedNow);
    assertStatus(result, 'invalid', /without its final newline/);
  });

  it('diagnoses a base64 digest where hex is expected', () => {
    const base64 = hmacOf('sha256', goShiipSecret, goShiipShipment, 'base64');
    const result = verify(request([['X-Signature', base64]], goShiipShipment), goshiip, fixedNow);
    assertStatus(result, 'invalid', /right HMAC but base64-encoded, and this scheme expects hex/);
    assert.equal(result.details.received, base64);
  });
});

describe('generic HMAC recipe', () => {
  const secret = 'generic-secret';
  const base: VerificationConfig = { scheme: 'hmac', secret, header: 'X-Sig', algorithm: 'sha512', encoding: 'base64', prefix: 'sha512=' };

  it('verifies algorithm, encoding and prefix as configured', () => {
    const signature = `sha512=${hmacOf('sha512', secret, goShiipShipment, 'base64')}`;
    const result = verify(request([['x-sig', signature]], goShiipShipment), base, fixedNow);
    assertStatus(result, 'valid', /HMAC-SHA512 \(base64\) of the raw body/);
    assert.equal(result.details.expected, signature);
  });

  it('fills a template with the timestamp, id, method and url, and applies the tolerance', () => {
    const config: VerificationConfig = {
      scheme: 'hmac',
      secret,
      header: 'X-Sig',
      algorithm: 'sha256',
      encoding: 'hex',
      template: '{method} {url}\n{id}.{timestamp}.{body}',
      timestampHeader: 'X-Ts',
      idHeader: 'X-Id',
      toleranceSeconds: 60,
    };
    const sign = (ts: number) => hmacOf('sha256', secret, `POST /hooks/orders\nevt_1.${ts}.${goShiipShipment}`, 'hex');
    const at = (ts: number) => request([['X-Sig', sign(ts)], ['X-Ts', String(ts)], ['X-Id', 'evt_1']], goShiipShipment);
    assertStatus(verify(at(NOW_S - 10), config, fixedNow), 'valid');
    const stale = verify(at(NOW_S - 90), config, fixedNow);
    assertStatus(stale, 'invalid', /signature matches, but the timestamp is 90 s in the past \(tolerance 60 s\)/);
    assert.equal(stale.details.skewSeconds, 90);
    assertStatus(verify(request([['X-Sig', sign(NOW_S)]], goShiipShipment), config, fixedNow), 'invalid', /X-Ts is not/);
  });

  it('verifies a binary body with a template around it', () => {
    const config: VerificationConfig = { scheme: 'hmac', secret, header: 'X-Sig', algorithm: 'sha1', encoding: 'hex', template: 'v1:{body}' };
    const signature = hmacOf('sha1', secret, Buffer.concat([Buffer.from('v1:'), binaryBody]), 'hex');
    const result = verify(request([['X-Sig', signature]], binaryBody), config, fixedNow);
    assertStatus(result, 'valid');
    assert.match(result.details.signedContentPreview ?? '', /^v1:<binary: 515 bytes/);
  });

  it('diagnoses a key the sender base64-decodes while the config reads it as UTF-8', () => {
    const keyText = Buffer.from('raw key bytes!').toString('base64');
    const config: VerificationConfig = { scheme: 'hmac', secret: keyText, header: 'X-Sig', algorithm: 'sha256', encoding: 'hex' };
    const signature = hmacOf('sha256', Buffer.from(keyText, 'base64'), goShiipShipment, 'hex');
    const result = verify(request([['X-Sig', signature]], goShiipShipment), config, fixedNow);
    assertStatus(result, 'invalid', /read as base64 rather than utf8: set keyEncoding to base64/);
    assertStatus(verify(request([['X-Sig', signature]], goShiipShipment), { ...config, keyEncoding: 'base64' }, fixedNow), 'valid');
  });

  it('says when the signature is in neither encoding', () => {
    const result = verify(request([['X-Sig', 'not a signature!']], goShiipShipment), base, fixedNow);
    assertStatus(result, 'invalid', /not valid base64, the encoding this scheme uses/);
  });
});
