import type { DeliverySummary } from '../../../../electron/contract/index.js';
import { MethodBadge } from '../../components/MethodBadge.js';
import { VerificationBadge } from '../../components/VerificationBadge.js';
import { formatBytes, formatRowTime, formatStatus, statusClass } from '../../lib/format.js';
import { AttemptBadge, ProviderBadge } from '../../components/ProviderBadge.js';
import './deliveries.css';

/**
 * What arrived, first: the event type (payment_intent.succeeded, push.opened) or, for the job
 * senders, the job and its status ("completed cma1…"); the path only when nothing was recognised.
 */
export function rowHeadline(delivery: DeliverySummary): { text: string; kind: 'event' | 'job' | 'path' } {
  const provider = delivery.provider;
  if (provider?.event && provider.event !== 'job') return { text: provider.event, kind: 'event' };
  if (provider?.summary) return { text: provider.summary, kind: 'job' };
  return { text: delivery.path, kind: 'path' };
}

export function DeliveryRow({ delivery, selected }: { delivery: DeliverySummary; selected: boolean }) {
  const headline = rowHeadline(delivery);
  const target = delivery.query ? `${delivery.path}?${delivery.query}` : delivery.path;
  return (
    <>
      <div className="row-line">
        {delivery.provider && <ProviderBadge provider={delivery.provider} />}
        <span className={`row-headline${headline.kind === 'path' ? ' mono' : ''}`} title={headline.text} data-testid="row-headline">
          {headline.text}
        </span>
        <AttemptBadge attempt={delivery.attempt} />
        {delivery.handshake && (
          <span className="marker marker-handshake" title={delivery.handshake.answered} data-testid="handshake-marker">
            handshake
          </span>
        )}
        {delivery.rejected !== null && (
          <span className="marker marker-rejected" title={delivery.rejected}>
            rejected
          </span>
        )}
        {delivery.imported && (
          <span className="marker marker-imported" title="Imported from a HAR or JSON export, not captured" data-testid="imported-marker">
            imported
          </span>
        )}
        {delivery.node !== null && (
          <span className="marker marker-imported" title={`Captured by team node ${delivery.node}`} data-testid="team-node-marker">
            team
          </span>
        )}
        {delivery.viaTunnel && (
          <span className="marker marker-tunnel" title="Arrived through the public tunnel URL" data-testid="tunnel-marker">
            tunnel
          </span>
        )}
        <VerificationBadge status={delivery.verification} />
      </div>
      <div className="row-line row-meta">
        <MethodBadge method={delivery.method} />
        <span className="row-target mono" title={target}>
          {delivery.path}
          {delivery.query && <span className="row-query">?{delivery.query}</span>}
        </span>
        {headline.kind === 'event' && delivery.provider?.summary && (
          <span className="row-summary" title={delivery.provider.summary} data-testid="provider-summary">
            {delivery.provider.summary}
          </span>
        )}
        <span className="row-endpoint mono">{delivery.endpoint}</span>
        <span
          className={`row-status mono ${statusClass(delivery.responseStatus)}`}
          title={delivery.responseStatus === 0 ? 'no response sent' : 'response status'}
        >
          {formatStatus(delivery.responseStatus)}
        </span>
        <span className="row-size">{formatBytes(delivery.bodySize)}</span>
        <time className="row-time mono" dateTime={delivery.receivedAt} title={delivery.receivedAt}>
          {formatRowTime(delivery.receivedAt)}
        </time>
        {selected && <span className="visually-hidden">(selected)</span>}
      </div>
    </>
  );
}
