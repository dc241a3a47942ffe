// Intercom: X-Hub-Signature = `sha1=` + hex HMAC-SHA1 of the raw body, keyed with the app's client
// secret. The header is GitHub's legacy one, so `auto` cannot tell them apart: choose Intercom.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { stripPrefix, utf8Key } from './hmac.js';
import { duplicateNote, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import type { VerificationInput } from './types.js';

export const INTERCOM_HEADER = 'X-Hub-Signature';

export function verifyIntercom(input: VerificationInput, config: ConfigOf<'intercom'>, _nowMs: number): Verification {
  const found = findHeader(input.headers, INTERCOM_HEADER);
  if (!found) return missing('intercom', `No ${INTERCOM_HEADER} header.`);
  return runSignatureCheck(
    {
      scheme: 'intercom',
      algorithm: 'sha1',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [body],
      signatures: [stripPrefix(found.value.trim(), 'sha1=')],
      receivedHeader: found.value,
      formatExpected: (signature) => `sha1=${signature}`,
      recipe: `HMAC-SHA1 of the raw body with the client secret, in ${found.name}`,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
