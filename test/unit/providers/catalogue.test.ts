// The catalogue, provider by provider: a sample signed the provider's way (test/fixtures/
// provider-signers.ts, official libraries where they exist) verifies with the endpoint config the
// catalogue says to use (scheme + options + the pasted secret), and fails tampered, with the wrong
// key and, where the scheme signs a timestamp, when stale. Schemes still on the schemes branch skip.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { providerList, verificationSchemes, type HeaderPair, type ProviderId } from '../../../electron/contract/index.js';
import { providerCatalogue, type ProviderEntry } from '../../../electron/core/providers/index.js';
import { recognize } from '../../../electron/core/recognize/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { flipMiddleByte, providerSigners, type SignContext, type Signed } from '../../fixtures/provider-signers.js';

const NOW_MS = Date.now();
const NOW_S = Math.floor(NOW_MS / 1000);
const PUBLIC_ORIGIN = 'https://hooks.example.test';
const STALE_BY_S = 3 * 3600;

const signedProviders = providerCatalogue.filter((e): e is ProviderEntry & { verification: NonNullable<ProviderEntry['verification']> } => e.verification !== null);
const available = new Set<string>(verificationSchemes);

function contextFor(entry: ProviderEntry, nowS = NOW_S): SignContext {
  return { nowS, calledUrl: `${PUBLIC_ORIGIN}/${entry.id}${entry.sample.path}` };
}

function check(entry: ProviderEntry & { verification: { scheme: string } }, signed: Signed, secret: string) {
  const signer = providerSigners[entry.id as ProviderId]!;
  const config = { ...entry.verification.options, ...signer.options, scheme: entry.verification.scheme, secret } as unknown as VerificationConfig;
  const input = {
    method: entry.sample.method,
    url: `/${entry.id}${entry.sample.path}`,
    headers: signed.headers as HeaderPair[],
    body: signed.body,
    publicUrl: PUBLIC_ORIGIN,
  };
  return verify(input, config, () => NOW_MS);
}

describe('the provider catalogue', () => {
  it('holds 40 or more providers that sign, each with a signer', () => {
    assert.ok(signedProviders.length >= 40, `${signedProviders.length} providers sign`);
    const unsigned = signedProviders.filter((e) => !providerSigners[e.id as ProviderId]).map((e) => e.id);
    assert.deepEqual(unsigned, []);
  });

  it('lists in the contract (for the UI) exactly the providers it describes', () => {
    assert.deepEqual(providerCatalogue.map((e) => e.id).sort(), providerList.map((p) => p.id).sort());
    assert.equal(new Set(providerCatalogue.map((e) => e.id)).size, providerCatalogue.length);
  });

  it('has a docs link and a delivery contract for every provider', () => {
    for (const entry of providerCatalogue) {
      assert.match(entry.docs, /^https:\/\//, entry.id);
      assert.ok(entry.delivery.source.length > 0 && entry.delivery.retries.length > 0, entry.id);
      assert.ok(entry.delivery.response.status >= 200 && entry.delivery.response.status < 300, entry.id);
    }
  });
});

describe('each provider, signed its way', () => {
  for (const entry of signedProviders) {
    const { scheme } = entry.verification;
    const skip = available.has(scheme) ? false : `scheme ${scheme} lands with the schemes branch`;
    describe(`${entry.name} (${scheme})`, { skip }, () => {
      const signer = providerSigners[entry.id as ProviderId]!;

      it('valid: the sample signed by the provider verifies with the catalogue’s config', async () => {
        const signed = await signer.sign(entry.sample, contextFor(entry));
        if (signer.oracle) assert.ok(await signer.oracle(signed, contextFor(entry)), 'the official library accepts the signed sample');
        const result = check(entry, signed, signer.secret);
        assert.equal(result.status, 'valid', result.reason);
      });

      it('tampered: a changed body is invalid', { skip: signer.tamper === null && 'the scheme signs no content (a shared credential)' }, async () => {
        const signed = await signer.sign(entry.sample, contextFor(entry));
        const tampered = (signer.tamper ?? flipMiddleByte)(signed);
        assert.notDeepEqual(tampered.body, signed.body);
        const result = check(entry, tampered, signer.secret);
        assert.equal(result.status, 'invalid', result.reason);
      });

      it('wrong key: invalid', async () => {
        const signed = await signer.sign(entry.sample, contextFor(entry));
        const result = check(entry, signed, signer.wrongSecret);
        assert.equal(result.status, 'invalid', result.reason);
      });

      it('stale timestamp: invalid', { skip: !signer.timestamped && 'the scheme signs no timestamp' }, async () => {
        const signed = await signer.sign(entry.sample, contextFor(entry, NOW_S - STALE_BY_S));
        const result = check(entry, signed, signer.secret);
        assert.equal(result.status, 'invalid', result.reason);
        assert.match(result.reason, /timestamp|tolerance|old|stale|s in the past/i);
      });
    });
  }
});

describe('each provider’s sample is recognised as that provider', () => {
  for (const entry of providerCatalogue.filter((e) => e.recognition !== null)) {
    it(entry.name, async () => {
      const signer = providerSigners[entry.id as ProviderId];
      const signed = signer ? await signer.sign(entry.sample, contextFor(entry)) : { headers: entry.sample.headers, body: Buffer.from(entry.sample.body) };
      const contentType = signed.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null;
      const info = recognize({ headers: signed.headers, body: signed.body, contentType });
      assert.equal(info?.id, entry.id, `recognised as ${info?.id ?? 'nothing'}`);
    });
  }
});

describe('the signers agree with the providers’ official libraries (whatever branch the scheme is on)', () => {
  for (const entry of signedProviders) {
    const signer = providerSigners[entry.id as ProviderId];
    if (!signer?.oracle) continue;
    it(entry.name, async () => {
      const signed = await signer.sign(entry.sample, contextFor(entry));
      assert.ok(await signer.oracle!(signed, contextFor(entry)), 'accepted as signed');
      assert.ok(!(await signer.oracle!(flipMiddleByte(signed), contextFor(entry))) || signer.tamper, 'a flipped byte is refused');
    });
  }
});
