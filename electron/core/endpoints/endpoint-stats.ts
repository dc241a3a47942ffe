// How an endpoint's senders fare against their provider's contract: the deadline report over the
// last day, and Adobe's error window (it blocks a webhook after 50 errors in 10 minutes).
import type { EndpointStats } from '../../contract/index.js';
import { adobeErrorWindow, deadlineReport, providerProfiles, type ProviderKey } from './failure-modes.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import type { RecognitionRepository } from '../store/recognition-repository.js';

const TEN_MINUTES = 10 * 60_000;
const STATS_WINDOW = 24 * 60 * 60_000;

export interface EndpointStatsDeps {
  deliveries: DeliveryRepository;
  recognitions: RecognitionRepository;
  now: () => number;
}

export function endpointStats(endpoint: EndpointRecord, deps: EndpointStatsDeps): EndpointStats {
  const now = deps.now();
  const provider = (endpoint.provider ?? deps.recognitions.latestProvider(endpoint.id)) as ProviderKey | null;
  const profile = provider && provider in providerProfiles ? providerProfiles[provider] : null;
  const answers = deps.deliveries.answersSince(endpoint.id, now - STATS_WINDOW);
  const handled = answers.flatMap((a) => (a.handledMs === null ? [] : [a.handledMs]));
  const adobe =
    provider === 'adobe'
      ? adobeErrorWindow(
          answers.filter((a) => a.at > now - TEN_MINUTES * 3).map((a) => ({ at: a.at, status: a.status, body: a.body })),
          now,
        )
      : null;
  return {
    slug: endpoint.slug,
    provider: profile ? provider : null,
    deadline: deadlineReport(profile?.deadlineMs ?? null, handled),
    adobe: adobe && {
      errorsLast10Min: adobe.errorsLast10Min,
      blockAt: adobe.blockAt,
      remaining: adobe.remaining,
      blocked: adobe.blocked,
      blockedUntil: adobe.blockedUntil === null ? null : new Date(adobe.blockedUntil).toISOString(),
    },
  };
}
