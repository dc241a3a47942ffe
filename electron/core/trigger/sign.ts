// Signing a trigger the provider's way. There is one signer in Hookscope, the replay's
// (replay/resign.ts, built on the verifier's own recipes); this file only turns a provider and a
// secret into the verification config that signer reads, and says plainly when a provider cannot
// be signed for (it signs with a private key, or it does not sign at all).
import type { HeaderPair } from '../../contract/index.js';
import type { ProviderEntry } from '../providers/index.js';
import { newMessageId, type SignInput, SigningError, signRequest } from '../replay/resign.js';
import { type VerificationConfig, verificationConfigSchema } from '../verify/index.js';

export class TriggerError extends Error {
  override name = 'TriggerError';
}

/** Schemes signed with the provider's private key (the receiver holds the public one). */
const PRIVATE_KEY_SCHEMES = new Set(['discord', 'sendgrid', 'sns', 'paypal', 'adobe-io', 'plaid']);
/** Schemes whose signature is a field of the body (Mailgun's signature object, Adyen's hmacSignature). */
const IN_BODY_SCHEMES = new Set(['mailgun', 'adyen']);

export interface SigningPlan {
  config: VerificationConfig | null;
  signed: boolean;
  scheme: string | null;
  note: string;
}

/** How this run signs; throws TriggerError when the secret cannot sign as this provider. */
export function signingPlan(entry: ProviderEntry, secret: string | undefined): SigningPlan {
  const scheme = entry.verification?.scheme ?? null;
  if (!entry.verification) {
    const note = `${entry.name} does not sign its deliveries${secret ? '; --secret is not used' : ''}.`;
    return { config: null, signed: false, scheme, note };
  }
  if (PRIVATE_KEY_SCHEMES.has(scheme!)) {
    const note = `${entry.name} signs with its private key, which only ${entry.name} holds: Hookscope sends its events unsigned.`;
    if (secret) throw new TriggerError(`${note} Leave out --secret to test the rest of your handler.`);
    return { config: null, signed: false, scheme, note };
  }
  if (IN_BODY_SCHEMES.has(scheme!)) {
    const note = `${entry.name} puts its signature inside the body; Hookscope sends the template's body as it is, unsigned.`;
    if (secret) throw new TriggerError(`${note} Leave out --secret, or put a signature in the body with --set or --data.`);
    return { config: null, signed: false, scheme, note };
  }
  if (!secret) return { config: null, signed: false, scheme, note: `Sent unsigned: give --secret to sign as ${entry.name} does (${scheme}).` };
  const parsed = verificationConfigSchema.safeParse({ ...entry.verification.options, scheme, secret });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TriggerError(`--secret cannot sign as ${entry.name} (${scheme}): ${issue?.message ?? 'invalid'}.`);
  }
  return { config: parsed.data, signed: true, scheme, note: `Signed as ${entry.name} signs (${scheme}) with the given secret.` };
}

export interface SignedAttempt {
  url: string;
  headers: HeaderPair[];
  recordedHeaders: HeaderPair[];
}

/**
 * Signs one attempt at `nowMs` (a retry is signed again, with a fresh timestamp, as providers do);
 * `messageId` stays the same across a run's attempts, as Svix keeps its msg_ id on retries.
 */
export function signAttempt(input: SignInput, plan: SigningPlan, nowMs: number, messageId: string): SignedAttempt {
  if (!plan.config) return { url: input.url, headers: input.headers, recordedHeaders: input.headers };
  try {
    const signed = signRequest(input, plan.config, { nowMs, valid: true, newId: () => messageId });
    return { url: signed.url, headers: signed.headers, recordedHeaders: signed.recordedHeaders };
  } catch (error) {
    if (error instanceof SigningError) throw new TriggerError(error.message);
    throw error;
  }
}

export { newMessageId };
