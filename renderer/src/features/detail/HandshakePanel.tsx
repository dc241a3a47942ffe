// A handshake delivery: which handshake it was and what Hookscope answered. For Amazon SNS, the
// Confirm button is the only way the SubscribeURL is ever visited (the core checks its host).
import { useState } from 'react';
import type { Delivery, HandshakeInfo } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { useClient } from '../../state/client-context.js';
import './detail.css';

const KIND_NAMES: Record<HandshakeInfo['kind'], string> = {
  'slack-url-verification': 'Slack url_verification',
  'zoom-url-validation': 'Zoom endpoint.url_validation',
  'twitch-verification': 'Twitch webhook_callback_verification',
  'graph-validation': 'Microsoft Graph validationToken',
  'meta-subscribe': 'Meta hub.mode=subscribe',
  'dropbox-challenge': 'Dropbox challenge',
  'asana-hook-secret': 'Asana X-Hook-Secret',
  'sns-subscription': 'Amazon SNS SubscriptionConfirmation',
};

export function HandshakePanel({ delivery }: { delivery: Delivery }) {
  const client = useClient();
  const [handshake, setHandshake] = useState(delivery.handshake);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!handshake) return null;
  const confirm = () => {
    setBusy(true);
    setError(null);
    client.invoke('deliveries.confirm', { id: delivery.id }).then(
      (result) => {
        setBusy(false);
        setHandshake(result.handshake);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };
  return (
    <div className="alert alert-info" data-testid="handshake-panel">
      <strong>Handshake: {KIND_NAMES[handshake.kind] ?? handshake.kind}.</strong> <span data-testid="handshake-answered">{handshake.answered}</span>
      {handshake.kind === 'sns-subscription' && handshake.confirmed === false && (
        <div>
          <button type="button" onClick={confirm} disabled={busy} data-testid="confirm-subscription">
            {busy ? 'Confirming…' : 'Confirm subscription'}
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="confirm-subscription-error">
          {error}
        </p>
      )}
    </div>
  );
}
