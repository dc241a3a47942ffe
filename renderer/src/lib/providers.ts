// The providers an endpoint can be held to (deadline, acknowledgement) and verified as, with their
// display names, docs and scheme: the contract's zod-free list (contract/providers.ts), which the
// core's catalogue extends.
import type { FailureMode, Outcome } from '../../../electron/contract/index.js';
import { failureModeKinds, type FailureModeKind, type ProviderProfileKey } from '../../../electron/contract/names.js';
import { providerList, type ListedProvider } from '../../../electron/contract/providers.js';

export const PROVIDER_PROFILES: ReadonlyArray<{ key: ProviderProfileKey; name: string }> = providerList.map((p) => ({ key: p.id, name: p.name }));

/** The listed provider (scheme, options, handshake, docs) for a key. */
export function listedProviderOf(key: string | null): ListedProvider | null {
  return key === null ? null : ((providerList as readonly ListedProvider[]).find((p) => p.id === key) ?? null);
}

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
