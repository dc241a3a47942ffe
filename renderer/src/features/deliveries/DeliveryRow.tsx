import type { DeliverySummary } from '../../../../electron/contract/index.js';
import { MethodBadge } from '../../components/MethodBadge.js';
import { VerificationBadge } from '../../components/VerificationBadge.js';
import { formatBytes, formatClock, formatStatus, statusClass } from '../../lib/format.js';

export function DeliveryRow({ delivery, selected }: { delivery: DeliverySummary; selected: boolean }) {
  return (
    <>
      <div className="row-line">
        <MethodBadge method={delivery.method} />
        <span className="row-target mono" title={delivery.query ? `${delivery.path}?${delivery.query}` : delivery.path}>
          {delivery.path}
          {delivery.query && <span className="row-query">?{delivery.query}</span>}
        </span>
        {delivery.rejected !== null && (
          <span className="marker marker-rejected" title={delivery.rejected}>
            rejected
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
