// Announcing deliveries: the only place `delivery.stored` and `delivery.updated` are emitted, and
// both read the one summary builder (store/delivery-repository.ts). A UI that listens sees a
// delivery once committed, then again each time its analysis, verdict or answer changes.
import type { DeliverySummary } from '../../contract/index.js';
import type { CoreEvents } from '../events/core-events.js';
import { newDeliverySummary, type DeliveryRepository, type NewDelivery } from '../store/delivery-repository.js';

export class DeliveryAnnouncer {
  constructor(
    private readonly events: CoreEvents,
    private readonly deliveries: DeliveryRepository,
  ) {}

  /** A delivery was committed. */
  stored(id: number, endpointSlug: string, delivery: NewDelivery): DeliverySummary {
    const summary = newDeliverySummary(id, endpointSlug, delivery);
    this.events.emit('delivery.stored', summary);
    return summary;
  }

  /** These deliveries changed (analysis, verdict, the answer sent): read back once and announced. */
  updated(ids: readonly number[]): void {
    for (const summary of this.deliveries.summaries(ids)) this.events.emit('delivery.updated', summary);
  }
}
