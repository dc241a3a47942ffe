import { useState } from 'react';
import type { Delivery, Verification } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { formatLocalDateTime } from '../../lib/format.js';
import { describeSkew, schemeLabel, statusClassName, statusText, statusTitle } from '../../lib/verification.js';
import { useClient } from '../../state/client-context.js';
import './detail.css';

const ICONS = { valid: '✓', invalid: '✗', missing: '!', unverified: '–', pending: '…' } as const;

/** Whether the signature holds, why (not), and what was compared. Every value here is shown as text. */
export function SignatureTab({ delivery, onReverified }: { delivery: Delivery; onReverified: () => void }) {
  const verification = delivery.verification;
  const status = verification?.status ?? null;
  return (
    <div className="signature-tab" data-testid="verification-panel">
      <div className={`verification-hero ${statusClassName(status)}`}>
        <span className="verification-icon" aria-hidden="true">
          {ICONS[status ?? 'pending']}
        </span>
        <div className="verification-hero-text">
          <div className="verification-status" data-testid="verification-status" title={statusTitle(status)}>
            {statusText(status)}
          </div>
          <div className="verification-scheme muted">
            {verification ? (
              <>
                Scheme <span className="mono" data-testid="verification-scheme-used">{verification.scheme}</span>
                {schemeLabel(verification.scheme) !== verification.scheme && <> · {schemeLabel(verification.scheme)}</>}
              </>
            ) : (
              'Being verified…'
            )}
          </div>
        </div>
        <ReverifyButton id={delivery.id} onDone={onReverified} />
      </div>
      <p className="verification-reason" data-testid="verification-reason">
        {verification?.reason ?? 'The signature is being checked; this updates by itself.'}
      </p>
      {verification && <Details details={verification.details} />}
      <p className="muted small">Re-verify checks the stored bytes again with the endpoint’s current scheme and secret, and the time the delivery arrived.</p>
    </div>
  );
}

function ReverifyButton({ id, onDone }: { id: number; onDone: () => void }) {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const run = () => {
    setState({ busy: true, error: null });
    client.invoke('deliveries.verify', { id }).then(
      () => {
        setState({ busy: false, error: null });
        onDone();
      },
      (failure: unknown) => setState({ busy: false, error: errorMessage(failure) }),
    );
  };
  return (
    <div className="reverify">
      <button type="button" onClick={run} disabled={state.busy} data-testid="reverify-delivery">
        {state.busy ? 'Verifying…' : 'Re-verify'}
      </button>
      {state.error && (
        <span className="error-text" role="alert">
          {state.error}
        </span>
      )}
    </div>
  );
}

function Details({ details }: { details: Verification['details'] }) {
  const { signedContentPreview, expected, received, timestamp, skewSeconds } = details;
  const nothing = signedContentPreview === null && expected === null && received === null && timestamp === null && skewSeconds === null;
  if (nothing) return null;
  const same = expected !== null && received !== null && expected === received;
  return (
    <div className="verification-details" data-testid="verification-details">
      {signedContentPreview !== null && (
        <>
          <h3 className="section-title">Signed content</h3>
          <pre className="mono body-pre signed-preview" data-testid="verification-signed-content">
            {signedContentPreview}
          </pre>
        </>
      )}
      {(expected !== null || received !== null) && (
        <>
          <h3 className="section-title">
            Signature{' '}
            {expected !== null && received !== null && (
              <span className={same ? 'compare-note compare-same' : 'compare-note compare-differs'}>{same ? 'identical' : 'differ'}</span>
            )}
          </h3>
          <div className="signature-compare">
            <div className="signature-side">
              <div className="signature-label">Expected (computed here)</div>
              <pre className="mono body-pre signature-value" data-testid="verification-expected">
                {expected ?? '—'}
              </pre>
            </div>
            <div className="signature-side">
              <div className="signature-label">Received (header as sent)</div>
              <pre className="mono body-pre signature-value" data-testid="verification-received">
                {received ?? '—'}
              </pre>
            </div>
          </div>
        </>
      )}
      {(timestamp !== null || skewSeconds !== null) && (
        <>
          <h3 className="section-title">Timestamp</h3>
          <dl className="fields">
            {timestamp !== null && (
              <>
                <dt>Signed at</dt>
                <dd className="mono" data-testid="verification-timestamp">
                  {timestamp}
                  <span className="muted"> · {formatLocalDateTime(timestamp)} local</span>
                </dd>
              </>
            )}
            {skewSeconds !== null && (
              <>
                <dt>Skew</dt>
                <dd className="mono" data-testid="verification-skew">
                  {describeSkew(skewSeconds)}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
    </div>
  );
}
