import type { Endpoint, Settings, SystemInfo, TunnelStatus } from '../../../electron/contract/index.js';

const stripSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The base URL senders reach from the internet: the tunnel's URL while it is usable (connected,
 * or reconnecting to the same URL), else the "I run my own tunnel" setting, else none.
 */
export function publicBaseUrl(tunnel: TunnelStatus | null, settings: Settings | null, info: SystemInfo | null): string | null {
  if (tunnel && tunnel.url && (tunnel.state === 'connected' || tunnel.state === 'reconnecting')) return stripSlash(tunnel.url);
  if (settings) return settings.publicUrl ? stripSlash(settings.publicUrl) : null;
  // Neither loaded yet: system.info's answer (tunnel or setting). Once the tunnel's status is known,
  // that answer may name a tunnel that has since gone down, so it is no longer used.
  return tunnel === null && info?.publicUrl ? stripSlash(info.publicUrl) : null;
}

export interface EndpointPublicUrl {
  /** What is shown: for the catch-all endpoint, base + "/…any path". */
  shown: string;
  /** What the Copy button copies. */
  copied: string;
}

/** An endpoint's public URL: its own override, else base + "/" + slug; null when there is none. */
export function endpointPublicUrl(base: string | null, endpoint: Endpoint): EndpointPublicUrl | null {
  if (endpoint.publicUrl) return { shown: endpoint.publicUrl, copied: endpoint.publicUrl };
  if (!base) return null;
  if (endpoint.builtIn) return { shown: `${base}/…any path`, copied: `${base}/` };
  return { shown: `${base}/${endpoint.slug}`, copied: `${base}/${endpoint.slug}` };
}
