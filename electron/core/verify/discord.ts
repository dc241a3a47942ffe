// Discord (interactions and webhook events): X-Signature-Ed25519 = hex Ed25519 signature of
// X-Signature-Timestamp + raw body, by the application's key; the secret is the public key the
// developer portal shows (64 hex characters). discord-interactions' verifyKey is the oracle.
import type { Verification } from '../../contract/index.js';
import { runAsymmetricCheck } from './asymmetric.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { isHex } from './hmac.js';
import { readPublicKeys } from './public-key.js';
import { duplicateNote, invalid, missing } from './result.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const DISCORD_HEADERS = { signature: 'X-Signature-Ed25519', timestamp: 'X-Signature-Timestamp' } as const;

export function verifyDiscord(input: VerificationInput, config: ConfigOf<'discord'>, nowMs: number): Verification {
  const found = findHeader(input.headers, DISCORD_HEADERS.signature);
  if (!found) return missing('discord', `No ${DISCORD_HEADERS.signature} header.`);
  const received = { received: found.value };
  const timestamp = findHeader(input.headers, DISCORD_HEADERS.timestamp);
  if (!timestamp) return invalid('discord', `${found.name} is there but ${DISCORD_HEADERS.timestamp} is not, and it is signed.`, received);
  const reading = /^\d+$/.test(timestamp.value) ? readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (!reading) return invalid('discord', `${timestamp.name} is not a Unix timestamp in seconds.`, received);
  if (!isHex(found.value.trim())) return invalid('discord', `${found.name} is not hex, as Discord's Ed25519 signatures are.`, received);
  const read = readPublicKeys(config.secret, 'ed25519', "the application's public key (64 hex characters in the developer portal)");
  if (read.problem !== undefined) return invalid('discord', read.problem, received);
  return runAsymmetricCheck(
    {
      scheme: 'discord',
      keys: read.keys,
      digest: null,
      signedContent: (body) => Buffer.concat([Buffer.from(timestamp.value, 'utf8'), body]),
      signatures: [Buffer.from(found.value.trim(), 'hex')],
      receivedHeader: found.value,
      recipe: `Ed25519 of timestamp + body, in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
