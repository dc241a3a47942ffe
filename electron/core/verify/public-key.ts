// Reading the public key a user pasted into the secret field, for the asymmetric schemes. The
// field is shared with the HMAC schemes, so the commonest mistake is a shared secret (or a private
// key) pasted where a public key belongs; that is named here in one sentence, and the pasted text
// itself is never echoed (a private key or an HMAC secret is a secret).
// Accepted: PEM blocks (certificate, SPKI, PKCS#1; several in a row), a JWK or {keys:[…]} set or
// Plaid's {key:{…}}, base64 DER SPKI (SendGrid shows it so), and for Ed25519 the raw 32 bytes as
// hex (Discord) or `whpk_` + base64 (Standard Webhooks).
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { isBase64, isHex } from './hmac.js';

export type KeyKind = 'ed25519' | 'ec-p256' | 'rsa';

export type KeyRead = { keys: KeyObject[]; problem?: undefined } | { keys?: undefined; problem: string };

const KIND_NAMES: Record<KeyKind, string> = { ed25519: 'Ed25519', 'ec-p256': 'ECDSA P-256', rsa: 'RSA' };

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** `shape` says what the provider shows, e.g. "the 64 hex characters of the app's public key". */
export function readPublicKeys(secret: string, kind: KeyKind, shape: string): KeyRead {
  const text = secret.trim();
  const read = parseKeys(text, kind);
  if (read === 'private') return { problem: `The secret is a private key: paste the public key (${shape}); the private key stays with the sender.` };
  if (read === null || read.length === 0) return { problem: notAKey(text, kind, shape) };
  const matching = read.filter((key) => isKind(key, kind));
  if (matching.length === 0) {
    const found = describeKey(read[0]!);
    return { problem: `The key set here is ${found}, but this scheme signs with ${KIND_NAMES[kind]}: paste ${shape}.` };
  }
  return { keys: matching };
}

function notAKey(text: string, kind: KeyKind, shape: string): string {
  const expects = `this scheme checks a ${KIND_NAMES[kind]} public-key signature, so the secret must be ${shape}`;
  if (/^whsec_/.test(text)) return `The secret is a whsec_ HMAC secret, but ${expects}.`;
  if (/^whsk_/.test(text)) return `The secret is a whsk_ signing (private) key, but ${expects}; use the whpk_ public key.`;
  return `The secret is not a public key (it reads like a shared HMAC secret or a token), but ${expects}.`;
}

/** null: nothing readable; 'private': a private key was pasted. */
function parseKeys(text: string, kind: KeyKind): KeyObject[] | 'private' | null {
  if (text.includes('-----BEGIN')) return pemKeys(text);
  if (text.startsWith('{')) return jwkKeys(text);
  if (kind === 'ed25519') {
    if (text.startsWith('whpk_')) return rawEd25519(Buffer.from(text.slice(5), 'base64'));
    if (isHex(text) && text.length === 64) return rawEd25519(Buffer.from(text, 'hex'));
  }
  if (isBase64(text) && text.length >= 40) return derKey(Buffer.from(text, 'base64'));
  return null;
}

function pemKeys(text: string): KeyObject[] | 'private' | null {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.some((block) => (block[1] ?? '').includes('PRIVATE'))) return 'private';
  const keys = blocks.map((block) => attempt(() => createPublicKey(rewrapPem(block[1] ?? '', block[0]))));
  return keys.every((key) => key !== null) && keys.length > 0 ? (keys as KeyObject[]) : null;
}

/**
 * The secret field is a single-line password input, which drops a pasted PEM's line breaks; so
 * each block is rebuilt with its base64 in 64-character lines, as OpenSSL expects.
 */
function rewrapPem(label: string, block: string): string {
  const base64 = block.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  return `-----BEGIN ${label}-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

function jwkKeys(text: string): KeyObject[] | 'private' | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const record = (parsed ?? {}) as { keys?: unknown; key?: unknown };
  const list = Array.isArray(record.keys) ? record.keys : record.key !== undefined ? [record.key] : [parsed];
  if (list.some((jwk) => typeof jwk === 'object' && jwk !== null && 'd' in jwk)) return 'private';
  const keys = list.map((jwk) => attempt(() => createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })));
  return keys.every((key) => key !== null) && keys.length > 0 ? (keys as KeyObject[]) : null;
}

function rawEd25519(raw: Buffer): KeyObject[] | null {
  if (raw.length !== 32) return null;
  const key = attempt(() => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }));
  return key ? [key] : null;
}

function derKey(der: Buffer): KeyObject[] | null {
  const key = attempt(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
  return key ? [key] : null;
}

function isKind(key: KeyObject, kind: KeyKind): boolean {
  if (kind === 'ed25519') return key.asymmetricKeyType === 'ed25519';
  if (kind === 'rsa') return key.asymmetricKeyType === 'rsa';
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}

function describeKey(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? 'unknown';
  if (type === 'ec') return `an EC key on ${key.asymmetricKeyDetails?.namedCurve ?? 'an unknown curve'}`;
  return `an ${type === 'rsa' ? 'RSA' : type === 'ed25519' ? 'Ed25519' : type} key`;
}

function attempt<T>(run: () => T): T | null {
  try {
    return run();
  } catch {
    return null;
  }
}
