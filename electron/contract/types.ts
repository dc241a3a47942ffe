import type { ArchiveSettings, DuplicateInfo, FailureMode, Outcome, ProviderInfo, ProviderProfileKey } from './recognition.js';
import type { AnalysisStage, ReplayMode, StatusClass, TrafficRange, VerificationStatus } from './names.js';
import type { HandshakeKind } from './providers.js';

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

export type { VerificationStatus } from './names.js';

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
    /**
     * For schemes whose key sits behind a URL the request names (sns, paypal, adobe-io): the URL
     * of the certificate or key the verifier needs and did not have. Set only with status
     * `unverified`; the core may fetch it (allowed hosts only) and verify again.
     */
    certificateUrl?: string | null;
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
  /** Live forwarding of every new delivery to a target, or null. */
  forward: ForwardRule | null;
  /** Misbehave on purpose to exercise the sender's retries, or null. */
  failureMode: FailureMode | null;
  /** How far "fail the first N" has got (kept across restarts); null for other modes or none. */
  failureModeState: FailureModeState | null;
  /** The provider whose contract (deadline, ack) this endpoint is held to; null = the one recognised. */
  provider: ProviderProfileKey | null;
  /**
   * Answer the endpoint-validation handshakes of its provider (or scheme) for the user: Slack's
   * url_verification, Zoom's url_validation, Twitch's callback verification, Microsoft Graph's
   * validationToken, Meta's hub.challenge, Dropbox's challenge, Asana's X-Hook-Secret; Amazon SNS's
   * SubscriptionConfirmation waits for a click (deliveries.confirm). Default true.
   */
  handshakes: boolean;
  /** The token Meta/WhatsApp send as hub.verify_token; null: the endpoint's secret is the token. */
  verifyToken: string | null;
  /**
   * Team mode: the endpoint's deliveries, replay attempts and definition are shared with the team
   * through PostgreSQL (docs/team.md). Default false: an endpoint stays on this machine.
   */
  shared: boolean;
  createdAt: string;
}

/** A handshake delivery: which one, and what Hookscope answered (or, for SNS, what it waits for). */
export interface HandshakeInfo {
  kind: HandshakeKind;
  /** For people: "echoed the challenge as JSON", "refused: hub.verify_token does not match". */
  answered: string;
  /** SNS only: the subscription was confirmed (the user clicked), false while waiting, null for other kinds. */
  confirmed: boolean | null;
}

/**
 * Progress of a `fail-first` mode since it was last set. Per endpoint: `failed` of `count` so far,
 * `remaining` to go ("failing on purpose: 2 of 3 left"). Per event, every new event fails `count`
 * times: `remaining` is null and `events` says how many events have failed so far.
 */
export interface FailureModeState {
  per: 'endpoint' | 'event';
  count: number;
  /** Deliveries failed on purpose since the mode was set (all events together, per event). */
  failed: number;
  /** Per endpoint: failures left before the endpoint answers as its rule says; per event: null. */
  remaining: number | null;
  /** Per event: events (by duplicate key) that have failed at least once; per endpoint: null. */
  events: number | null;
}

/**
 * Live forwarding: every delivery the endpoint accepts is sent on to `target` as-is, one at a time
 * in arrival order, each forward stored as a replay attempt (trigger `forward`). It is also the
 * default target of manual and bulk replays of the endpoint's deliveries.
 */
export interface ForwardRule {
  /** http(s) URL; the part of the captured URL after `/<slug>` is appended to it (see appendPath). */
  target: string;
  /** false: send to `target` exactly, without the captured path and query. */
  appendPath: boolean;
  /**
   * Answer the sender with the target's response (status, headers, body) instead of the endpoint's
   * own, if it arrives within `timeoutMs` of the delivery being stored; otherwise (target down,
   * slow) the sender gets the endpoint's own response. The delivery is always stored first.
   */
  relayResponse: boolean;
  /** Per-forward timeout, and the longest a sender waits for a relayed response. */
  timeoutMs: number;
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
  /** Imported from a HAR or JSON export rather than captured. */
  imported: boolean;
  /** Who sent it and what it means; null while being recognised or when unknown. */
  provider: { id: string; name: string; event: string | null; outcome: Outcome; summary: string } | null;
  /** The attempt number among deliveries of the same event (1 = first), or null without an event id. */
  attempt: number | null;
  /** Set when the delivery was an endpoint-validation handshake. */
  handshake: HandshakeInfo | null;
  /** Team mode: the node that captured it, when another one did (replicated); null: captured here. */
  node: string | null;
}

export interface SentResponse {
  status: number;
  headers: HeaderPair[];
  body: string;
}

export interface Delivery extends Omit<DeliverySummary, 'path' | 'query' | 'verification' | 'provider'> {
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
  provider: ProviderInfo | null;
  duplicate: DuplicateInfo | null;
  /** How long the sender waited for its answer, in ms; null until answered. */
  handledMs: number | null;
  /** Analysis that could not be done for this delivery (it threw, or overran its time or memory budget). */
  analysisFailures: AnalysisFailure[];
}

/**
 * One stage of the analysis after capture that failed: `verify` (the signature), `recognize`
 * (provider, event, duplicates, links), `documents` (a PDF in the body). The delivery itself is stored.
 */
export interface AnalysisFailure {
  stage: AnalysisStage;
  /** e.g. "it ran past its 5 s budget and was stopped". */
  reason: string;
}

/** A body with its Content-Encoding undone (`deliveries.decoded`). */
export interface DecodedBody {
  /** The decoded bytes, base64. */
  body: string;
  size: number;
  /** The codings undone, in the order the sender applied them ([] when the body was not encoded). */
  encodings: string[];
  contentType: string | null;
}

export type TunnelState = 'connecting' | 'connected' | 'reconnecting' | 'down';

/**
 * Why a tunnel could not be opened: `dns` the tunnel server's name does not resolve (offline, DNS
 * failing), `refused` nothing accepts connections at its address, `timeout` it did not answer in
 * time, `server` it answered but refused the tunnel (or is not a localtunnel server).
 */
export type TunnelErrorCode = 'dns' | 'refused' | 'timeout' | 'server';

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
  /** What kind of failure lastError is, when it is one the user can act on; null otherwise. */
  errorCode: TunnelErrorCode | null;
  /** Next steps for lastError, one sentence each (check the network, a self-hosted server, your own URL); [] when none. */
  hints: string[];
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
  archive: ArchiveSettings;
}

/** The store as `store.stats` reports it. */
export interface StoreStats {
  deliveries: number;
  /** The database file and its write-ahead log, in bytes. */
  databaseBytes: number;
  /** Deliveries stored before search existed, still being indexed in the background (0 = all searchable). */
  searchIndex: SearchIndexProgress;
}

export interface SearchIndexProgress {
  pending: number;
  total: number;
}

/** Team mode (docs/team.md): this node's link to the team's PostgreSQL. */
export interface TeamStatus {
  /** False when this node runs alone (no `--team`); the other fields are then empty. */
  enabled: boolean;
  /** This node's id in the team (stable across restarts: kept in its SQLite file). */
  node: string | null;
  /** Whether the PostgreSQL connection is up now. */
  connected: boolean;
  /** Every endpoint is shared (`--share-all`). */
  shareAll: boolean;
  /** Whether this node holds the team key (without it, shared secrets cannot be opened: no verification). */
  teamKey: boolean;
  /** Deliveries of shared endpoints captured here and not yet in PostgreSQL. */
  pendingPush: number;
  /** Deliveries this node captured and pushed, and those it took from other nodes, since it started. */
  pushed: number;
  pulled: number;
  /** The last error talking to PostgreSQL (null once it works again). */
  lastError: string | null;
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

/**
 * How a replay builds its request from the stored delivery:
 * - `as-is`: same method, body bytes and headers (in order, minus hop-by-hop, Host and
 *   Content-Length, which are recomputed);
 * - `edited`: method, path, headers and body as given (each defaults to the original);
 * - `resigned`: edited or not, then signed afresh with the endpoint's secret and scheme, with a
 *   fresh timestamp (and id where the scheme has one), replacing the signature headers in place;
 * - `bad-signature`: the same, but with a deliberately wrong signature (a wrong key), to exercise
 *   the receiver's rejection path.
 */
export { replayModes, type ReplayMode } from './names.js';

/** What started an attempt: a replay by hand, live forwarding, or a bulk job. */
export type ReplayTrigger = 'manual' | 'forward' | 'bulk';

/**
 * Why no response came back. `connection_refused`, `timeout`, `reset` (ECONNRESET, socket hang
 * up), `tls` (certificate, handshake), `dns` (ENOTFOUND, EAI_AGAIN), `cancelled` (by the user or at
 * shutdown), `invalid_request` (a header or URL Node refuses to send), `other`.
 */
export type ReplayErrorCode = 'connection_refused' | 'timeout' | 'reset' | 'tls' | 'dns' | 'cancelled' | 'invalid_request' | 'other';

/** The request exactly as it was sent. */
export interface ReplayRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  /** In the order sent, Host and Content-Length included. */
  headers: HeaderPair[];
  /** Body bytes, base64 (omitted from summaries). */
  body: string;
  bodySize: number;
}

/** The target's response; the body is stored up to 1 MiB (`truncated` beyond). */
export interface ReplayResponse {
  status: number;
  headers: HeaderPair[];
  /** Body bytes as received (not decompressed), base64 (omitted from summaries). */
  body: string;
  /** Bytes received before storing stopped. */
  bodySize: number;
  truncated: boolean;
}

/** What signing did for `resigned` and `bad-signature` attempts. Never contains the secret. */
export interface ReplaySigning {
  /** The scheme used (for `auto`, the one detected from the original headers). */
  scheme: string;
  /** false for `bad-signature`: the signature was made with a wrong key on purpose. */
  valid: boolean;
  /** The headers that were set (replaced in place, or added at the end). */
  headers: string[];
}

/** One replay or forward of a delivery to a target, stored whatever happened. */
export interface ReplayAttempt {
  id: number;
  deliveryId: number;
  /** The target as given (the URL actually called is request.url). */
  target: string;
  mode: ReplayMode;
  trigger: ReplayTrigger;
  /** The bulk job that sent it, if any. */
  bulkId: string | null;
  request: ReplayRequest;
  /** null when no response came back (see error). */
  response: ReplayResponse | null;
  error: { code: ReplayErrorCode; message: string } | null;
  signing: ReplaySigning | null;
  /** From the first byte sent to the last byte received (or the error). */
  durationMs: number;
  /** ISO 8601. */
  startedAt: string;
}

/** An attempt without its bodies (bodySize tells their size): what lists and events carry. */
export interface ReplayAttemptSummary extends Omit<ReplayAttempt, 'request' | 'response'> {
  request: Omit<ReplayRequest, 'body'>;
  response: Omit<ReplayResponse, 'body'> | null;
}

/** A replay in flight (announced by `replay.started`; `replay.cancel` stops it). */
export interface ReplayStarted {
  requestId: string;
  deliveryId: number;
  target: string;
  mode: ReplayMode;
  trigger: ReplayTrigger;
  bulkId: string | null;
  startedAt: string;
}

export type BulkState = 'running' | 'completed' | 'cancelled';

/** A bulk replay: deliveries sent in received order, with a concurrency and a rate limit. */
export interface BulkJob {
  id: string;
  state: BulkState;
  /** null: each delivery's endpoint forward target. */
  target: string | null;
  mode: Exclude<ReplayMode, 'edited'>;
  concurrency: number;
  /** Requests started per second at most; null = no limit. */
  ratePerSecond: number | null;
  total: number;
  /** ok + failed + cancelled. */
  done: number;
  /** A 2xx response. */
  ok: number;
  /** An error or a non-2xx response. */
  failed: number;
  /** Not sent, or aborted in flight, because the job was cancelled. */
  cancelled: number;
  /** Response statuses seen, e.g. {"200": 12, "500": 1}; errors under their error code. */
  outcomes: Record<string, number>;
  startedAt: string;
  finishedAt: string | null;
}

export type ExportFormat = 'har' | 'json';

/** An export, ready to save: `document` serialised as JSON is the file. */
export interface ExportResult {
  format: ExportFormat;
  /** e.g. `hookscope-stripe-20260406-100123.har`. */
  filename: string;
  mediaType: string;
  count: number;
  redacted: boolean;
  /** A HAR 1.2 log (`{log: …}`) or a Hookscope JSON export (`{format: 'hookscope.deliveries', …}`). */
  document: Record<string, unknown>;
}

/** One file of a test fixture: text as UTF-8, `body.bin` as base64. */
export interface FixtureFile {
  name: string;
  mediaType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

/** A delivery or a catalogue sample as a test fixture, re-signed with a test secret (never the endpoint's). */
export interface FixtureResult {
  /** The folder name, `hookscope-fixture-<provider|endpoint>-<id|sample>`. */
  name: string;
  /** What it was made from, in words. */
  source: string;
  provider: { id: string; name: string } | null;
  /** The scheme it is signed with; null when unsigned. */
  scheme: string | null;
  /** The TEST secret it is signed with (the user's or a default test value); null when unsigned. */
  secret: string | null;
  /** The generated tests make the signature again on each run (fresh timestamp and id). */
  resignsAtRunTime: boolean;
  /** Why it could not be signed with a test secret (asymmetric schemes, a signature inside the body). */
  unsigned: string | null;
  /** body.bin, headers.json, README.md, handler.test.ts, test_handler.py. */
  files: FixtureFile[];
}

/** Code snippet languages and clients offered (httpsnippet's keys). */
export const snippetTargets = {
  shell: ['curl', 'httpie', 'wget'],
  node: ['fetch', 'axios', 'native'],
  javascript: ['fetch', 'axios', 'xhr'],
  python: ['requests'],
  go: ['native'],
  php: ['curl', 'guzzle'],
  ruby: ['native'],
  java: ['nethttp', 'okhttp'],
  csharp: ['httpclient'],
  powershell: ['webrequest'],
  http: ['http1.1'],
} as const;
export type SnippetLanguage = keyof typeof snippetTargets;

export interface SnippetResult {
  language: SnippetLanguage;
  client: string;
  /** The URL the snippet calls. */
  url: string;
  code: string;
  redacted: boolean;
  /** Set when the snippet cannot carry the request exactly (a binary body). */
  warning: string | null;
}

export interface ImportResult {
  imported: number;
  /** The new deliveries' ids, in the order of the file. */
  ids: number[];
}

/** An import under way (`import.progressed`): how much of the file was read, how many entries. */
export interface ImportProgress {
  importId: string;
  endpoint: string;
  state: 'running' | 'completed' | 'failed';
  bytesRead: number;
  /** The file's size when the upload said it (Content-Length), else null. */
  totalBytes: number | null;
  /** Entries read and checked so far (stored in batches as they come). */
  entries: number;
  /** Why it failed (what and where); null otherwise. */
  error: string | null;
}

export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'conflict'
  /** The request was understood but the data cannot be turned into what was asked (a body that will not decode). */
  | 'unprocessable'
  | 'unauthorized'
  | 'forbidden'
  | 'store_unavailable'
  | 'internal';

/** The one error shape every transport carries: `{error: {code, message}}`. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

/** An endpoint's captured deliveries over time (imports left out), by what they were answered. */
export interface EndpointTraffic {
  slug: string;
  range: TrafficRange;
  /** ms since epoch; bucket i covers [from + i·bucketMs, from + (i+1)·bucketMs). */
  from: number;
  bucketMs: number;
  /** One per bucket, oldest first; each counts its deliveries per status class. */
  buckets: Record<StatusClass, number>[];
  /** Per status class over the whole range. */
  totals: Record<StatusClass, number>;
}
