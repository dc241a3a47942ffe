// The check every HMAC scheme shares: compute the expected digest over the signed content, compare
// it in constant time with each signature the request carries, apply the timestamp tolerance, and
// only after a failure look for the likely cause. Each scheme file only says how to read its headers
// and what it signs; the order "real check first, diagnosis after" lives here once.
import type { Verification } from '../../contract/index.js';
import { diagnoseMismatch } from './diagnose.js';
import { type Algorithm, type Encoding, decodeSignature, encode, findMatch, hmac } from './hmac.js';
import { type Details, invalid, preview, verification } from './result.js';
import { type TimestampReading, describeSkew, timestampDetails } from './timestamp.js';
import type { VerificationInput } from './types.js';

export interface Variant<T> {
  value: T;
  /** One sentence naming the cause when this variant is the one that matches. */
  cause: string;
}

export type KeyReading = (secret: string) => Buffer | null;
export type SignedContent = (body: Buffer) => Buffer[];

/** The keyed digest; HMAC unless a scheme says otherwise (HubSpot v1/v2 hash secret + content). */
export type Mac = (algorithm: Algorithm, key: Buffer, content: Buffer) => Buffer;

export interface SignatureCheck {
  scheme: string;
  algorithm: Algorithm;
  mac?: Mac;
  encoding: Encoding;
  /** Stays inside the verifier: used to derive keys, never copied into the result. */
  secret: string;
  /** How the scheme turns its secret into the HMAC key; null when the secret cannot be read so. */
  key: KeyReading;
  /** Signed content for a body: the first is the primary form, any others are equally accepted. */
  signedContent: SignedContent;
  /** The signatures the request carries, as text without prefixes. */
  signatures: string[];
  /** The header value as received, for details. */
  receivedHeader: string;
  /** What a matching header would carry, e.g. `sha256=<hex>`. */
  formatExpected?: (signature: string) => string;
  /** Where the signature came from and what it covers, for the reason. */
  recipe: string;
  timestamp?: TimestampReading | null;
  /** Other readings of the secret, tried only after the real check failed. */
  keyVariants?: Array<Variant<KeyReading>>;
  /** Other signed contents (a different URL, …), tried only after the real check failed. */
  contentVariants?: Array<Variant<SignedContent>>;
  /** Appended to the reason, e.g. that the header was sent twice. */
  note?: string;
}

export function runSignatureCheck(check: SignatureCheck, input: Pick<VerificationInput, 'body' | 'diagnose'>): Verification {
  const body = input.body;
  const key = check.key(check.secret);
  if (key === null) return invalid(check.scheme, `The secret cannot be used as this scheme's key (${check.recipe}).`);
  const contents = check.signedContent(body);
  const expected = contents.map((content) => (check.mac ?? hmac)(check.algorithm, key, content));
  const received = check.signatures.map((signature) => decodeSignature(signature, check.encoding));
  const match = findMatch(expected, received);
  const details = describe(check, contents[0], expected[0]);
  const reading = check.timestamp ?? null;
  const note = check.note ?? '';
  if (match >= 0 && (reading === null || reading.within)) {
    return verification(check.scheme, 'valid', `${validReason(check, match)}${note}`, details);
  }
  if (match >= 0 && reading !== null) {
    const reason = `The signature matches, but the timestamp is ${describeSkew(reading)}: a late retry, a replay, or a clock that is off.`;
    return invalid(check.scheme, `${reason}${note}`, details);
  }
  const skew = reading !== null && !reading.within ? ` The timestamp is also ${describeSkew(reading)}.` : '';
  const cause = input.diagnose === false ? 'The signature does not match (the likely cause was not looked for).' : likelyCause(check, key, body);
  return invalid(check.scheme, `${cause}${skew}${note}`, details);
}

/** The diagnosis reads the untrusted body in many ways; whatever it trips on, the verdict stands. */
function likelyCause(check: SignatureCheck, key: Buffer, body: Buffer): string {
  try {
    return diagnoseMismatch(check, key, body);
  } catch (error) {
    return `The signature does not match (looking for the likely cause failed: ${(error as Error).message}).`;
  }
}

function describe(check: SignatureCheck, content: Buffer | undefined, digest: Buffer | undefined): Partial<Details> {
  const expected = digest ? encode(digest, check.encoding) : null;
  return {
    signedContentPreview: content ? preview(content) : null,
    expected: expected !== null && check.formatExpected ? check.formatExpected(expected) : expected,
    received: check.receivedHeader,
    ...timestampDetails(check.timestamp ?? null),
  };
}

function validReason(check: SignatureCheck, match: number): string {
  const count = check.signatures.length;
  const which = count > 1 ? ` (signature ${match + 1} of ${count}; the others are likely from a rotated secret)` : '';
  const reading = check.timestamp;
  const age = reading ? `; timestamp ${describeSkew(reading)}` : '';
  return `The signature matches: ${check.recipe}${which}${age}.`;
}
