import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KeyFileSecretBox, secretHint } from '../../electron/core/secrets/secret-box.js';
import { makeDataDir } from '../helpers/data-dir.js';

describe('key-file SecretBox', () => {
  it('seals and opens; the sealed form is neither the secret nor deterministic', async () => {
    const data = await makeDataDir();
    try {
      const box = new KeyFileSecretBox(data.dir);
      const a = box.seal('whsec_abc');
      const b = box.seal('whsec_abc');
      assert.notDeepEqual(a, b, 'a fresh IV each time');
      assert.ok(!a.toString('latin1').includes('whsec_abc'));
      assert.equal(box.open(a), 'whsec_abc');
      assert.equal(new KeyFileSecretBox(data.dir).open(b), 'whsec_abc', 'the key persists across restarts');
      assert.equal(statSync(join(data.dir, 'secret.key')).mode & 0o777, 0o600);
    } finally {
      await data.remove();
    }
  });

  it('refuses a tampered sealed secret and a foreign key', async () => {
    const one = await makeDataDir();
    const two = await makeDataDir();
    try {
      const sealed = new KeyFileSecretBox(one.dir).seal('secret');
      const flipped = Buffer.from(sealed);
      flipped[flipped.length - 1]! ^= 1;
      assert.throws(() => new KeyFileSecretBox(one.dir).open(flipped));
      assert.throws(() => new KeyFileSecretBox(two.dir).open(sealed));
      writeFileSync(join(two.dir, 'secret.key'), 'short');
      assert.throws(() => new KeyFileSecretBox(two.dir), /not a 32-byte key/);
    } finally {
      await one.remove();
      await two.remove();
    }
  });

  it('hints with the last four characters only, and nothing for short secrets', () => {
    assert.equal(secretHint('whsec_1234567890abcd'), '…abcd');
    assert.equal(secretHint('short'), '…');
  });
});
