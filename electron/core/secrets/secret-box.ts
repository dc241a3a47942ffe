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

/** AES-256-GCM with a 32-byte key: what the key file and the team key share. */
export class AesGcmSecretBox implements SecretBox {
  readonly kind: SecretBox['kind'] = 'key-file';
  readonly protectsSecrets = true;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
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

/** AES-256-GCM with a key from `<dataDir>/secret.key` (created 0600 on first use). */
export class KeyFileSecretBox extends AesGcmSecretBox {
  override readonly kind = 'key-file' as const;

  constructor(dataDir: string) {
    super(loadOrCreateKey(join(dataDir, 'secret.key')));
  }
}

/**
 * The team key (team mode): 32 bytes written as base64 or hex (`openssl rand -base64 32`), from a
 * file or the HOOKSCOPE_TEAM_KEY environment variable. Secrets of shared endpoints are sealed with
 * it in PostgreSQL; a node without it sees deliveries but cannot open the secrets to verify.
 */
export function parseTeamKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('the team key must be 32 bytes written as base64 or hex (make one with: openssl rand -base64 32)');
  return key;
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
