// PDF Gorilla: x-pdfg-signature = hex HMAC-SHA256 of the raw body with the job's webhookSecret
// (../shared/reference, "Verify the signature"). A preset of the generic recipe.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { verifyHmac } from './generic-hmac.js';
import type { VerificationInput } from './types.js';

export const PDF_GORILLA_HEADER = 'x-pdfg-signature';

export function verifyPdfGorilla(input: VerificationInput, config: ConfigOf<'pdfgorilla'>, nowMs: number): Verification {
  const recipe = { header: PDF_GORILLA_HEADER, algorithm: 'sha256', encoding: 'hex' } as const;
  return verifyHmac(input, { scheme: 'hmac', secret: config.secret, ...recipe }, nowMs, 'pdfgorilla');
}
