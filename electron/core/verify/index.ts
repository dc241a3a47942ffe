// Signature verification: is this delivery from whom it claims, and if not, why not.
// Trust boundary: everything in VerificationInput is attacker-controlled (the sender, or anyone
// who found the capture URL); the config and its secret are the user's. Verification is pure: no
// I/O, no clock but the one passed in, so a stored delivery can be re-verified at any time with the
// exact bytes and time it was received. The secret is only ever used as an HMAC key or compared in
// constant time; it never appears in a reason or in details.
import type { Verification } from '../../contract/index.js';
import { verifyBasic } from './basic.js';
import { verifyAdobeIo } from './adobe-io.js';
import { verifyAdyen } from './adyen.js';
import { verifyDiscord } from './discord.js';
import { verifyHubSpot } from './hubspot.js';
import { verifyIntercom } from './intercom.js';
import { verifyLinear } from './linear.js';
import { verifyMailgun } from './mailgun.js';
import { verifyPaddle } from './paddle.js';
import { verifyPayPal } from './paypal.js';
import { verifyPlaid } from './plaid.js';
import { verifySendGrid } from './sendgrid.js';
import { verifySns } from './sns.js';
import { verifySquare } from './square.js';
import { verifyTwitch } from './twitch.js';
import { verifyZendesk } from './zendesk.js';
import { verifyZoom } from './zoom.js';
import { type SchemeName, timedSchemes, type VerificationConfig } from './config.js';
import { type Detected, detectScheme, lookedFor } from './detect.js';
import { verifyHmac } from './generic-hmac.js';
import { verifyGitHub } from './github.js';
import { verifyGoShiip } from './goshiip.js';
import { verifyHeaderValue } from './header-value.js';
import { verifyPdfGorilla } from './pdfgorilla.js';
import { invalid, missing, REDACTED, verification } from './result.js';
import { verifyShopify } from './shopify.js';
import { verifySlack } from './slack.js';
import { verifyStandardWebhooks } from './standard-webhooks.js';
import { verifyStripe } from './stripe.js';
import { verifyTwilio } from './twilio.js';
import type { VerificationInput } from './types.js';

export { schemeNames, verificationConfigSchema } from './config.js';
export type { ConfigOf, SchemeName, VerificationConfig } from './config.js';
export type { Verification, VerificationInput, VerificationStatus } from './types.js';

export function verify(input: VerificationInput, config: VerificationConfig | null, now: () => number): Verification {
  if (config === null) return unverified(input);
  const nowMs = now();
  const result = config.scheme === 'auto' ? verifyAuto(input, config, nowMs) : verifyWith(input, config, nowMs);
  const named = result.status === 'missing' && config.scheme !== 'auto' ? withForeignHint(result, input, config, nowMs) : result;
  return result.status === 'valid' ? named : redactedInstead(named, input);
}

/**
 * A copy exported with its signature headers masked (`[redacted]`, export/redact.ts) and imported
 * again has nothing to check: say that, rather than diagnose the mask as a malformed signature.
 */
function redactedInstead(result: Verification, input: VerificationInput): Verification {
  const masked = input.headers.filter(([, value]) => value === REDACTED).map(([name]) => name);
  if (masked.length === 0) return result;
  const names = masked.join(', ');
  return missing(result.scheme, `${names} ${masked.length === 1 ? 'was' : 'were'} redacted when this delivery was exported, so there is no signature to check. Export with redaction off to keep signatures.`);
}

function verifyWith(input: VerificationInput, config: Exclude<VerificationConfig, { scheme: 'auto' }>, nowMs: number): Verification {
  switch (config.scheme) {
    case 'hmac':
      return verifyHmac(input, config, nowMs);
    case 'pdfgorilla':
      return verifyPdfGorilla(input, config, nowMs);
    case 'goshiip':
      return verifyGoShiip(input, config, nowMs);
    case 'stripe':
      return verifyStripe(input, config, nowMs);
    case 'github':
      return verifyGitHub(input, config, nowMs);
    case 'standard-webhooks':
      return verifyStandardWebhooks(input, config, nowMs);
    case 'shopify':
      return verifyShopify(input, config, nowMs);
    case 'slack':
      return verifySlack(input, config, nowMs);
    case 'twilio':
      return verifyTwilio(input, config, nowMs);
    case 'header':
      return verifyHeaderValue(input, config, nowMs);
    case 'basic':
      return verifyBasic(input, config, nowMs);
    case 'discord':
      return verifyDiscord(input, config, nowMs);
    case 'sendgrid':
      return verifySendGrid(input, config, nowMs);
    case 'sns':
      return verifySns(input, config, nowMs);
    case 'paypal':
      return verifyPayPal(input, config, nowMs);
    case 'adobe-io':
      return verifyAdobeIo(input, config, nowMs);
    case 'plaid':
      return verifyPlaid(input, config, nowMs);
    case 'square':
      return verifySquare(input, config, nowMs);
    case 'adyen':
      return verifyAdyen(input, config, nowMs);
    case 'paddle':
      return verifyPaddle(input, config, nowMs);
    case 'zoom':
      return verifyZoom(input, config, nowMs);
    case 'mailgun':
      return verifyMailgun(input, config, nowMs);
    case 'linear':
      return verifyLinear(input, config, nowMs);
    case 'twitch':
      return verifyTwitch(input, config, nowMs);
    case 'hubspot':
      return verifyHubSpot(input, config, nowMs);
    case 'zendesk':
      return verifyZendesk(input, config, nowMs);
    case 'intercom':
      return verifyIntercom(input, config, nowMs);
  }
  // Unreachable for a parsed config; a stored one from another version could still get here.
  return invalid(String((config as { scheme: unknown }).scheme), 'Unknown verification scheme: set the endpoint\'s verification again.');
}

/** The detected scheme, with the auto config's secret and tolerance. */
function detectedConfig(detected: Detected, config: VerificationConfig): Exclude<VerificationConfig, { scheme: 'auto' }> {
  const toleranceSeconds = 'toleranceSeconds' in config ? config.toleranceSeconds : undefined;
  const timed = timedSchemes.has(detected.scheme);
  if (timed && toleranceSeconds !== undefined) return { scheme: detected.scheme, secret: config.secret, toleranceSeconds } as Exclude<VerificationConfig, { scheme: 'auto' }>;
  return { scheme: detected.scheme, secret: config.secret } as Exclude<VerificationConfig, { scheme: 'auto' }>;
}

function verifyAuto(input: VerificationInput, config: VerificationConfig, nowMs: number): Verification {
  const detected = detectScheme(input.headers);
  if (!detected) return missing('auto', `No signature header of a known scheme; looked for ${lookedFor()}.`);
  return verifyWith(input, detectedConfig(detected, config), nowMs);
}

/**
 * The configured scheme found no header of its own. If the request carries another scheme's header,
 * name it, and say whether it verifies that way with this secret: a diagnosis only, still `missing`.
 */
function withForeignHint(result: Verification, input: VerificationInput, config: VerificationConfig, nowMs: number): Verification {
  const detected = detectScheme(input.headers, config.scheme);
  if (!detected) return result;
  const other = verifyWith(input, detectedConfig(detected, config), nowMs);
  const verdict = other.status === 'valid' ? ` and verifies as ${detected.scheme} with this secret: switch the scheme to ${detected.scheme}` : '';
  const hint = ` The request carries ${detected.header}, which looks like ${detected.provider}${verdict}.`;
  return { ...result, reason: `${result.reason}${hint}` };
}

function unverified(input: VerificationInput): Verification {
  const detected = detectScheme(input.headers);
  const looks = detected ? ` The request carries ${detected.header}, which looks like ${detected.provider}.` : '';
  return verification(detected?.scheme ?? 'none', 'unverified', `No secret is set for this endpoint, so the signature was not checked.${looks}`);
}
