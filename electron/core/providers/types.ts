// One provider in the catalogue: what the UI lists (contract/providers.ts: name, docs, scheme,
// handshake) joined with what only the core needs: how to recognise its deliveries, the delivery
// contract it holds receivers to, and a sample delivery (unsigned) for tests and snippets.
import type { HeaderPair, ListedProvider, ProviderId, ResponseRule } from '../../contract/index.js';
import type { Recognizer } from './recognition-types.js';

/** What the provider expects of a receiver, with where the numbers come from. */
export interface DeliveryContract {
  /** The response preset: what a well-behaved receiver answers. */
  response: ResponseRule;
  /** The sender gives up (and counts a failure) after this long; null when undocumented. */
  deadlineMs: number | null;
  /** What the sender accepts as an acknowledgement: a status (or any 2xx) and, for some, a JSON body. */
  ack: { status: number | '2xx'; json?: Readonly<Record<string, string>> };
  /** The sender stops delivering after too many errors. */
  errorBlock?: { errors: number; windowMs: number; blockMs: number };
  /** How it retries, in a sentence ("not documented" when it is not). */
  retries: string;
  /**
   * The retry schedule as numbers, where the provider documents one: the wait before each retry
   * after a failed attempt (so attempt n+1 follows attempt n by delaysMs[n-1]). An empty list is a
   * documented "no retries" or retries it does not document; `source` says which. Absent: the
   * schedule is not modelled (the sentence above is all there is). `hookscope trigger` replays it.
   */
  retrySchedule?: RetrySchedule;
  /** Where the numbers come from. */
  source: string;
}

export interface RetrySchedule {
  delaysMs: readonly number[];
  /** Where the numbers come from, or why there are none. */
  source: string;
  /** What a receiver can do when no retry will come (e.g. fetch the job's status), for the verdict. */
  recovery?: string;
  /** A response header with which a receiver turns the retries off (Slack's X-Slack-No-Retry: 1). */
  stopHeader?: { name: string; value: string };
}

/** A delivery as the provider sends it, before signing: the signer for its scheme adds the signature. */
export interface Sample {
  method: string;
  /** Appended to the endpoint's path (`/<slug>`); may carry a query. */
  path: string;
  headers: HeaderPair[];
  body: string;
}

/** The core's part of a catalogue entry, keyed by the listed provider's id. */
export interface ProviderDetails {
  id: ProviderId;
  /** The headers that carry the signature (and its timestamp or id), for people and the docs. */
  signatureHeaders: readonly string[];
  /** How its deliveries are recognised; null: only by the endpoint's choice of provider. */
  recognition: Omit<Recognizer, 'id' | 'name'> | null;
  delivery: DeliveryContract;
  sample: Sample;
}

export type ProviderEntry = ListedProvider & ProviderDetails;
