// What the API's replay and bulk methods ask of the replay services, in their own words: a manual
// replay returns its stored attempt; a bulk job over an endpoint or ids is refused up front when a
// delivery has nowhere to go.
import { ApiError, type BulkJob, type ParsedArgs, type ReplayAttempt } from '../../contract/index.js';
import type { EndpointTable } from '../endpoints/endpoint-table.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import type { ReplayAttemptRepository } from '../store/replay-attempt-repository.js';
import type { BulkService } from './bulk-service.js';
import type { ReplayService } from './replay-service.js';

export interface ReplayRequestDeps {
  replay: ReplayService;
  bulk: BulkService;
  attempts: ReplayAttemptRepository;
  deliveries: DeliveryRepository;
  table: EndpointTable;
}

export async function sendReplay(deps: ReplayRequestDeps, args: ParsedArgs<'replay.send'>): Promise<ReplayAttempt> {
  const { id, target, mode, method, path, headers, body, appendPath, timeoutMs, requestId } = args;
  const prepared = deps.replay.prepare(id, {
    target,
    mode,
    method,
    path,
    headers,
    body: body === undefined ? undefined : Buffer.from(body, 'base64'),
    appendPath,
  });
  const { summary } = await deps.replay.execute(prepared, { trigger: 'manual', timeoutMs, requestId });
  const attempt = summary && deps.attempts.get(summary.id);
  if (!attempt) throw new ApiError('not_found', `delivery ${id} was deleted while it was being replayed`);
  return attempt;
}

export function startBulk(deps: ReplayRequestDeps, args: ParsedArgs<'bulk.start'>): BulkJob {
  const { ids, endpoint, target, mode, appendPath, concurrency, ratePerSecond, timeoutMs } = args;
  let selected: number[];
  if (endpoint !== undefined) {
    if (!deps.table.bySlug(endpoint)) throw new ApiError('not_found', `no endpoint "${endpoint}"`);
    selected = deps.deliveries.idsOfEndpoint(endpoint);
  } else {
    selected = ids ?? [];
    const missing = selected.find((id) => !deps.deliveries.summary(id));
    if (missing !== undefined) throw new ApiError('not_found', `no delivery ${missing}`);
  }
  if (target === undefined) {
    // Refuse up front rather than fail every item: each delivery's endpoint must have a forward target.
    const slugs = new Set(selected.map((id) => deps.deliveries.summary(id)?.endpoint ?? ''));
    const without = [...slugs].find((slug) => {
      const record = deps.table.bySlug(slug);
      return !record || !deps.replay.forwardRuleOf(record);
    });
    if (without !== undefined) throw new ApiError('invalid_argument', `no target: give one, or set a forward target on endpoint "${without}"`);
  }
  return deps.bulk.start({ ids: selected, target, mode, appendPath, concurrency, ratePerSecond, timeoutMs });
}
