// Search over the store: parses the caller's query, plans it, runs it, and turns the page of ids
// into summaries. Also indexes, in the background, the deliveries a store held before it had a
// search index: short batches between other work, newest first, with progress as events, so
// start-up never waits for it.
import { ApiError, type DeliverySummary } from '../../contract/index.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import type { SearchIndexRepository, IndexProgress } from './search-index-repository.js';
import type { SearchRepository } from './search-repository.js';
import { isStoreUnavailableError } from '../store/store-errors.js';
import { parseQuery, QuerySyntaxError } from './query-grammar.js';
import { planSearch, type SearchPlan } from './search-plan.js';

export interface ListArgs {
  q?: string;
  endpoint?: string;
  endpointId?: number;
  before?: number;
  limit: number;
}

export interface ListPage {
  deliveries: DeliverySummary[];
  nextBefore: number | null;
  /** Matches (or the endpoint's deliveries without a query), on the first page only; capped with a query. */
  total: { count: number; capped: boolean } | null;
}

export interface SearchServiceDeps {
  deliveries: DeliveryRepository;
  search: SearchRepository;
  index: SearchIndexRepository;
  /** New deliveries waiting to be indexed: written before any search reads the index. */
  pending: { flush(): void };
  progressed: (progress: IndexProgress) => void;
}

/** One backfill transaction: small enough that a capture commit waits at most a few ms for the lock. */
const BACKFILL_BATCH = 200;
const PROGRESS_EVERY_MS = 250;

function planOf(q: string): SearchPlan {
  try {
    return planSearch(parseQuery(q));
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new ApiError('invalid_argument', `q: ${error.message}`);
    throw error;
  }
}

export class SearchService {
  private timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private closed = false;
  private lastProgress = 0;

  constructor(private readonly deps: SearchServiceDeps) {}

  list(args: ListArgs): ListPage {
    const { deliveries } = this.deps;
    const first = args.before === undefined;
    if (args.q === undefined || args.q.trim() === '') {
      const page = deliveries.list({ endpoint: args.endpoint, before: args.before, limit: args.limit });
      return {
        deliveries: page,
        nextBefore: page.length === args.limit ? page[page.length - 1]!.id : null,
        total: first ? { count: deliveries.count(args.endpoint), capped: false } : null,
      };
    }
    const plan = planOf(args.q);
    this.deps.pending.flush();
    const result = this.deps.search.search(
      { plan, endpointId: args.endpointId, before: args.before, limit: args.limit },
      { count: first },
    );
    const page = result.ids.flatMap((id) => deliveries.summary(id) ?? []);
    return {
      deliveries: page,
      nextBefore: result.nextBefore,
      total: result.count ? { count: result.count.value, capped: result.count.capped } : null,
    };
  }

  /** Which of `ids` match the query: the renderer asks this for live arrivals instead of re-implementing the grammar. */
  matches(args: { q: string; endpointId?: number; ids: readonly number[] }): number[] {
    const plan = planOf(args.q);
    this.deps.pending.flush();
    return this.deps.search.search({ plan, endpointId: args.endpointId, ids: args.ids, limit: args.ids.length }, { count: false }).ids;
  }

  progress(): IndexProgress {
    return this.deps.index.progress();
  }

  /** Starts indexing what the store held before search existed; returns at once. */
  startBackfill(): void {
    if (this.deps.index.progress().pending === 0) return;
    const step = () => {
      this.timer = undefined;
      if (this.closed) return;
      let indexed = 0;
      const started = performance.now();
      try {
        // About 20 ms of work per turn, then the event loop serves requests again.
        while (performance.now() - started < 20) {
          const n = this.deps.index.backfill(BACKFILL_BATCH);
          indexed += n;
          if (n === 0) break;
        }
      } catch (error) {
        if (!isStoreUnavailableError(error)) console.error('hookscope: search indexing failed', error);
        this.timer = setTimeout(step, 1000);
        return;
      }
      const progress = this.deps.index.progress();
      const now = performance.now();
      if (progress.pending === 0 || now - this.lastProgress > PROGRESS_EVERY_MS) {
        this.lastProgress = now;
        this.deps.progressed(progress);
      }
      if (progress.pending > 0 && indexed > 0) this.timer = setImmediate(step);
    };
    this.timer = setImmediate(step);
  }

  close(): void {
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
  }
}
