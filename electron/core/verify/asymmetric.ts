// The check every public-key scheme shares (Ed25519, ECDSA, RSA): does any signature the request
// carries verify with any key set here, over the content the scheme signs; then the timestamp
// tolerance; and only after a failure, the likely cause. Unlike HMAC there is no expected value to
// show (only the sender's private key can make one), and a failed Ed25519 or ECDSA check cannot
// tell a wrong key from a changed body. RSA can: the public key opens the signature into the digest
// that was signed, so "right key, other content" and "other key" are told apart.
import { constants, type KeyObject, publicDecrypt, verify } from 'node:crypto';
import type { Verification } from '../../contract/index.js';
import { bodyForms } from './diagnose.js';
import { invalid, preview, verification } from './result.js';
import { describeSkew, timestampDetails, type TimestampReading } from './timestamp.js';
import type { VerificationInput } from './types.js';

export interface AsymmetricCheck {
  scheme: string;
  keys: KeyObject[];
  /** The hash for RSA and ECDSA; null for Ed25519, which hashes internally. */
  digest: 'sha1' | 'sha256' | null;
  /** ECDSA signatures: DER (SendGrid) or r‖s (JWT ES256). */
  dsaEncoding?: 'der' | 'ieee-p1363';
  /** The bytes signed, for a body (the body itself, or fields around it). */
  signedContent: (body: Buffer) => Buffer;
  /** Decoded signatures; any one that verifies is enough. */
  signatures: Buffer[];
  receivedHeader: string;
  /** Where the signature came from and what it covers, for the reason. */
  recipe: string;
  timestamp?: TimestampReading | null;
  note?: string;
}

export function verifiesWith(check: Pick<AsymmetricCheck, 'digest' | 'dsaEncoding'>, key: KeyObject, content: Buffer, signature: Buffer): boolean {
  try {
    const dsaEncoding = check.dsaEncoding ?? 'der';
    return verify(check.digest, content, key.asymmetricKeyType === 'ec' ? { key, dsaEncoding } : key, signature);
  } catch {
    return false;
  }
}

function anyVerifies(check: AsymmetricCheck, content: Buffer): boolean {
  return check.keys.some((key) => check.signatures.some((signature) => verifiesWith(check, key, content, signature)));
}

export function runAsymmetricCheck(check: AsymmetricCheck, input: Pick<VerificationInput, 'body' | 'diagnose'>): Verification {
  const content = check.signedContent(input.body);
  const details = {
    signedContentPreview: preview(content),
    received: check.receivedHeader,
    ...timestampDetails(check.timestamp ?? null),
  };
  const reading = check.timestamp ?? null;
  const note = check.note ?? '';
  const verified = anyVerifies(check, content);
  if (verified && (reading === null || reading.within)) {
    const age = reading ? `; timestamp ${describeSkew(reading)}` : '';
    const which = check.keys.length > 1 ? ' (one of the keys set here)' : '';
    return verification(check.scheme, 'valid', `The signature verifies with the public key${which}: ${check.recipe}${age}.${note}`, details);
  }
  if (verified && reading !== null) {
    const reason = `The signature verifies, but the timestamp is ${describeSkew(reading)}: a late retry, a replay, or a clock that is off.`;
    return invalid(check.scheme, `${reason}${note}`, details);
  }
  const skew = reading !== null && !reading.within ? ` The timestamp is also ${describeSkew(reading)}.` : '';
  const cause = input.diagnose === false ? 'The signature does not verify (the likely cause was not looked for).' : likelyCause(check, input.body);
  return invalid(check.scheme, `${cause}${skew}${note}`, details);
}

function likelyCause(check: AsymmetricCheck, body: Buffer): string {
  try {
    const form = bodyForms(body).find((candidate) => anyVerifies(check, check.signedContent(candidate.value)));
    if (form) return `The signature verifies over the body ${form.description}, not the bytes received: ${form.meaning}.`;
    if (check.keys.every((key) => key.asymmetricKeyType === 'rsa')) return rsaCause(check);
    const kind = check.keys[0]?.asymmetricKeyType === 'ed25519' ? 'an Ed25519' : 'an ECDSA';
    return `The signature does not verify with the public key set here: either the key is not the one the sender signs with, or the body was changed after signing (${kind} signature cannot tell which).`;
  } catch (error) {
    return `The signature does not verify (looking for the likely cause failed: ${(error as Error).message}).`;
  }
}

/** DigestInfo sizes (ASN.1 prefix + hash) of PKCS#1 v1.5 signatures, by hash. */
const DIGEST_INFO_BYTES = { sha1: 15 + 20, sha256: 19 + 32 } as const;

/** RSA PKCS#1 v1.5: opening a signature with the right key yields DigestInfo(hash of what was signed). */
function rsaCause(check: AsymmetricCheck): string {
  const opened = check.keys.flatMap((key) => check.signatures.map((signature) => openRsa(key, signature))).filter((info) => info !== null);
  if (opened.length === 0) {
    return 'The signature was not made with the key set here: the sender signs with another key (a rotated certificate, or the wrong one pasted).';
  }
  const expectedSize = DIGEST_INFO_BYTES[check.digest ?? 'sha256'];
  if (opened.every((info) => info.length !== expectedSize)) {
    return `The signature was made with this key but with another hash than ${(check.digest ?? 'sha256').toUpperCase()}, the one the request declares.`;
  }
  return 'The signature was made with this key, but over other content: the body (or a signed field) was changed after it was signed.';
}

function openRsa(key: KeyObject, signature: Buffer): Buffer | null {
  try {
    return publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return null;
  }
}
