import type { ReactNode } from 'react';
import type { AnalysisFailure, Delivery } from '../../../../electron/contract/index.js';
import { VerificationBadge } from '../../components/VerificationBadge.js';
import { formatBytes, formatLocalDateTime, statusClass } from '../../lib/format.js';
import { ArrivalSummary } from './ArrivalSummary.js';
import { useSelectDelivery } from '../../state/select-delivery.js';
import { HandshakePanel } from './HandshakePanel.js';
import './detail.css';

function Field({ label, children, mono = true }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </>
  );
}

const stageNames: Record<AnalysisFailure['stage'], string> = {
  verify: 'The signature check',
  recognize: 'Recognising the provider and event',
  documents: 'Reading the PDF in the body',
};

/** Analysis after capture that could not be done for this delivery; the delivery itself is stored. */
function AnalysisFailures({ failures }: { failures: AnalysisFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <div className="alert alert-warning" data-testid="analysis-failures">
      <strong>Not fully analysed.</strong> The request is stored exactly as received, but:
      <ul>
        {failures.map((failure) => (
          <li key={failure.stage} data-testid={`analysis-failure-${failure.stage}`}>
            {stageNames[failure.stage] ?? failure.stage} could not be done: {failure.reason}.
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OverviewTab({ delivery, onShowSignature }: { delivery: Delivery; onShowSignature: () => void }) {
  // Jumps to another delivery (the first or previous attempt of the same event).
  const onSelectDelivery = useSelectDelivery() ?? undefined;
  return (
    <div className="overview">
      <ArrivalSummary delivery={delivery} onSelectDelivery={onSelectDelivery} />
      <HandshakePanel key={delivery.id} delivery={delivery} />
      {delivery.rejected !== null && (
        <p className="alert alert-danger" data-testid="rejected-reason">
          <strong>Rejected:</strong> {delivery.rejected}
        </p>
      )}
      <AnalysisFailures failures={delivery.analysisFailures ?? []} />
      {delivery.headersTruncated && (
        <p className="alert alert-warning" data-testid="headers-truncated">
          The header block was larger than the capture limit; some headers were not recorded.
        </p>
      )}
      <dl className="fields">
        <Field label="ID">{delivery.id}</Field>
        <Field label="Endpoint">{delivery.endpoint}</Field>
        <Field label="Signature" mono={false}>
          <span className="overview-verification" data-testid="overview-verification">
            <VerificationBadge status={delivery.verification?.status ?? null} testId="overview-verification-status" />
            {delivery.verification && <span className="mono muted">{delivery.verification.scheme}</span>}
            <span className="overview-verification-reason" title={delivery.verification?.reason}>
              {delivery.verification?.reason ?? 'Being verified…'}
            </span>
            <button type="button" className="link-button" onClick={onShowSignature}>
              Details
            </button>
          </span>
        </Field>
        <Field label="Received">
          {delivery.receivedAt}
          <span className="muted"> · {formatLocalDateTime(delivery.receivedAt)} local</span>
        </Field>
        <Field label="Method">{delivery.method}</Field>
        <Field label="URL">
          <span className="break">{delivery.url}</span>
        </Field>
        <Field label="HTTP version">{delivery.httpVersion}</Field>
        <Field label="Remote address">{delivery.remoteAddress ?? '—'}</Field>
        <Field label="Via tunnel">{delivery.viaTunnel ? 'yes' : 'no'}</Field>
        <Field label="Body size">
          {formatBytes(delivery.bodySize)}
          {delivery.bodySize >= 1024 && <span className="muted"> ({delivery.bodySize.toLocaleString()} bytes)</span>}
        </Field>
        <Field label="SHA-256">
          <span className="break">{delivery.bodySha256}</span>
        </Field>
        <Field label="Content type">{delivery.contentType ?? '—'}</Field>
        <Field label="Response">
          {delivery.responseStatus === 0 ? (
            <span className="muted">none sent</span>
          ) : (
            <span className={statusClass(delivery.responseStatus)}>{delivery.responseStatus}</span>
          )}
        </Field>
      </dl>
    </div>
  );
}
