// Numbering the attempts of one event: which delivery is attempt 2 of 3, how long the sender
// waited since the previous one (its retry schedule), and whether it sent the same bytes again.

import type { DuplicateInfo } from '../../contract/index.js';

export interface AttemptInput {
  id: number;
  /** Epoch milliseconds. */
  receivedAt: number;
  /** The duplicate key (duplicateKey().key), or null when the delivery has none. */
  key: string | null;
  bodySha256: string;
}

/** A delivery's place among the attempts of its event: the contract's DuplicateInfo but its source. */
export type Attempt = Omit<DuplicateInfo, 'source'>;

/**
 * Attempts per delivery id, for the deliveries that have a key (the others are not in the map).
 * Pass one endpoint's deliveries: the same event id on two endpoints is two subscriptions, not a
 * retry. Order is arrival time, then id (deliveries committed in one group share a millisecond).
 */
export function groupAttempts(list: readonly AttemptInput[]): Map<number, Attempt> {
  const groups = new Map<string, AttemptInput[]>();
  for (const d of list) {
    if (d.key === null) continue;
    const group = groups.get(d.key);
    if (group) group.push(d);
    else groups.set(d.key, [d]);
  }
  const result = new Map<number, Attempt>();
  for (const [key, group] of groups) {
    group.sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id);
    const first = group[0];
    if (!first) continue;
    group.forEach((d, i) => {
      const prev = i > 0 ? group[i - 1] : undefined;
      result.set(d.id, {
        key,
        attempt: i + 1,
        of: group.length,
        firstId: first.id,
        previousId: prev?.id ?? null,
        sincePreviousMs: prev ? d.receivedAt - prev.receivedAt : null,
        payloadChanged: prev ? prev.bodySha256 !== d.bodySha256 : false,
      });
    });
  }
  return result;
}
