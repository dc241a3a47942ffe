// The response each accepted delivery gets: the endpoint's rule, or what its failure mode makes of
// it. "Fail the first N" counts failures since the mode was set, per endpoint, or per event
// (per: 'event', by the duplicate key read before answering; deliveries without one share the
// endpoint's count). The counts live in the store, so a restart continues them; setting the mode
// again (reset) starts over.
import type { FailureModeState, HandshakeInfo, HeaderPair, SentResponse } from '../../contract/index.js';
import { answerHandshake, handshakeKindOf, type HandshakeRequest } from './handshakes.js';
import { planResponse, type FailureMode } from './failure-modes.js';
import { duplicateKey } from '../recognize/index.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import { ENDPOINT_SCOPE, MemoryFailureCounts, type FailureCounts } from '../store/failure-count-repository.js';

type FailFirst = Extract<FailureMode, { kind: 'fail-first' }>;

/**
 * The one read of a body before its sender is answered, and only while "fail the first N per
 * event" is on (the event must be known to choose the answer). It is bounded so a stranger's body
 * cannot hold the capture thread: JSON.parse is linear and does not recurse, the walk after it
 * follows fixed paths, and bodies past this size are counted by their headers' event id alone.
 */
export const MAX_BODY_READ_BEFORE_ANSWER = 256 * 1024;

function eventKeyBeforeAnswer(request: { headers: HeaderPair[]; body: Buffer }): string | undefined {
  const body = request.body.length <= MAX_BODY_READ_BEFORE_ANSWER ? request.body : Buffer.alloc(0);
  return duplicateKey({ headers: request.headers, body, contentType: null })?.key;
}

/** What the planner reads of a request: headers and body; method and target for the handshakes that use them. */
type PlanRequest = Omit<HandshakeRequest, 'method' | 'url'> & Partial<Pick<HandshakeRequest, 'method' | 'url'>> & { headers: HeaderPair[] };

export interface PlannedAnswer {
  response: SentResponse;
  delayMs: number;
  injected: string | null;
  /** The request was its provider's endpoint-validation handshake (handshakes.ts). */
  handshake: HandshakeInfo | null;
  /** "Fail the first N" failed it on purpose and counted it in this scope (team mode tells the other nodes). */
  failedScope: string | null;
}

export class ResponsePlanner {
  constructor(
    private readonly random: () => number = Math.random,
    private readonly counts: FailureCounts = new MemoryFailureCounts(),
  ) {}

  /**
   * A handshake is answered first, at once, as its provider requires; failure modes leave it alone
   * (failing it would only stop the user registering the URL) and it does not count as a delivery.
   */
  plan(endpoint: EndpointRecord, request: PlanRequest, secret: string | null = null): PlannedAnswer {
    const kind = endpoint.handshakes ? handshakeKindOf(endpoint) : null;
    const answer = kind && answerHandshake(kind, { method: 'POST', url: '/', ...request }, { secret, verifyToken: endpoint.verifyToken ?? null });
    if (answer) {
      const response = answer.response ?? { ...endpoint.response, headers: endpoint.response.headers.map(([n, v]): HeaderPair => [n, v]) };
      return { response, delayMs: 0, injected: null, handshake: answer.handshake, failedScope: null };
    }
    const mode = endpoint.failureMode as FailureMode | null;
    const place = mode?.kind === 'fail-first' ? this.failFirstPlace(endpoint.id, mode, request) : null;
    const planned = planResponse(endpoint.response, mode, { nth: place?.nth ?? 1, attempt: place?.attempt, random: this.random });
    const failedScope = place && planned.injected !== null ? place.scope : null;
    if (failedScope !== null) this.counts.addFailure(endpoint.id, failedScope);
    const { status, headers, body } = planned;
    return {
      response: { status, headers: headers.map(([n, v]): HeaderPair => [n, v]), body },
      delayMs: planned.delayMs,
      injected: planned.injected,
      handshake: null,
      failedScope,
    };
  }

  /**
   * Another team node failed a delivery of this endpoint on purpose (team mode): it counts here
   * too, so "fail the first N" fails N across the team, not N per node.
   */
  countReplicated(endpointId: number, scope: string): void {
    this.counts.addFailure(endpointId, scope);
  }

  /** Setting a failure mode (again) restarts its count. */
  reset(endpointId: number): void {
    this.counts.reset(endpointId);
  }

  /** How far a `fail-first` mode has got, for the API's view of the endpoint. */
  state(endpoint: EndpointRecord): FailureModeState | null {
    const mode = endpoint.failureMode as FailureMode | null;
    if (mode?.kind !== 'fail-first') return null;
    if (mode.per === 'event') {
      const { failed, events } = this.counts.totals(endpoint.id);
      return { per: 'event', count: mode.count, failed, remaining: null, events };
    }
    const failed = Math.min(mode.count, this.counts.failed(endpoint.id, ENDPOINT_SCOPE));
    return { per: 'endpoint', count: mode.count, failed, remaining: mode.count - failed, events: null };
  }

  /**
   * The delivery's place in its count: the nth of the endpoint, or the nth attempt of its event.
   * Only failures are stored, and a scope stops failing after N, so "failed so far + 1" is the place.
   */
  private failFirstPlace(endpointId: number, mode: FailFirst, request: { headers: HeaderPair[]; body: Buffer }) {
    const key = mode.per === 'event' ? eventKeyBeforeAnswer(request) : undefined;
    const scope = key ?? ENDPOINT_SCOPE;
    const nth = this.counts.failed(endpointId, scope) + 1;
    return { scope, nth, attempt: key === undefined ? null : nth };
  }
}
