// Events the core announces, named in the past tense. Summaries push, details pull:
// payloads stay small and the renderer fetches bodies by id.
import type { DeliverySummary, Endpoint, TunnelStatus } from './types.js';

export interface EventPayloads {
  'delivery.stored': DeliverySummary;
  /** Enrichment (verification, later recognition) finished or changed for a delivery. */
  'delivery.updated': DeliverySummary;
  'delivery.deleted': { id: number };
  'deliveries.cleared': { endpoint: string | null };
  /** The retention policy deleted old deliveries. */
  'deliveries.pruned': { deleted: number };
  'endpoint.saved': Endpoint;
  'endpoint.deleted': { slug: string };
  'tunnel.changed': TunnelStatus;
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
  'tunnel.changed',
] as const satisfies readonly EventName[];

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  data: EventPayloads[E];
}
