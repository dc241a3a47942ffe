// Replay: load the original bytes, build the request (as-is, edited, re-signed, badly signed),
// send it with a deadline, store the attempt whatever happened, announce it. Sending is async and
// never holds the event loop; storing is one short synchronous INSERT. Secrets are opened by the
// endpoint table (main process only) and reach the signer, never an attempt or an event.
import { createHash, randomUUID } from 'node:crypto';
import {
  ApiError,
  type ForwardRule,
  type HeaderPair,
  type ReplayAttemptSummary,
  type ReplayMode,
  type ReplaySigning,
  type ReplayTrigger,
} from '../../contract/index.js';
import { isBusyError } from '../store/store-errors.js';
import type { EndpointTable } from '../endpoints/endpoint-table.js';
import type { CoreEvents } from '../events/core-events.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import type { NewReplayAttempt, ReplayAttemptRepository } from '../store/replay-attempt-repository.js';
import { outgoingHeaders } from './outgoing-headers.js';
import { capturedRest, joinTarget, parseTarget } from './request-target.js';
import { SigningError, signRequest } from './resign.js';
import { sendRequest, type SendOutcome } from './send.js';

export interface ReplaySpec {
  /** Default: the endpoint's forward target. */
  target?: string;
  mode: ReplayMode;
  method?: string;
  /** Path and query appended to the target instead of the captured ones. */
  path?: string;
  headers?: HeaderPair[];
  body?: Buffer;
  appendPath: boolean;
}

/** A request ready to send, built from the stored delivery. */
export interface PreparedReplay {
  deliveryId: number;
  target: string;
  mode: ReplayMode;
  /** What is sent, secrets included. */
  request: { method: string; url: string; headers: HeaderPair[]; body: Buffer };
  /** The request's headers as stored and shown: a signing secret in clear is masked (resign.ts). */
  recordedHeaders: HeaderPair[];
  bodyIsOriginal: boolean;
  signing: ReplaySigning | null;
}

export interface ExecuteOptions {
  trigger: ReplayTrigger;
  bulkId?: string | null;
  timeoutMs: number;
  requestId?: string;
  signal?: AbortSignal;
}

export interface Executed {
  /** undefined when the delivery was deleted while the request was in flight. */
  summary: ReplayAttemptSummary | undefined;
  outcome: SendOutcome;
}

export interface ReplayServiceDeps {
  deliveries: DeliveryRepository;
  attempts: ReplayAttemptRepository;
  table: EndpointTable;
  events: CoreEvents;
  now: () => number;
  /** The endpoint's forward rule in force (a runtime override from `listen`, else the stored one). */
  forwardRule: (endpoint: EndpointRecord) => ForwardRule | null;
}

const STORE_RETRY_MS = 25;
const STORE_DEADLINE_MS = 5_000;

export class ReplayService {
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  private closing = false;

  constructor(private readonly deps: ReplayServiceDeps) {}

  /** Builds the request; throws ApiError (not_found, invalid_argument) when it cannot be. */
  prepare(deliveryId: number, spec: ReplaySpec): PreparedReplay {
    const raw = this.deps.deliveries.raw(deliveryId);
    if (!raw) throw new ApiError('not_found', `no delivery ${deliveryId}`);
    const endpoint = this.deps.table.byId(raw.endpointId);
    if (!endpoint) throw new ApiError('not_found', `the endpoint of delivery ${deliveryId} is gone`);
    const rule = this.deps.forwardRule(endpoint);
    const target = spec.target ?? rule?.target;
    if (target === undefined) {
      throw new ApiError('invalid_argument', `no target: give one, or set a forward target on endpoint "${endpoint.slug}"`);
    }
    const appendPath = spec.appendPath && (spec.target !== undefined || (rule?.appendPath ?? true));
    const url = joinTarget(target, spec.path ?? (appendPath ? capturedRest(raw.url, endpoint.slug) : ''));
    let host: string;
    try {
      host = parseTarget(url).host;
    } catch (error) {
      throw new ApiError('invalid_argument', `target: ${(error as Error).message}`);
    }
    const method = spec.method ?? raw.method;
    const body = spec.body ?? raw.body;
    let request = { method, url, headers: outgoingHeaders(spec.headers ?? raw.headers, { host, method, bodyLength: body.length }), body };
    let signing: ReplaySigning | null = null;
    let recordedHeaders = request.headers;
    if (spec.mode === 'resigned' || spec.mode === 'bad-signature') {
      const config = this.deps.table.verificationConfig(endpoint.id);
      if (!config) {
        throw new ApiError('invalid_argument', `endpoint "${endpoint.slug}" has no verification secret to sign with: set its scheme and secret first`);
      }
      try {
        const signed = signRequest(request, config, { nowMs: this.deps.now(), valid: spec.mode === 'resigned' });
        request = { ...request, url: signed.url, headers: signed.headers };
        recordedHeaders = signed.recordedHeaders;
        signing = signed.signing;
      } catch (error) {
        if (error instanceof SigningError) throw new ApiError('invalid_argument', error.message);
        throw error;
      }
    }
    return {
      deliveryId,
      target,
      mode: spec.mode,
      request,
      recordedHeaders,
      bodyIsOriginal: spec.body === undefined || spec.body.equals(raw.body),
      signing,
    };
  }

  /** Sends a prepared request and stores the attempt; resolves once stored, never rejects for network reasons. */
  async execute(prepared: PreparedReplay, options: ExecuteOptions): Promise<Executed> {
    if (this.closing) throw new ApiError('store_unavailable', 'Hookscope is shutting down');
    const requestId = options.requestId ?? randomUUID();
    if (this.inFlight.has(requestId)) throw new ApiError('conflict', `a replay with requestId "${requestId}" is already in flight`);
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const startedAt = this.deps.now();
    const bulkId = options.bulkId ?? null;
    this.deps.events.emit('replay.started', {
      requestId,
      deliveryId: prepared.deliveryId,
      target: prepared.target,
      mode: prepared.mode,
      trigger: options.trigger,
      bulkId,
      startedAt: new Date(startedAt).toISOString(),
    });
    const run = (async (): Promise<Executed> => {
      try {
        const outcome = await sendRequest(prepared.request, { timeoutMs: options.timeoutMs, signal: controller.signal });
        const summary = await this.store({
          deliveryId: prepared.deliveryId,
          trigger: options.trigger,
          bulkId,
          mode: prepared.mode,
          target: prepared.target,
          startedAt,
          durationMs: outcome.durationMs,
          request: { ...prepared.request, headers: prepared.recordedHeaders, bodySha256: createHash('sha256').update(prepared.request.body).digest('hex') },
          bodyIsOriginal: prepared.bodyIsOriginal,
          signing: prepared.signing,
          response: outcome.response,
          error: outcome.error,
        });
        if (summary) this.deps.events.emit('replay.completed', summary);
        return { summary, outcome };
      } finally {
        options.signal?.removeEventListener('abort', onOuterAbort);
        this.inFlight.delete(requestId);
      }
    })();
    this.inFlight.set(requestId, { controller, done: run.catch(() => undefined) });
    return run;
  }

  /** An attempt another team node made, stored here by team mode: announced like one sent here. */
  announceStored(attemptId: number): void {
    const summary = this.deps.attempts.summary(attemptId);
    if (summary) this.deps.events.emit('replay.completed', summary);
  }

  /** A database busy with another process only delays the record; a deleted delivery drops it. */
  private async store(attempt: NewReplayAttempt): Promise<ReplayAttemptSummary | undefined> {
    const deadline = Date.now() + STORE_DEADLINE_MS;
    for (;;) {
      try {
        return this.deps.attempts.add(attempt);
      } catch (error) {
        if (!isBusyError(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_MS));
      }
    }
  }

  /** The forward rule in force for an endpoint (a `listen` override, else the stored one). */
  forwardRuleOf(endpoint: EndpointRecord): ForwardRule | null {
    return this.deps.forwardRule(endpoint);
  }

  cancel(requestId: string): boolean {
    const entry = this.inFlight.get(requestId);
    if (!entry) return false;
    entry.controller.abort();
    return true;
  }

  /** Refuses new replays, cancels those in flight and waits (bounded) until they are stored. */
  async close(): Promise<void> {
    this.closing = true;
    const pending = [...this.inFlight.values()];
    for (const entry of pending) entry.controller.abort();
    await Promise.race([Promise.all(pending.map((entry) => entry.done)), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  }
}
