import { useCallback, useEffect, useState } from 'react';

/**
 * What the address bar holds, so a view can be linked, reloaded and stepped through with back and
 * forward: the endpoint shown, the search, the open delivery and its tab. The query string is the
 * page's own (the sign-in code never stays in it), read and written through the History API.
 */
export interface Address {
  endpoint: string | null;
  q: string;
  delivery: number | null;
  tab: string | null;
}

export function readAddress(search: string): Address {
  const params = new URLSearchParams(search);
  const id = Number(params.get('delivery'));
  return {
    endpoint: params.get('endpoint') || null,
    q: params.get('q') ?? '',
    delivery: Number.isSafeInteger(id) && id > 0 ? id : null,
    tab: params.get('tab') || null,
  };
}

export function writeAddress(address: Address): string {
  const params = new URLSearchParams();
  if (address.endpoint !== null) params.set('endpoint', address.endpoint);
  if (address.q !== '') params.set('q', address.q);
  if (address.delivery !== null) params.set('delivery', String(address.delivery));
  if (address.tab !== null && address.delivery !== null) params.set('tab', address.tab);
  const search = params.toString();
  return search === '' ? location.pathname : `${location.pathname}?${search}`;
}

/** `push` makes a step back and forward move between (a new endpoint, query or delivery); `replace` does not (typing, a tab). */
export type AddressChange = (patch: Partial<Address>, mode?: 'push' | 'replace') => void;

export function useAddress(): [Address, AddressChange] {
  const [address, setAddress] = useState<Address>(() => readAddress(location.search));

  useEffect(() => {
    const onPop = () => setAddress(readAddress(location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const change = useCallback<AddressChange>((patch, mode = 'push') => {
    const next = { ...readAddress(location.search), ...patch };
    const url = writeAddress(next);
    if (url !== `${location.pathname}${location.search}`) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    setAddress(next);
  }, []);

  return [address, change];
}
