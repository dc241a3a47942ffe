import type { DeliverySummary } from '../../../../electron/contract/index.js';
import { MethodBadge } from '../../components/MethodBadge.js';
import { VerificationBadge } from '../../components/VerificationBadge.js';
import { formatBytes, formatClock, formatStatus, statusClass } from '../../lib/format.js';
import { AttemptBadge, ProviderBadge } from '../arrival/ProviderBadge.js';

export function DeliveryRow({ delivery, selected }: { delivery: DeliverySummary; selected: boolean }) {
  return (
    <>
      <div className="row-line">
        <MethodBadge method={delivery.method} />
        <span className="row-target mono" title={delivery.query ? `${delivery.path}?${delivery.query}` : delivery.path}>
          {delivery.path}
          {delivery.query && <span className="row-query">?{delivery.query}</span>}
        </span>
        {delivery.provider && <ProviderBadge provider={delivery.provider} />}
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
        {delivery.viaTunnel && (
          <span className="marker marker-tunnel" title="Arrived through the public tunnel URL" data-testid="tunnel-marker">
            tunnel
          </span>
        )}
      </div>
      <div className="row-line row-meta">
        <span className="row-endpoint mono">{delivery.endpoint}</span>
        {delivery.provider?.summary && (
          <span className="row-summary" title={delivery.provider.summary} data-testid="provider-summary">
            {delivery.provider.summary}
          </span>
        )}
        <VerificationBadge status={delivery.verification} />
        <span
          className={`row-status mono ${statusClass(delivery.responseStatus)}`}
          title={delivery.responseStatus === 0 ? 'no response sent' : 'response status'}
        >
          {formatStatus(delivery.responseStatus)}
        </span>
        <span className="row-size">{formatBytes(delivery.bodySize)}</span>
        <time className="row-time mono" dateTime={delivery.receivedAt} title={delivery.receivedAt}>
          {formatClock(delivery.receivedAt)}
        </time>
        {selected && <span className="visually-hidden">(selected)</span>}
      </div>
    </>
  );
}
