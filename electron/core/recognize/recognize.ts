// Which provider sent a delivery, and what it says happened: the badge and the summary line.
// Runs after the sender got its answer (see STYLE.md, "Then enrich"); pure, never throws on a body.
import { recognizers as defaultRecognizers } from './recognizers.js';
import { matches, normalize, read, readField, readString, ruleMatches, viewOf, type DeliveryView } from './source.js';
import type { FieldValue, Outcome, ProviderInfo, RecognizeInput, Recognizer } from './types.js';

/**
 * The recognizer for a delivery, or null. Rules that name headers are tried first, across every
 * recognizer, then body-only rules: a header names its sender more surely than a body's shape
 * (a Svix-delivered body that happens to look like PDFShift's is still Standard Webhooks).
 */
export function findRecognizer(view: DeliveryView, table: readonly Recognizer[] = defaultRecognizers): Recognizer | null {
  for (const withHeaders of [true, false]) {
    for (const rec of table) {
      for (const rule of rec.match) {
        if ((rule.headers?.length ?? 0) > 0 === withHeaders && ruleMatches(rule, view)) return rec;
      }
    }
  }
  return null;
}

export function recognizerById(id: string, table: readonly Recognizer[] = defaultRecognizers): Recognizer | null {
  return table.find((r) => r.id === id) ?? null;
}

export function recognize(input: RecognizeInput, table: readonly Recognizer[] = defaultRecognizers): ProviderInfo | null {
  const view = viewOf(input);
  const rec = findRecognizer(view, table);
  return rec ? describeWith(rec, view) : null;
}

export function outcomeOf(rec: Recognizer, view: DeliveryView): Outcome {
  const raw = read(rec.outcome.from, view);
  if (raw === undefined || raw === null || raw === '') return rec.outcome.otherwise;
  const value = normalize(raw);
  if (matches(rec.outcome.failure, value)) return 'failure';
  if (matches(rec.outcome.pending, value)) return 'pending';
  if (matches(rec.outcome.success, value)) return 'success';
  return rec.outcome.otherwise;
}

export function describeWith(rec: Recognizer, view: DeliveryView): ProviderInfo {
  const fields: Record<string, FieldValue> = {};
  for (const [label, source] of Object.entries(rec.fields)) fields[label] = readField(source, view);
  const info = {
    id: rec.id,
    name: rec.name,
    event: readString(rec.event, view),
    status: readString(rec.status, view),
    jobId: readString(rec.jobId, view),
    outcome: outcomeOf(rec, view),
    fields,
  };
  return { ...info, summary: summaryLine(rec, info) };
}

const MAX_SUMMARY_CHARS = 200;

function summaryLine(rec: Recognizer, info: Omit<ProviderInfo, 'summary'>): string {
  const lookup = (key: string): FieldValue => {
    if (key === 'status' || key === 'jobId' || key === 'event') return info[key];
    return Object.hasOwn(info.fields, key) ? (info.fields[key] ?? null) : null;
  };
  const segments: string[] = [];
  for (const template of rec.summary) {
    let missing = false;
    const text = template.replace(/\{([^}|]+)(?:\|(\w+))?\}/g, (_, key: string, format: string | undefined) => {
      const v = lookup(key);
      if (v === null || v === '') {
        missing = true;
        return '';
      }
      return formatValue(v, format);
    });
    if (!missing) segments.push(text);
  }
  const head = info.event ? `${info.name} ${info.event}` : info.name;
  const line = [head, ...segments].join(' · ').replace(/\s+/g, ' ');
  return line.length > MAX_SUMMARY_CHARS ? `${line.slice(0, MAX_SUMMARY_CHARS - 1)}…` : line;
}

export function formatValue(v: FieldValue, format: string | undefined): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (format === 'bytes') return formatBytes(v);
    if (format === 'ms') return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`;
    if (format === 'pages') return v === 1 ? '1 page' : `${v} pages`;
  }
  const text = String(v);
  if (format === 'short' && text.length > 14) return `${text.slice(0, 12)}…`;
  return text;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
