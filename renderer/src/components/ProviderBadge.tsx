import type { DeliverySummary, Outcome } from '../../../electron/contract/index.js';
import './provider-badge.css';

type RowProvider = NonNullable<DeliverySummary['provider']>;

/** Who sent a delivery, coloured by what it says happened (success, failure, still pending). */
export function ProviderBadge({ provider, testId = 'provider-badge' }: { provider: Pick<RowProvider, 'id' | 'name' | 'event' | 'outcome'>; testId?: string }) {
  const title = `${provider.name}${provider.event ? ` · ${provider.event}` : ''} · ${outcomeText(provider.outcome)}`;
  return (
    <span
      className={`provider-badge outcome-${provider.outcome}`}
      title={title}
      data-testid={testId}
      data-provider={provider.id}
      data-outcome={provider.outcome}
    >
      {provider.name}
    </span>
  );
}

/** "attempt 2" for the second delivery of an event (the sender's retry); nothing for the first or without an event id. */
export function AttemptBadge({ attempt }: { attempt: number | null }) {
  if (attempt === null || attempt <= 1) return null;
  return (
    <span className="marker marker-attempt" title={`Attempt ${attempt} of this event: the sender tried again (the Overview says of how many)`} data-testid="attempt-badge" data-attempt={attempt}>
      attempt {attempt}
    </span>
  );
}

export function outcomeText(outcome: Outcome): string {
  return outcome === 'success' ? 'succeeded' : outcome === 'failure' ? 'failed' : 'pending';
}
