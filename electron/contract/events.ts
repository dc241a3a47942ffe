// Events the core announces, named in the past tense. Summaries push, details pull:
// payloads stay small and the renderer fetches bodies by id.
import type { BulkJob, DeliverySummary, Endpoint, ImportProgress, ReplayAttemptSummary, ReplayStarted, SearchIndexProgress, Settings, TunnelStatus } from './types.js';

export interface EventPayloads {
  'delivery.stored': DeliverySummary;
  /** Its analysis (verification, recognition) finished or changed, or a relayed response was recorded. */
  'delivery.updated': DeliverySummary;
  'delivery.deleted': { id: number };
  'deliveries.cleared': { endpoint: string | null };
  /** The retention policy deleted old deliveries. */
  'deliveries.pruned': { deleted: number };
  'endpoint.saved': Endpoint;
  'endpoint.deleted': { slug: string };
  /** Settings were changed (by any UI or script): every open UI shows the new ones. */
  'settings.saved': Settings;
  'tunnel.changed': TunnelStatus;
  /** A delivery's documents changed (fetched, archived or failed). */
  'documents.changed': { deliveryId: number };
  /** A replay or forward is on its way (replay.cancel takes its requestId). */
  'replay.started': ReplayStarted;
  /** A replay or forward attempt was stored: answered, failed, timed out or cancelled. */
  'replay.completed': ReplayAttemptSummary;
  /** A bulk job moved on (at most every 100 ms), and once more when it finished or was cancelled. */
  'bulk.progressed': BulkJob;
  /** An import read more of its file (at most every 100 ms), and once more when it completed or failed. */
  'import.progressed': ImportProgress;
  /** Indexing a store that predates search moved on (at most every 250 ms), and once more when done. */
  'search.progressed': SearchIndexProgress;
}
export type EventName = keyof EventPayloads;
export const eventNames = [
  'delivery.stored',
  'delivery.updated',
  'delivery.deleted',
  'deliveries.cleared',
  'deliveries.pruned',
  'endpoint.saved',
  'endpoint.deleted',
  'settings.saved',
  'tunnel.changed',
  'documents.changed',
  'replay.started',
  'replay.completed',
  'bulk.progressed',
  'import.progressed',
  'search.progressed',
] as const satisfies readonly EventName[];

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  data: EventPayloads[E];
}
