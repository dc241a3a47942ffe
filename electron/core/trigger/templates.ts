// All trigger templates, in listing order: the reference senders' (seeds), the well-known
// providers', then one from each remaining catalogue provider's sample.
import type { TriggerTemplateInfo } from '../../contract/index.js';
import { providerEntry } from '../providers/index.js';
import { catalogueTemplates } from './catalogue-templates.js';
import { describeContract } from './contract-rules.js';
import { knownTemplates } from './known-templates.js';
import { seedTemplates } from './seed-templates.js';
import type { Template } from './template.js';

const curated = [...seedTemplates, ...knownTemplates];

export const templates: readonly Template[] = [...curated, ...catalogueTemplates(new Set(curated.map((t) => t.provider)))];

const byId = new Map(templates.map((t) => [t.id, t]));
if (byId.size !== templates.length) throw new Error('trigger templates: two templates share an id');

export function findTemplate(id: string): Template | undefined {
  return byId.get(id);
}

/** Close names for a mistyped id: same provider first, then ids containing what was typed. */
export function suggestTemplates(id: string, limit = 5): string[] {
  const provider = id.split('.')[0] ?? '';
  const same = templates.filter((t) => t.provider === provider).map((t) => t.id);
  const event = id.slice(provider.length + 1);
  const containing = templates.filter((t) => t.id.includes(id) || (event.length > 2 && t.event.includes(event))).map((t) => t.id);
  return [...new Set([...same, ...containing])].slice(0, limit);
}

export function templateInfo(t: Template): TriggerTemplateInfo {
  const entry = providerEntry(t.provider)!;
  return {
    id: t.id,
    provider: t.provider,
    providerName: entry.name,
    event: t.event,
    title: t.title,
    source: t.source,
    notes: [...(t.notes ?? [])],
    contract: describeContract(entry),
  };
}
