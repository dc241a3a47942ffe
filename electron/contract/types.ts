// JSON-safe data shapes shared by the core, the hosts (serve, Electron) and the renderer.
// No Node and no DOM types here: the renderer typechecks this file without either.

/** A header exactly as it crossed the wire: original case, in order, duplicates kept. */
export type HeaderPair = [name: string, value: string];

/** What an endpoint answers to every sender. Later failure modes and provider presets extend it. */
export interface ResponseRule {
  status: number;
  headers: HeaderPair[];
  /** UTF-8 text sent as the response body. */
  body: string;
  /** Wait this long after the delivery is stored before answering. */
  delayMs: number;
}

export type VerificationStatus = 'valid' | 'invalid' | 'missing' | 'unverified';

/** Whether a delivery's signature holds, and if not, the likely cause. */
export interface Verification {
  /** The scheme used (for `auto`, the one detected). */
  scheme: string;
  status: VerificationStatus;
  /** One sentence: why it is valid, or the likely cause of the failure. Never contains the secret. */
  reason: string;
  details: {
    signedContentPreview: string | null;
    expected: string | null;
    received: string | null;
    timestamp: string | null;
    skewSeconds: number | null;
  };
}

/** An endpoint's verification settings as the API shows them: the secret itself never leaves the core. */
export interface EndpointVerification {
  scheme: string;
  secretSet: boolean;
  /** The secret's last four characters ("…abcd"), or "…" for short secrets. */
  secretHint: string | null;
  /** Scheme options (header name, algorithm, tolerance, …). */
  options: Record<string, unknown>;
}

export interface Endpoint {
  slug: string;
  name: string;
  /** The built-in `default` endpoint takes every path no other slug claims; it cannot be deleted. */
  builtIn: boolean;
  response: ResponseRule;
  verification: EndpointVerification | null;
  /** The public URL senders call for this endpoint, when set by hand (own tunnel, Twilio signatures). */
  publicUrl: string | null;
  createdAt: string;
}

export interface DeliverySummary {
  id: number;
  endpoint: string;
  /** ISO 8601, millisecond precision. */
  receivedAt: string;
  method: string;
  /** The path part of the raw URL (no query), as sent. */
  path: string;
  /** The query string without `?`, as sent; "" when none. */
  query: string;
  bodySize: number;
  contentType: string | null;
  responseStatus: number;
  viaTunnel: boolean;
  headersTruncated: boolean;
  /** Why the listener refused the request (too large, incomplete), or null when accepted. */
  rejected: string | null;
  /** The signature verdict; null while it is being computed (just after arrival). */
  verification: VerificationStatus | null;
}

export interface SentResponse {
  status: number;
  headers: HeaderPair[];
  body: string;
}

export interface Delivery extends Omit<DeliverySummary, 'path' | 'query' | 'verification'> {
  path: string;
  query: string;
  /** The request target exactly as sent: path and query. */
  url: string;
  httpVersion: string;
  headers: HeaderPair[];
  /** Body bytes, base64. */
  body: string;
  bodySha256: string;
  remoteAddress: string | null;
  response: SentResponse;
  verification: Verification | null;
}

export type TunnelState = 'connecting' | 'connected' | 'reconnecting' | 'down';

/** The public URL's health, as the tunnel supervisor sees it. */
export interface TunnelStatus {
  state: TunnelState;
  /** The public URL senders call; kept while reconnecting, null when down. */
  url: string | null;
  /** The localtunnel server, e.g. https://localtunnel.me. */
  host: string;
  subdomain: string | null;
  /** ISO time of the last state change. */
  since: string;
  lastError: string | null;
  /** The last (re)connect got a different URL than before: provider dashboards must be updated. */
  urlChanged: boolean;
  previousUrl: string | null;
}

/** Something that breaks webhooks sent through a public tunnel server, for the UI to explain. */
export interface TunnelLimit {
  id: string;
  title: string;
  detail: string;
}

export interface RetentionSettings {
  /** Keep at most this many deliveries (all endpoints together); null = no limit. */
  maxCount: number | null;
  /** Delete deliveries older than this many days; null = keep forever. */
  maxAgeDays: number | null;
}

export interface TunnelSettings {
  /** A self-hosted localtunnel server; null = localtunnel's public server. */
  host: string | null;
  /** The subdomain to ask for; null = any. */
  subdomain: string | null;
}

export interface Settings {
  retention: RetentionSettings;
  tunnel: TunnelSettings;
  /**
   * The public base URL of your own tunnel (ngrok, cloudflared) when you do not use Hookscope's;
   * the UI, Twilio verification and provider hints use it. Null = the tunnel's URL, if any.
   */
  publicUrl: string | null;
}

export interface SystemInfo {
  version: string;
  /** Where senders post: `${captureUrl}/${slug}`. */
  captureUrl: string;
  dataDir: string;
  databaseFile: string;
  bodyLimitBytes: number;
  /** The base URL senders reach from the internet: the connected tunnel, else the publicUrl setting, else null. */
  publicUrl: string | null;
  tunnelLimits: TunnelLimit[];
  /** How signing secrets are protected at rest; protectsSecrets false means effectively in clear. */
  secretStorage: { kind: 'safe-storage' | 'key-file' | 'plain-text'; protectsSecrets: boolean };
}

export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'store_unavailable'
  | 'internal';

/** The one error shape every transport carries: `{error: {code, message}}`. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}
