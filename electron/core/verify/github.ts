// GitHub: X-Hub-Signature-256 = `sha256=` + hex HMAC-SHA256 of the raw body. The legacy
// X-Hub-Signature (`sha1=`) is used only when the SHA-256 header is absent (old GitHub Enterprise,
// or GitHub-compatible senders such as Gitea hooks).
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { stripPrefix, utf8Key } from './hmac.js';
import { duplicateNote, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import type { VerificationInput } from './types.js';

export const GITHUB_HEADERS = ['X-Hub-Signature-256', 'X-Hub-Signature'] as const;

export function verifyGitHub(input: VerificationInput, config: ConfigOf<'github'>, _nowMs: number): Verification {
  const sha256 = findHeader(input.headers, 'X-Hub-Signature-256');
  const found = sha256 ?? findHeader(input.headers, 'X-Hub-Signature');
  if (!found) return missing('github', 'No X-Hub-Signature-256 or X-Hub-Signature header.');
  const algorithm = sha256 ? 'sha256' : 'sha1';
  return runSignatureCheck(
    {
      scheme: 'github',
      algorithm,
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [body],
      signatures: [stripPrefix(found.value.trim(), `${algorithm}=`)],
      receivedHeader: found.value,
      formatExpected: (signature) => `${algorithm}=${signature}`,
      recipe: `HMAC-${algorithm.toUpperCase()} of the raw body, in ${found.name}${sha256 ? '' : ' (the legacy SHA-1 header)'}`,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
