import { useEffect, useState } from 'react';
import type { Delivery } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { base64ToBytes } from '../../lib/base64.js';
import { useClient } from '../../state/client-context.js';

export type DecodedState =
  | { status: 'plain' }
  | { status: 'loading'; encodings: string[] }
  | { status: 'ready'; encodings: string[]; bytes: Uint8Array }
  | { status: 'error'; encodings: string[]; message: string };

/** The codings named in Content-Encoding (identity aside), in the order applied. */
export function contentCodings(headers: Delivery['headers']): string[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'content-encoding')
    .flatMap(([, value]) => value.split(','))
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
}

/**
 * A compressed body decoded by the core (`deliveries.decoded`: bounded, on an analysis thread):
 * the page never inflates a stranger's bytes itself.
 */
export function useDecodedBody(delivery: Delivery, received: Uint8Array): DecodedState {
  const client = useClient();
  const encodings = contentCodings(delivery.headers);
  const encoded = encodings.length > 0 && received.length > 0;
  const [state, setState] = useState<DecodedState>(encoded ? { status: 'loading', encodings } : { status: 'plain' });
  useEffect(() => {
    if (!encoded) {
      setState({ status: 'plain' });
      return;
    }
    let current = true;
    setState({ status: 'loading', encodings });
    client.invoke('deliveries.decoded', { id: delivery.id }).then(
      (answer) => current && setState({ status: 'ready', encodings, bytes: base64ToBytes(answer.body) }),
      (failure: unknown) => current && setState({ status: 'error', encodings, message: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
    // encodings is derived from the delivery: its id and headers are the inputs.
  }, [client, delivery.id, encoded, encodings.join(',')]);
  return state;
}
