// HubSpot, three versions (@hubspot/api-client's Signature util is the oracle):
//  v3: X-HubSpot-Signature-v3 = base64 HMAC-SHA256 of method + URI + body + X-HubSpot-Request-Timestamp
//      (ms; refused after five minutes), keyed with the app's client secret;
//  v1: X-HubSpot-Signature = hex SHA-256 (a plain hash, no HMAC) of client secret + body;
//  v2: the same of client secret + method + URI + body (X-HubSpot-Signature-Version says which).
// The URI is the full URL HubSpot called: the public URL joined with the path. For v3 HubSpot
// decodes a few percent-escapes in it first (its docs list them), so both forms are accepted.
import { createHash } from 'node:crypto';
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { clip, duplicateNote, invalid, missing } from './result.js';
import { type Mac, runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import { calledUrl } from './twilio.js';
import type { VerificationInput } from './types.js';

export const HUBSPOT_HEADERS = {
  v3: 'X-HubSpot-Signature-v3',
  legacy: 'X-HubSpot-Signature',
  version: 'X-HubSpot-Signature-Version',
  timestamp: 'X-HubSpot-Request-Timestamp',
} as const;

/** v1/v2: SHA-256 of secret ‖ content, not an HMAC. */
export const secretPrefixHash: Mac = (algorithm, key, content) => createHash(algorithm).update(key).update(content).digest();

const DECODED: Record<string, string> = { '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';' };

export function hubspotDecodedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (match) => DECODED[match.toUpperCase()] ?? match);
}

export function verifyHubSpot(input: VerificationInput, config: ConfigOf<'hubspot'>, nowMs: number): Verification {
  const v3 = findHeader(input.headers, HUBSPOT_HEADERS.v3);
  const legacy = v3 ? null : findHeader(input.headers, HUBSPOT_HEADERS.legacy);
  const found = v3 ?? legacy;
  if (!found) return missing('hubspot', `No ${HUBSPOT_HEADERS.v3} or ${HUBSPOT_HEADERS.legacy} header.`);
  const received = { received: found.value };
  const version = v3 ? 'v3' : (findHeader(input.headers, HUBSPOT_HEADERS.version)?.value.trim().toLowerCase() ?? 'v1');
  if (version !== 'v1' && version !== 'v2' && version !== 'v3') return invalid('hubspot', `${HUBSPOT_HEADERS.version} is "${clip(version, 10)}", not v1, v2 or v3.`, received);
  const target = version === 'v1' ? null : calledUrl(input);
  if (version !== 'v1' && !target) return invalid('hubspot', `No public URL is set and the request has no Host header: HubSpot ${version} signs the URL it called.`, received);
  const url = target?.url ?? '';
  const base = { scheme: 'hubspot', algorithm: 'sha256' as const, secret: config.secret, key: utf8Key, receivedHeader: found.value, signatures: [found.value.trim()], note: duplicateNote(found.name, found.count) };
  if (version === 'v3') {
    const timestamp = findHeader(input.headers, HUBSPOT_HEADERS.timestamp);
    if (!timestamp) return invalid('hubspot', `${found.name} is there but ${HUBSPOT_HEADERS.timestamp} is not, and it is signed.`, received);
    const reading = /^\d+$/.test(timestamp.value) ? readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
    if (!reading) return invalid('hubspot', `${timestamp.name} is not a Unix timestamp in milliseconds.`, received);
    const content = (uri: string) => (body: Buffer) => Buffer.concat([Buffer.from(input.method + uri, 'utf8'), body, Buffer.from(timestamp.value, 'utf8')]);
    return runSignatureCheck(
      {
        ...base,
        encoding: 'base64',
        signedContent: (body) => [...new Set([url, hubspotDecodedUri(url)])].map((uri) => content(uri)(body)),
        recipe: `base64 HMAC-SHA256 of method + URI (${url}) + body + timestamp, in ${found.name}`,
        timestamp: reading,
      },
      input,
    );
  }
  const prefix = version === 'v2' ? input.method + url : '';
  return runSignatureCheck(
    {
      ...base,
      encoding: 'hex',
      mac: secretPrefixHash,
      signedContent: (body) => [Buffer.concat([Buffer.from(prefix, 'utf8'), body])],
      recipe: `${version}: SHA-256 of client secret + ${version === 'v2' ? `method + URI (${url}) + ` : ''}body, in ${found.name}`,
    },
    input,
  );
}
