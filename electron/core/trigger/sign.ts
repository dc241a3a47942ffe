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
