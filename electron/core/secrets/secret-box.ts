// Secrets at rest. Signing secrets are stored sealed; only the main process (the core) opens them,
// and only to hand them to the verifier or the re-signer. The desktop app seals with Electron's
// safeStorage (OS keychain); headless `serve` seals with a random key kept in a 0600 file in the
// data folder, which protects against a copied database, not against the same user account.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretBox {
  /** Who protects the key, shown to the user. */
  readonly kind: 'safe-storage' | 'key-file' | 'plain-text';
  /** False when the secrets are effectively stored in clear (e.g. safeStorage's basic_text backend). */
  readonly protectsSecrets: boolean;
  seal(secret: string): Buffer;
  open(sealed: Buffer): string;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a key from `<dataDir>/secret.key` (created 0600 on first use). */
export class KeyFileSecretBox implements SecretBox {
  readonly kind = 'key-file' as const;
  readonly protectsSecrets = true;
  private readonly key: Buffer;

  constructor(dataDir: string) {
    this.key = loadOrCreateKey(join(dataDir, 'secret.key'));
  }

  seal(secret: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] !== VERSION || sealed.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('unknown sealed-secret format');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) {
    // Tighten a key file someone loosened; refuse one of the wrong size.
    if ((statSync(file).mode & 0o077) !== 0 && process.platform !== 'win32') chmodSync(file, 0o600);
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error(`${file} is not a 32-byte key; move it away to start with a new one (stored secrets are then lost)`);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

/** The last four characters, enough to recognise a secret without revealing it. */
export function secretHint(secret: string): string {
  return secret.length <= 8 ? '…' : `…${secret.slice(-4)}`;
}
