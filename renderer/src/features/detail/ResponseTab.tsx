import type { Delivery } from '../../../../electron/contract/index.js';
import { statusClass } from '../../lib/format.js';
import { HeadersTable } from '../../components/HeadersTable.js';
import './detail.css';

/** What Hookscope answered the sender, per the endpoint's response rule at that time. */
export function ResponseTab({ delivery }: { delivery: Delivery }) {
  const { response } = delivery;
  if (response.status === 0) {
    return (
      <p className="muted" data-testid="response-tab">
        No response was sent{delivery.rejected ? ` (${delivery.rejected})` : ''}.
      </p>
    );
  }
  return (
    <div className="response-tab" data-testid="response-tab">
      <p>
        Status <strong className={`mono ${statusClass(response.status)}`}>{response.status}</strong>
      </p>
      <h3 className="section-title">Headers</h3>
      <HeadersTable headers={response.headers} testId="response-headers-table" />
      <h3 className="section-title">Body</h3>
      {response.body === '' ? (
        <p className="muted">Empty body.</p>
      ) : (
        <pre className="mono body-pre" data-testid="response-body">
          {response.body}
        </pre>
      )}
    </div>
  );
}
