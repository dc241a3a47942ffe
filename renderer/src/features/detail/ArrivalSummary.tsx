import type { Delivery, DuplicateInfo, ProviderInfo } from '../../../../electron/contract/index.js';
import { useCompareWith } from '../diff/compare-context.js';
import { formatDuration } from '../../lib/durations.js';
import { outcomeText, ProviderBadge } from '../../components/ProviderBadge.js';
import { providerTerms } from '../../lib/providers.js';
import './detail.css';

/**
 * "What arrived": who sent the delivery and what it says (provider, event, status, job, outcome,
 * the fields worth reading), where it stands among retries of the same event, and how fast it
 * was answered. Everything here comes from the payload and is rendered as text.
 */
export function ArrivalSummary({ delivery, onSelectDelivery }: { delivery: Delivery; onSelectDelivery?: (id: number) => void }) {
  const { provider, duplicate, handledMs } = delivery;
  return (
    <section className="arrival-summary" aria-label="What arrived" data-testid="arrival-summary" data-provider={provider?.id ?? ''}>
      <h3 className="arrival-title">What arrived</h3>
      {provider ? <ProviderFacts provider={provider} /> : <p className="muted small" data-testid="arrival-unknown">Not recognised as a known provider&apos;s webhook.</p>}
      {duplicate && <DuplicateBlock duplicate={duplicate} selfId={delivery.id} onSelectDelivery={onSelectDelivery} />}
      <p className="arrival-handled small" data-testid="handled-ms">
        {handledMs === null ? <span className="muted">Not answered yet.</span> : <>Answered in {formatDuration(handledMs)}.</>}
      </p>
    </section>
  );
}

function fieldText(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  return typeof value === 'string' ? value : String(value);
}

function ProviderFacts({ provider }: { provider: ProviderInfo }) {
  const fields = Object.entries(provider.fields);
  const terms = providerTerms(provider.id);
  return (
    <>
      <dl className="arrival-facts">
        <dt>Provider</dt>
        <dd>
          <ProviderBadge provider={provider} testId="arrival-provider" />
        </dd>
        <dt>{terms.event}</dt>
        <dd className="mono" data-testid="arrival-event">
          {provider.event ?? '—'}
        </dd>
        <dt>Status</dt>
        <dd className="mono" data-testid="arrival-status">
          {provider.status ?? '—'}
        </dd>
        <dt data-testid="arrival-job-label">{terms.id}</dt>
        <dd className="mono break" data-testid="arrival-job">
          {provider.jobId ?? '—'}
        </dd>
        <dt>Outcome</dt>
        <dd>
          <span className={`outcome-text outcome-${provider.outcome}`} data-testid="arrival-outcome" data-outcome={provider.outcome}>
            {outcomeText(provider.outcome)}
          </span>
        </dd>
      </dl>
      {fields.length > 0 && (
        <table className="arrival-fields" data-testid="arrival-fields" aria-label="Fields of interest">
          <tbody>
            {fields.map(([key, value]) => (
              <tr key={key}>
                <th scope="row" className="mono">
                  {key}
                </th>
                <td className={`mono break${value === null ? ' muted' : ''}`}>{fieldText(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function DuplicateBlock({ duplicate, selfId, onSelectDelivery }: { duplicate: DuplicateInfo; selfId: number; onSelectDelivery?: (id: number) => void }) {
  const compareWith = useCompareWith();
  const retry = duplicate.attempt > 1;
  const showFirst = duplicate.firstId !== selfId;
  const showPrevious = duplicate.previousId !== null && duplicate.previousId !== selfId && duplicate.previousId !== duplicate.firstId;
  return (
    <div
      className={`duplicate-info${retry ? ' is-retry' : ''}`}
      data-testid="duplicate-info"
      data-attempt={duplicate.attempt}
      data-of={duplicate.of}
      data-payload-changed={duplicate.payloadChanged ? 'true' : 'false'}
    >
      <p className="duplicate-line">
        <strong data-testid="duplicate-attempt">
          attempt {duplicate.attempt} of {duplicate.of}
        </strong>
        <span className="muted">
          {' '}
          of event <span className="mono break">{duplicate.key}</span> ({duplicate.source})
        </span>
      </p>
      {retry && (
        <p className="duplicate-line">
          {duplicate.sincePreviousMs !== null && (
            <span data-testid="duplicate-since">{formatDuration(duplicate.sincePreviousMs)} after the previous attempt. </span>
          )}
          {duplicate.payloadChanged ? (
            <span className="note-inline note-inline-warning" data-testid="payload-changed">
              ⚠ The payload changed since the previous attempt.
              {compareWith && duplicate.previousId !== null && (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={() => compareWith(duplicate.previousId!)} data-testid="payload-changed-compare">
                    See what changed
                  </button>
                </>
              )}
            </span>
          ) : (
            <span className="muted" data-testid="same-payload">
              Same payload as the previous attempt.
            </span>
          )}
        </p>
      )}
      {!retry && duplicate.of > 1 && <p className="duplicate-line muted small">The first delivery of this event; the sender retried it.</p>}
      {onSelectDelivery && (showFirst || showPrevious) && (
        <p className="duplicate-links">
          {showFirst && (
            <button type="button" className="link-button" onClick={() => onSelectDelivery(duplicate.firstId)} data-testid="goto-first-attempt">
              {duplicate.previousId === duplicate.firstId ? 'Previous (first) attempt' : 'First attempt'} (#{duplicate.firstId})
            </button>
          )}
          {showPrevious && duplicate.previousId !== null && (
            <button
              type="button"
              className="link-button"
              onClick={() => onSelectDelivery(duplicate.previousId!)}
              data-testid="goto-previous-attempt"
            >
              Previous attempt (#{duplicate.previousId})
            </button>
          )}
        </p>
      )}
    </div>
  );
}
