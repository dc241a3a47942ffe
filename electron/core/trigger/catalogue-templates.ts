// One template for every catalogue provider from its documented sample (providers/*.ts, `sample`),
// named by what recognition reads as its event, with ids and times made fresh on each send. The
// seeds and the well-known providers have richer templates of their own; these make sure every
// provider Hookscope knows can be played.
import type { HeaderPair } from '../../contract/index.js';
import { providerCatalogue, type ProviderEntry } from '../providers/index.js';
import { describeWith, recognizerById } from '../recognize/recognize.js';
import { viewOf } from '../recognize/source.js';
import { findHeader, mediaType } from '../verify/headers.js';
import { freshenJson, freshIdLike, freshTimeLike } from './fresh.js';
import type { Built, Template } from './template.js';

/** `provider.event` naming: lower case, words joined with `_`, Shopify-style `a/b` topics as `a.b`. */
export function eventSlug(event: string): string {
  return (
    event
      .trim()
      .toLowerCase()
      .replace(/\//g, '.')
      .replace(/[^a-z0-9._-]+/g, '_')
      .replace(/^[._]+|[._]+$/g, '') || 'sample'
  );
}

/** Where recognition's event is made of ids (Airtable names the base and the webhook), a plain name. */
const EVENT_NAMES: Readonly<Record<string, string>> = { airtable: 'notification' };

function sampleEvent(entry: ProviderEntry): string {
  if (EVENT_NAMES[entry.id]) return EVENT_NAMES[entry.id]!;
  const rec = recognizerById(entry.id);
  if (!rec) return 'sample';
  const { headers, body } = entry.sample;
  const info = describeWith(rec, viewOf({ headers, body: Buffer.from(body, 'utf8'), contentType: findHeader(headers, 'content-type')?.value ?? null }));
  return eventSlug(info.event ?? 'sample');
}

const TIME_HEADERS = /timestamp|time$|-date$/i;

function fromSample(entry: ProviderEntry): Template {
  const event = sampleEvent(entry);
  const idHeaders = new Set((entry.recognition?.idHeaders ?? []).map((name) => name.toLowerCase()));
  const isJson = mediaType(entry.sample.headers)?.includes('json') ?? false;
  const parsed = isJson ? (JSON.parse(entry.sample.body) as unknown) : undefined;
  return {
    id: `${entry.id}.${event}`,
    provider: entry.id,
    event,
    title: `${entry.name}: ${event} (sample)`,
    source: `The catalogue's sample delivery for ${entry.name} (electron/core/providers), shaped after ${entry.docs}.`,
    notes: entry.verification ? [] : [`${entry.name} does not sign its deliveries.`],
    build(f): Built {
      const headers: HeaderPair[] = entry.sample.headers.map(([name, value]) => {
        if (idHeaders.has(name.toLowerCase())) return [name, freshIdLike(value, f)];
        if (TIME_HEADERS.test(name)) return [name, String(freshTimeLike(value, f.nowMs))];
        return [name, value];
      });
      const body: Built['body'] = isJson ? { json: freshenJson(parsed, f) } : { text: entry.sample.body };
      return { method: entry.sample.method, path: entry.sample.path, headers, body };
    },
  };
}

/** A template per catalogue provider whose id is not in `covered` (those have their own). */
export function catalogueTemplates(covered: ReadonlySet<string>): Template[] {
  return providerCatalogue.filter((entry) => !covered.has(entry.id)).map(fromSample);
}
