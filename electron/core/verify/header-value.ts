// A shared value in a header, for senders that sign nothing (Adobe PDF Services only echoes the
// headers configured in its notifier). The "secret" is that value, so neither the expected nor
// the received value is ever shown: a near miss is usually the secret itself, slightly off.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { safeEqualText } from './hmac.js';
import { duplicateNote, missing, verification } from './result.js';
import type { VerificationInput } from './types.js';

export function verifyHeaderValue(input: VerificationInput, config: ConfigOf<'header'>, _nowMs: number): Verification {
  const found = findHeader(input.headers, config.header);
  if (!found) return missing('header', `No ${config.header} header.`);
  const details = { expected: hidden(config.secret), received: hidden(found.value) };
  const note = duplicateNote(found.name, found.count);
  if (safeEqualText(found.value, config.secret)) {
    return verification('header', 'valid', `${found.name} carries the expected value.${note}`, details);
  }
  return verification('header', 'invalid', `${mismatchCause(found.name, found.value, config.secret)}${note}`, details);
}

function mismatchCause(name: string, received: string, secret: string): string {
  if (safeEqualText(received, secret.trim())) {
    return `${name} matches once the value set here is trimmed: it has whitespace or a newline at its end, probably from copying it.`;
  }
  if (safeEqualText(received.toLowerCase(), secret.toLowerCase())) {
    return `${name} matches only when case is ignored: the value set here differs in upper/lower case.`;
  }
  return `${name} does not carry the expected value: the sender is configured with another value.`;
}

export function hidden(value: string): string {
  return `(hidden, ${value.length} characters)`;
}
