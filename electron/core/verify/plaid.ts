// Plaid: Plaid-Verification is a JWT signed ES256 by a key Plaid rotates (its kid names it; the
// user fetches the JWK from /webhook_verification_key/get and pastes it). Its claims bind the
// request: iat (no older than five minutes) and request_body_sha256 (hex SHA-256 of the raw body).
// Only ES256 is accepted: taking the algorithm from the token would let a forger pick `none` or HMAC.
import { timingSafeEqual } from 'node:crypto';
import type { Verification } from '../../contract/index.js';
import { runAsymmetricCheck } from './asymmetric.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { sha256Hex } from './hmac.js';
import { readPublicKeys } from './public-key.js';
import { clip, duplicateNote, invalid, missing } from './result.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const PLAID_HEADER = 'Plaid-Verification';

interface Jwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: Buffer;
  signature: Buffer;
}

export function parseJwt(token: string): Jwt | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return null;
  const json = (part: string): Record<string, unknown> | null => {
    try {
      const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const [header, claims] = [json(parts[0]!), json(parts[1]!)];
  if (!header || !claims) return null;
  return { header, claims, signingInput: Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'), signature: Buffer.from(parts[2]!, 'base64url') };
}

export function verifyPlaid(input: VerificationInput, config: ConfigOf<'plaid'>, nowMs: number): Verification {
  const found = findHeader(input.headers, PLAID_HEADER);
  if (!found) return missing('plaid', `No ${PLAID_HEADER} header.`);
  const received = { received: found.value };
  const jwt = parseJwt(found.value);
  if (!jwt) return invalid('plaid', `${found.name} is not a JWT (three base64url parts of JSON).`, received);
  if (jwt.header.alg !== 'ES256') return invalid('plaid', `The JWT's alg is "${clip(String(jwt.header.alg), 20)}", not ES256 as Plaid signs; it is refused.`, received);
  const read = readPublicKeys(config.secret, 'ec-p256', "the JWK Plaid's /webhook_verification_key/get returns for the JWT's kid (or that key as PEM)");
  if (read.problem !== undefined) return invalid('plaid', read.problem, received);
  const iat = typeof jwt.claims.iat === 'number' ? String(Math.floor(jwt.claims.iat)) : null;
  const reading = iat === null ? null : readTimestamp(iat, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  if (!reading) return invalid('plaid', 'The JWT has no numeric iat claim, which Plaid signs to date it.', received);
  const result = runAsymmetricCheck(
    {
      scheme: 'plaid',
      keys: read.keys,
      digest: 'sha256',
      dsaEncoding: 'ieee-p1363',
      signedContent: () => jwt.signingInput,
      signatures: [jwt.signature],
      receivedHeader: found.value,
      recipe: `an ES256 JWT in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
  if (result.status !== 'valid') return withKidHint(result, jwt, config.secret);
  return checkBodyClaim(result, jwt, input.body);
}

/** The signature is right; the body must be the one whose hash it signed. */
function checkBodyClaim(result: Verification, jwt: Jwt, body: Buffer): Verification {
  const claim = jwt.claims.request_body_sha256;
  const actual = Buffer.from(sha256Hex(body));
  if (typeof claim === 'string' && claim.length === actual.length && timingSafeEqual(Buffer.from(claim.toLowerCase()), actual)) {
    return { ...result, reason: `${result.reason.replace(/\.$/, '')}, and its request_body_sha256 claim is the body's SHA-256.` };
  }
  const reason =
    typeof claim === 'string'
      ? "The JWT verifies, but its request_body_sha256 claim does not match the body received: the body was changed after Plaid signed it."
      : 'The JWT verifies but carries no request_body_sha256 claim, so the body is not bound to it.';
  return { ...result, status: 'invalid', reason };
}

function withKidHint(result: Verification, jwt: Jwt, secret: string): Verification {
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : null;
  const pasted = /"kid"\s*:\s*"([^"]*)"/.exec(secret)?.[1];
  if (!kid || pasted === undefined || pasted === kid || result.reason.includes('timestamp is')) return result;
  return { ...result, reason: `${result.reason} The JWT names key ${clip(kid, 80)} and the key set here is ${clip(pasted, 80)}: Plaid rotated its key; fetch the one for this kid.` };
}
