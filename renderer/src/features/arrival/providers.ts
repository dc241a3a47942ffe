// Provider profiles an endpoint can be held to, with their display names. The keys come from the
// contract's zod-free list (names.ts); a new key fails to compile here until it has a name.
import type { FailureMode, Outcome } from '../../../../electron/contract/index.js';
import { failureModeKinds, providerProfileKeys, type FailureModeKind, type ProviderProfileKey } from '../../../../electron/contract/names.js';

const profileNames: Record<ProviderProfileKey, string> = {
  adobe: 'Adobe PDF Services',
  pdfgorilla: 'PDF Gorilla',
  goshiip: 'GoShiip',
  pdfshift: 'PDFShift',
  stripe: 'Stripe',
  github: 'GitHub',
  shopify: 'Shopify',
  'standard-webhooks': 'Standard Webhooks',
};

export const PROVIDER_PROFILES = providerProfileKeys.map((key) => ({ key, name: profileNames[key] }));

export function profileName(key: ProviderProfileKey | null): string | null {
  if (key === null) return null;
  return PROVIDER_PROFILES.find((p) => p.key === key)?.name ?? key;
}

export function isProfileKey(value: string): value is ProviderProfileKey {
  return PROVIDER_PROFILES.some((p) => p.key === value);
}

export const OUTCOME_LABEL: Record<Outcome, string> = { success: 'success', failure: 'failure', pending: 'pending' };

export type FailureKind = 'none' | FailureMode['kind'];

const failureKindLabels: Record<FailureModeKind, string> = {
  'fail-first': 'Fail the first N deliveries',
  'fail-percent': 'Fail a percentage of deliveries',
  'after-deadline': 'Answer after the deadline',
  'wrong-ack': 'Answer with a wrong acknowledgement',
};

export const FAILURE_KINDS: { kind: FailureKind; label: string }[] = [
  { kind: 'none', label: 'None: answer normally' },
  ...failureModeKinds.map((kind) => ({ kind, label: failureKindLabels[kind] })),
];

/**
 * What each provider calls the id and the type of what it sent, in its own words (Stripe sends an
 * event with an id and a type; PDF services report on a job).
 */
const providerWords: Record<string, { id: string; event: string }> = {
  stripe: { id: 'Event id', event: 'Event type' },
  github: { id: 'Delivery id', event: 'Event' },
  shopify: { id: 'Webhook id', event: 'Topic' },
  'standard-webhooks': { id: 'Message id', event: 'Event type' },
  goshiip: { id: 'Reference', event: 'Event' },
};

export function providerTerms(providerId: string): { id: string; event: string } {
  return providerWords[providerId] ?? { id: 'Job id', event: 'Event' };
}
