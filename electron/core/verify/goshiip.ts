// GoShiip: X-Signature = hex HMAC-SHA256 of the raw body with the API secret
// (../shared/reference, "Listening to Events"). A preset of the generic recipe.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { verifyHmac } from './generic-hmac.js';
import type { VerificationInput } from './types.js';

export const GOSHIIP_HEADER = 'X-Signature';

export function verifyGoShiip(input: VerificationInput, config: ConfigOf<'goshiip'>, nowMs: number): Verification {
  const recipe = { header: GOSHIIP_HEADER, algorithm: 'sha256', encoding: 'hex' } as const;
  return verifyHmac(input, { scheme: 'hmac', secret: config.secret, ...recipe }, nowMs, 'goshiip');
}
