// HTTP Basic authentication: the secret is `user:password`. The credentials come from the sender
// in clear (base64 is not encryption), so details show the received user name at most and never
// the password or the configured credentials.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { safeEqualText } from './hmac.js';
import { clip, duplicateNote, invalid, missing, verification } from './result.js';
import type { VerificationInput } from './types.js';

export function verifyBasic(input: VerificationInput, config: ConfigOf<'basic'>, _nowMs: number): Verification {
  const found = findHeader(input.headers, 'Authorization');
  if (!found) return missing('basic', 'No Authorization header.');
  const note = duplicateNote(found.name, found.count);
  const [kind = '', encoded = ''] = found.value.trim().split(/\s+/, 2);
  if (kind.toLowerCase() !== 'basic') {
    return invalid('basic', `Authorization carries "${clip(kind, 20)}" credentials, not Basic.${note}`, { received: `${clip(kind, 20)} (credentials hidden)` });
  }
  const credentials = Buffer.from(encoded, 'base64').toString('utf8');
  const user = credentials.slice(0, Math.max(credentials.indexOf(':'), 0));
  const details = { received: `Basic, user "${clip(user, 100)}", password hidden` };
  if (safeEqualText(credentials, config.secret)) return verification('basic', 'valid', `The Basic credentials match.${note}`, details);
  return invalid('basic', `${mismatchCause(credentials, user, config.secret)}${note}`, details);
}

function mismatchCause(credentials: string, user: string, secret: string): string {
  if (!credentials.includes(':')) return 'The Basic credentials are not user:password once decoded.';
  if (safeEqualText(credentials, secret.trim())) {
    return 'The credentials match once the secret set here is trimmed: it has whitespace or a newline at its end, probably from copying it.';
  }
  const expectedUser = secret.slice(0, secret.indexOf(':'));
  if (safeEqualText(user, expectedUser)) return 'The user name matches but the password does not.';
  return 'The user name does not match: the sender uses other credentials.';
}
