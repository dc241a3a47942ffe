// Provider profiles an endpoint can be held to, and their display names. Kept here (not imported
// from the contract's schemas, which are runtime zod values the renderer bundle must not carry).
import type { FailureMode, Outcome, ProviderProfileKey } from '../../../../electron/contract/index.js';

export const PROVIDER_PROFILES = [
  { key: 'adobe', name: 'Adobe PDF Services' },
  { key: 'pdfgorilla', name: 'PDF Gorilla' },
  { key: 'goshiip', name: 'GoShiip' },
  { key: 'pdfshift', name: 'PDFShift' },
  { key: 'stripe', name: 'Stripe' },
  { key: 'github', name: 'GitHub' },
  { key: 'shopify', name: 'Shopify' },
  { key: 'standard-webhooks', name: 'Standard Webhooks' },
] as const satisfies readonly { key: ProviderProfileKey; name: string }[];

export function profileName(key: ProviderProfileKey | null): string | null {
  if (key === null) return null;
  return PROVIDER_PROFILES.find((p) => p.key === key)?.name ?? key;
}

export function isProfileKey(value: string): value is ProviderProfileKey {
  return PROVIDER_PROFILES.some((p) => p.key === value);
}

export const OUTCOME_LABEL: Record<Outcome, string> = { success: 'success', failure: 'failure', pending: 'pending' };

export type FailureKind = 'none' | FailureMode['kind'];

export const FAILURE_KINDS: { kind: FailureKind; label: string }[] = [
  { kind: 'none', label: 'None: answer normally' },
  { kind: 'fail-first', label: 'Fail the first N deliveries' },
  { kind: 'fail-percent', label: 'Fail a percentage of deliveries' },
  { kind: 'after-deadline', label: 'Answer after the deadline' },
  { kind: 'wrong-ack', label: 'Answer with a wrong acknowledgement' },
];
