import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertStatus, fixedNow, request } from '../../fixtures/signing.js';

const body = '{"event":"PDF_SERVICES_JOB_COMPLETED"}';

describe('shared header value (header)', () => {
  const value = 'x-adobe-notifier-token-7f3a';
  const config: VerificationConfig = { scheme: 'header', secret: value, header: 'X-Notifier-Token' };

  it('accepts the exact value, looking the header up case-insensitively', () => {
    const result = verify(request([['x-notifier-token', value]], body), config, fixedNow);
    assertStatus(result, 'valid');
    assert.equal(result.details.received, `(hidden, ${value.length} characters)`);
  });

  it('rejects another value, and names a case or whitespace difference', () => {
    assertStatus(verify(request([['X-Notifier-Token', 'other']], body), config, fixedNow), 'invalid', /does not carry the expected value/);
    assertStatus(verify(request([['X-Notifier-Token', value.toUpperCase()]], body), config, fixedNow), 'invalid', /only when case is ignored/);
    assertStatus(verify(request([['X-Notifier-Token', value]], body), { ...config, secret: `${value}\n` }, fixedNow), 'invalid', /trimmed/);
  });

  it('is missing without the header', () => {
    assertStatus(verify(request([], body), config, fixedNow), 'missing', /No X-Notifier-Token header/);
  });
});

describe('HTTP Basic authentication (basic)', () => {
  const secret = 'hookscope:correct horse battery staple';
  const config: VerificationConfig = { scheme: 'basic', secret };
  const basic = (credentials: string) => [['Authorization', `Basic ${Buffer.from(credentials).toString('base64')}`]] as Array<[string, string]>;

  it('accepts the configured user:password and shows only the user name', () => {
    const result = verify(request(basic(secret), body), config, fixedNow);
    assertStatus(result, 'valid');
    assert.equal(result.details.received, 'Basic, user "hookscope", password hidden');
  });

  it('tells a wrong password from a wrong user', () => {
    assertStatus(verify(request(basic('hookscope:wrong'), body), config, fixedNow), 'invalid', /user name matches but the password does not/);
    assertStatus(verify(request(basic('someone:else'), body), config, fixedNow), 'invalid', /user name does not match/);
  });

  it('diagnoses a trailing newline in the secret set here', () => {
    assertStatus(verify(request(basic(secret), body), { scheme: 'basic', secret: `${secret}\n` }, fixedNow), 'invalid', /trimmed/);
  });

  it('rejects other credential kinds and is missing without Authorization', () => {
    assertStatus(verify(request([['Authorization', 'Bearer abc.def']], body), config, fixedNow), 'invalid', /"Bearer" credentials, not Basic/);
    assertStatus(verify(request([], body), config, fixedNow), 'missing', /No Authorization header/);
  });
});
