import { useCallback, useEffect, useRef, useState } from 'react';
import type { EndpointTraffic, TrafficRange } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { useClient } from '../../state/client-context.js';

type State = { traffic: EndpointTraffic | null; error: string | null };

/** The endpoint's traffic, refetched (at most once a second) as its deliveries arrive; stale answers dropped. */
export function useTraffic(slug: string, range: TrafficRange): State {
  const client = useClient();
  const [state, setState] = useState<State>({ traffic: null, error: null });
  const sequence = useRef(0);

  const load = useCallback(() => {
    const mine = ++sequence.current;
    client.invoke('endpoints.traffic', { slug, range }).then(
      (traffic) => mine === sequence.current && setState({ traffic, error: null }),
      (failure: unknown) => mine === sequence.current && setState((now) => ({ ...now, error: errorMessage(failure) })),
    );
  }, [client, slug, range]);

  useEffect(() => {
    setState({ traffic: null, error: null });
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        load();
      }, 1000);
    };
    const offEvents = client.on((message) => {
      if (message.event === 'delivery.stored' && message.data.endpoint === slug) later();
      else if (message.event === 'deliveries.cleared' || message.event === 'delivery.deleted' || message.event === 'deliveries.pruned') later();
    });
    // Back from a dropped event stream: what arrived meanwhile was not announced.
    const offConnection = client.onConnection((connection) => connection === 'live' && later());
    // The bars move on with the clock even when nothing arrives.
    const tick = setInterval(load, 60_000);
    return () => {
      sequence.current += 1;
      clearTimeout(timer);
      clearInterval(tick);
      offEvents();
      offConnection();
    };
  }, [client, slug, load]);

  return state;
}
