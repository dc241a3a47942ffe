import { CopyButton } from '../../components/CopyButton.js';
import './deliveries.css';

/** First-run help: where to send a request, with a command that does it. */
export function EmptyDeliveries({ captureUrl, endpoint }: { captureUrl: string | null; endpoint: string | null }) {
  // "default" catches every unclaimed path, so any path works for it and for "All".
  const target = captureUrl ? `${captureUrl}/${endpoint === null || endpoint === 'default' ? 'hello' : endpoint}` : null;
  const curl = target && `curl -X POST ${target} -H 'Content-Type: application/json' -d '{"hello":"world"}'`;
  return (
    <div className="empty-state" data-testid="empty-deliveries">
      <p>
        No deliveries yet — send a request to <code className="mono">{target ?? '…'}</code>
      </p>
      {curl && (
        <div className="example">
          <pre className="mono">{curl}</pre>
          <CopyButton text={curl} label="Copy command" />
        </div>
      )}
    </div>
  );
}
