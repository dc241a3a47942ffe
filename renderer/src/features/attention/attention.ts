// Whether the user is looking, how many deliveries arrived since they last looked, and which of
// those earn a notification. Pure: the hook (use-attention.ts) feeds it window events and a clock.
import type { DeliverySummary } from '../../../../electron/contract/index.js';

export interface Attention {
  /** The window is hidden or has lost the focus. */
  away: boolean;
  /** Deliveries captured while away. */
  unseen: number;
}

export type AttentionEvent = { type: 'away' } | { type: 'back' } | { type: 'arrived'; delivery: Pick<DeliverySummary, 'imported'> };

export const attentive: Attention = { away: false, unseen: 0 };

export function attentionReducer(state: Attention, event: AttentionEvent): Attention {
  switch (event.type) {
    case 'away':
      return state.away ? state : { ...state, away: true };
    case 'back':
      return state.away || state.unseen > 0 ? attentive : state;
    case 'arrived':
      // An import is the user's own doing, not an arrival to tell them about.
      return state.away && !event.delivery.imported ? { ...state, unseen: state.unseen + 1 } : state;
  }
}

export function titleWithUnseen(base: string, unseen: number): string {
  return unseen > 0 ? `(${unseen > 999 ? '999+' : unseen}) ${base}` : base;
}

/** Per endpoint: when the last notification went out and how many were held back since. */
export type NotifyLog = ReadonlyMap<string, { shownAt: number; held: number }>;

/** A burst of deliveries makes one notification per endpoint per this long; the next one counts the rest. */
export const NOTIFY_GAP_MS = 10_000;

export interface NotifyDecision {
  notification: { title: string; body: string; tag: string } | null;
  log: NotifyLog;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Whether this delivery notifies: its endpoint opted in, the user is away, it was captured (not
 * imported), and the endpoint has not notified in the last NOTIFY_GAP_MS. The text is plain data
 * from the sender (path, provider summary), clipped; notifications show text, never markup.
 */
export function decideNotification(
  delivery: Pick<DeliverySummary, 'endpoint' | 'method' | 'path' | 'responseStatus' | 'imported' | 'provider'>,
  context: { optedIn: ReadonlySet<string>; away: boolean; now: number; log: NotifyLog },
): NotifyDecision {
  const { optedIn, away, now, log } = context;
  if (!optedIn.has(delivery.endpoint) || !away || delivery.imported) return { notification: null, log };
  const last = log.get(delivery.endpoint);
  const next = new Map(log);
  if (last && now - last.shownAt < NOTIFY_GAP_MS) {
    next.set(delivery.endpoint, { ...last, held: last.held + 1 });
    return { notification: null, log: next };
  }
  next.set(delivery.endpoint, { shownAt: now, held: 0 });
  const more = last && last.held > 0 ? ` (+${last.held} more before it)` : '';
  const what = delivery.provider?.summary ?? `${delivery.method} ${delivery.path}`;
  return {
    notification: {
      title: clip(`Hookscope · ${delivery.endpoint}`, 120),
      body: clip(`${what} → ${delivery.responseStatus}${more}`, 240),
      tag: `hookscope-${delivery.endpoint}`,
    },
    log: next,
  };
}

const SLUG_LIKE = /^[\w.-]{1,64}$/;

/** The stored opt-ins: a JSON list of endpoint slugs; anything else is none. */
export function parseOptedIn(raw: string): Set<string> | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return null;
    return new Set(value.filter((slug): slug is string => typeof slug === 'string' && SLUG_LIKE.test(slug)).slice(0, 500));
  } catch {
    return null;
  }
}
