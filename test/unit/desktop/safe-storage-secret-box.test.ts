// SafeStorageSecretBox with a fake safeStorage, alone and inside a real core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KeyFileSecretBox } from '../../../electron/core/secrets/secret-box.js';
import {
  createDesktopSecretBox,
  keyFileOpener,
  SAFE_STORAGE_FORMAT,
  SafeStorageSecretBox,
  type SafeStorageLike,
} from '../../../electron/main/safe-storage-secret-box.js';
import { makeDataDir } from '../../helpers/data-dir.js';
import { startTestCore } from '../../helpers/core.js';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** A stand-in for Electron's safeStorage: reversible, visibly not the plain text. */
function fakeSafeStorage({ available = true, backend = 'gnome_libsecret' as Backend } = {}) {
  const calls: string[] = [];
  let plainTextForced = false;
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => available || plainTextForced,
    setUsePlainTextEncryption: (on: boolean) => {
      calls.push(`setUsePlainTextEncryption(${on})`);
      plainTextForced = on;
    },
    getSelectedStorageBackend: () => (plainTextForced ? 'basic_text' : backend),
    encryptString: (text: string) => Buffer.concat([Buffer.from('v11'), Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)]),
    decryptString: (sealed: Buffer) => {
      if (sealed.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return { storage, calls };
}

describe('SafeStorageSecretBox', () => {
  it('seals with safeStorage behind its own format byte, and opens what it sealed', () => {
    const box = new SafeStorageSecretBox(fakeSafeStorage().storage, { platform: 'linux' });
    const sealed = box.seal('whsec_test_secret');
    assert.equal(sealed[0], SAFE_STORAGE_FORMAT);
    assert.equal(sealed.includes(Buffer.from('whsec_test_secret')), false);
    assert.equal(box.open(sealed), 'whsec_test_secret');
  });

  it('reports a real keyring as safe-storage that protects secrets', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6'] as Backend[]) {
      const box = new SafeStorageSecretBox(fakeSafeStorage({ backend }).storage, { platform: 'linux' });
      assert.equal(box.kind, 'safe-storage');
      assert.equal(box.protectsSecrets, true);
    }
  });

  it('reports Linux basic_text (no keyring) plainly: plain-text, protectsSecrets false', () => {
    const box = new SafeStorageSecretBox(fakeSafeStorage({ backend: 'basic_text' }).storage, { platform: 'linux' });
    assert.equal(box.kind, 'plain-text');
    assert.equal(box.protectsSecrets, false);
  });

  it('turns on plain-text encryption when Linux has no keyring, and says so', () => {
    const { storage, calls } = fakeSafeStorage({ available: false, backend: 'basic_text' });
    const box = new SafeStorageSecretBox(storage, { platform: 'linux' });
    assert.deepEqual(calls, ['setUsePlainTextEncryption(true)']);
    assert.equal(box.kind, 'plain-text');
    assert.equal(box.protectsSecrets, false);
    assert.equal(box.open(box.seal('s3cret')), 's3cret');
  });

  it('uses the OS store on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const box = new SafeStorageSecretBox(fakeSafeStorage().storage, { platform });
      assert.equal(box.kind, 'safe-storage');
      assert.equal(box.protectsSecrets, true);
    }
  });

  it('refuses to start before the app is ready (backend unknown)', () => {
    assert.throws(() => new SafeStorageSecretBox(fakeSafeStorage({ backend: 'unknown' }).storage, { platform: 'linux' }), /after the app is ready/);
  });

  it("opens secrets `serve` sealed with its key file, and says so when that file is gone", async () => {
    const data = await makeDataDir();
    try {
      const sealedByServe = new KeyFileSecretBox(data.dir).seal('from-serve');
      const box = new SafeStorageSecretBox(fakeSafeStorage().storage, { platform: 'linux', legacy: keyFileOpener(data.dir) });
      assert.equal(box.open(sealedByServe), 'from-serve');
      const withoutKeyFile = new SafeStorageSecretBox(fakeSafeStorage().storage, { platform: 'linux' });
      assert.throws(() => withoutKeyFile.open(sealedByServe), /hookscope serve/);
      assert.throws(() => box.open(Buffer.from([9, 1, 2, 3])), /unknown sealed-secret format/);
    } finally {
      await data.remove();
    }
  });

  it('falls back to the key file where safeStorage cannot encrypt (macOS without Keychain)', async () => {
    const data = await makeDataDir();
    try {
      const box = createDesktopSecretBox(fakeSafeStorage({ available: false }).storage, data.dir, 'darwin');
      assert.equal(box.kind, 'key-file');
      assert.equal(box.open(box.seal('x')), 'x');
    } finally {
      await data.remove();
    }
  });
});

describe('SafeStorageSecretBox inside the core', () => {
  let test: Awaited<ReturnType<typeof startTestCore>>;
  before(async () => {
    test = await startTestCore({ secrets: new SafeStorageSecretBox(fakeSafeStorage({ backend: 'basic_text' }).storage, { platform: 'linux' }) });
  });
  after(() => test.stop());

  it('reaches the UI through system.info', () => {
    assert.deepEqual(test.core.api['system.info']().secretStorage, { kind: 'plain-text', protectsSecrets: false });
  });

  it('seals an endpoint secret the core can use again', async () => {
    const endpoint = await test.core.api['endpoints.create']({
      slug: 'github',
      verification: { scheme: 'github', secret: 'It’s a Secret to Everybody' },
    });
    assert.equal(endpoint.verification?.secretSet, true);
    assert.doesNotMatch(JSON.stringify(endpoint), /Secret to Everybody/);
  });
});
