import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Delivery } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { useClient } from '../../state/client-context.js';
import { deliverySubject } from './diff-subject.js';
import { DiffView } from './DiffView.js';

type Other = { status: 'none' } | { status: 'loading'; id: number } | { status: 'ready'; delivery: Delivery } | { status: 'error'; message: string };

/**
 * The open delivery compared with another one: picked by id, or its event's previous attempt.
 * The other delivery is the "−" side, the open one the "+" side.
 */
export function ComparePanel({ delivery, otherId, onOtherId, onClose }: { delivery: Delivery; otherId: number | null; onOtherId: (id: number) => void; onClose: () => void }) {
  const client = useClient();
  const [typed, setTyped] = useState(otherId === null ? '' : String(otherId));
  const [other, setOther] = useState<Other>({ status: 'none' });
  const previousId = delivery.duplicate?.previousId ?? null;

  useEffect(() => {
    if (otherId === null) {
      setOther({ status: 'none' });
      return;
    }
    setTyped(String(otherId));
    let current = true;
    setOther({ status: 'loading', id: otherId });
    client.invoke('deliveries.get', { id: otherId }).then(
      (loaded) => current && setOther({ status: 'ready', delivery: loaded }),
      (failure: unknown) => current && setOther({ status: 'error', message: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [client, otherId]);

  const left = useMemo(() => (other.status === 'ready' ? deliverySubject(other.delivery) : null), [other]);
  const right = useMemo(() => deliverySubject(delivery), [delivery]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = Number(typed.trim().replace(/^#/, ''));
    if (Number.isSafeInteger(id) && id > 0) onOtherId(id);
  };

  return (
    <section className="compare-panel" aria-label="Compare deliveries" data-testid="compare-panel">
      <form className="compare-form" onSubmit={submit}>
        <label>
          Compare #{delivery.id} with delivery{' '}
          <input className="mono" inputMode="numeric" value={typed} placeholder="id" onChange={(event) => setTyped(event.target.value)} aria-label="Other delivery id" data-testid="compare-id" />
        </label>
        <button type="submit" data-testid="compare-go">
          Compare
        </button>
        {previousId !== null && previousId !== delivery.id && (
          <button type="button" className="link-button" onClick={() => onOtherId(previousId)} data-testid="compare-previous">
            the previous attempt (#{previousId})
          </button>
        )}
        <button type="button" className="link-button" onClick={onClose} data-testid="compare-close">
          Close
        </button>
      </form>
      {other.status === 'loading' && <p className="muted">Loading delivery {other.id}…</p>}
      {other.status === 'error' && (
        <p className="error-text" role="alert" data-testid="compare-error">
          {other.message}
        </p>
      )}
      {left && <DiffView left={left} right={right} />}
    </section>
  );
}
