// Secrets at rest in the desktop app: sealed by Electron's safeStorage, i.e. by a key the OS
// keeps for this user (macOS Keychain, Windows DPAPI, the Secret Service / KWallet on Linux).
// On Linux without a keyring Chromium falls back to its `basic_text` backend, whose key is a
// constant baked into Chromium: that is obfuscation, not protection, so the box says so
// (kind 'plain-text', protectsSecrets false) and the app tells the user.
// Only type imports from Electron: the tests pass a fake safeStorage.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { KeyFileSecretBox, type SecretBox } from '../core/index.js';

export type SafeStorageLike = Pick<
  SafeStorage,
  'encryptString' | 'decryptString' | 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'setUsePlainTextEncryption'
>;

/**
 * First byte of what this box seals. KeyFileSecretBox (used by `hookscope serve`, which shares
 * the data folder) starts its blobs with 1; safeStorage output gets 2 in front, so each blob says
 * who can open it.
 */
export const SAFE_STORAGE_FORMAT = 2;
const KEY_FILE_FORMAT = 1;

export interface SafeStorageSecretBoxOptions {
  platform?: NodeJS.Platform;
  /** Opens blobs sealed by `serve`'s key file (format 1), if that key file exists. */
  legacy?: () => SecretBox | null;
}

export class SafeStorageSecretBox implements SecretBox {
  readonly kind: 'safe-storage' | 'plain-text';
  readonly protectsSecrets: boolean;
  /** The Linux backend in use ('gnome_libsecret', 'kwallet5', 'basic_text', …), or the OS store. */
  readonly backend: string;
  private readonly legacy: () => SecretBox | null;
  private legacyBox: SecretBox | null | undefined;

  /** Call after app 'ready': safeStorage picks its backend then. */
  constructor(
    private readonly storage: SafeStorageLike,
    options: SafeStorageSecretBoxOptions = {},
  ) {
    const platform = options.platform ?? process.platform;
    this.legacy = options.legacy ?? (() => null);
    if (platform === 'linux') {
      let forcedPlainText = false;
      if (!storage.isEncryptionAvailable()) {
        // No keyring: without this Electron refuses to encrypt at all.
        storage.setUsePlainTextEncryption(true);
        forcedPlainText = true;
      }
      this.backend = storage.getSelectedStorageBackend();
      if (this.backend === 'unknown') throw new Error('SafeStorageSecretBox must be created after the app is ready');
      const plain = forcedPlainText || this.backend === 'basic_text';
      this.kind = plain ? 'plain-text' : 'safe-storage';
      this.protectsSecrets = !plain;
    } else {
      if (!storage.isEncryptionAvailable()) throw new Error('safeStorage encryption is not available');
      this.backend = platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : platform;
      this.kind = 'safe-storage';
      this.protectsSecrets = true;
    }
  }

  seal(secret: string): Buffer {
    // The synchronous API, because SecretBox is synchronous (Electron 45 deprecates it in favour
    // of encryptStringAsync, which would need an async SecretBox).
    return Buffer.concat([Buffer.from([SAFE_STORAGE_FORMAT]), this.storage.encryptString(secret)]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] === SAFE_STORAGE_FORMAT) return this.storage.decryptString(sealed.subarray(1));
    if (sealed[0] === KEY_FILE_FORMAT) {
      if (this.legacyBox === undefined) this.legacyBox = this.legacy();
      if (this.legacyBox) return this.legacyBox.open(sealed);
      throw new Error('this secret was sealed by `hookscope serve` with a key file that is no longer in the data folder');
    }
    throw new Error('unknown sealed-secret format');
  }
}

/** Opens `serve`'s key-file blobs when its key file exists; never creates one. */
export function keyFileOpener(dataDir: string): () => SecretBox | null {
  return () => (existsSync(join(dataDir, 'secret.key')) ? new KeyFileSecretBox(dataDir) : null);
}

/**
 * The desktop app's SecretBox: safeStorage when it can encrypt (even with Linux's basic_text
 * backend, reported as plain-text), else — macOS without a usable Keychain — the same 0600 key
 * file `serve` uses.
 */
export function createDesktopSecretBox(storage: SafeStorageLike, dataDir: string, platform: NodeJS.Platform = process.platform): SecretBox {
  try {
    return new SafeStorageSecretBox(storage, { platform, legacy: keyFileOpener(dataDir) });
  } catch (error) {
    console.error(`hookscope: safeStorage is unavailable (${(error as Error).message}); sealing secrets with a key file instead`);
    return new KeyFileSecretBox(dataDir);
  }
}
