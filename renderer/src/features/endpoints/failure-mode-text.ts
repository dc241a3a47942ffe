// An endpoint's failure mode in words, for the sidebar marker and the banner above the list: a
// sender retrying because Hookscope was told to fail must be impossible to mistake for a bug.
import type { Endpoint, FailureMode } from '../../../../electron/contract/index.js';
import { profileName } from '../../lib/providers.js';

/** The core's status when a mode names none (core/capture/failure-modes.ts DEFAULT_FAILURE_STATUS). */
const DEFAULT_STATUS = 500;

export function describeFailureMode(mode: FailureMode): string {
  switch (mode.kind) {
    case 'fail-first':
      return `fail the first ${mode.count} ${mode.per === 'event' ? 'attempts of each event' : mode.count === 1 ? 'delivery' : 'deliveries'} with ${mode.status ?? DEFAULT_STATUS}`;
    case 'fail-percent':
      return `fail ${mode.percent} % of deliveries with ${mode.status ?? DEFAULT_STATUS}`;
    case 'after-deadline':
      return mode.delayMs !== undefined
        ? `answer after ${mode.delayMs} ms`
        : `answer after ${mode.provider ? `${profileName(mode.provider)}'s` : "the provider's"} deadline`;
    case 'wrong-ack':
      return `answer with a wrong acknowledgement${mode.status !== undefined ? ` (${mode.status})` : ''}`;
  }
}

/**
 * How many failures "fail the first N" has left, when the core reports it. The contract has no
 * such field yet (it is being added next to the persistent count); both likely places are read
 * so the marker shows it as soon as it exists, and nothing when it does not.
 */
export function failureRemaining(endpoint: Endpoint): number | null {
  const fromMode = (endpoint.failureMode as { remaining?: unknown } | null)?.remaining;
  const fromEndpoint = (endpoint as { failureRemaining?: unknown }).failureRemaining;
  const value = fromMode ?? fromEndpoint;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** "fail the first 3 deliveries with 500 (2 left)". */
export function failureSummary(endpoint: Endpoint): string | null {
  if (!endpoint.failureMode) return null;
  const remaining = endpoint.failureMode.kind === 'fail-first' ? failureRemaining(endpoint) : null;
  return describeFailureMode(endpoint.failureMode) + (remaining === null ? '' : ` (${remaining} left)`);
}
