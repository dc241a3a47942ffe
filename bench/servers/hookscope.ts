// Hookscope, the real core on a real SQLite file, with the bench's endpoint: slug "pdfgorilla",
// verified with the PDF Gorilla scheme and the secret the load generator signs with.
//   ENRICH=0  the capture path alone: HTTP in, committed (group commit), answered; no analysis.
//   (default) the full path: the same, then verification and recognition on the analysis pool's
//             worker threads, results written back. Document archiving is switched off: the
//             payload's link points nowhere, and fetching is network time, not this machine's CPU.
// It counts what it stored and enriched (from the core's own events) and, asked to drain, waits
// until the enrichment queue is empty, so the parent reads CPU only once the work is all done.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { startCore as StartCore } from '../../electron/core/core.js';
import { ENDPOINT_SLUG, SIGNING_SECRET } from '../payload.js';
import { reportWhenAsked } from './report.js';

// The built core (`npm run bench` builds it first), as the app runs it: no TypeScript loader in its
// analysis workers, and profiles that point at real lines.
const builtCore = new URL('../../dist/electron/core/core.js', import.meta.url).href;
const { startCore } = (await import(builtCore)) as { startCore: typeof StartCore };
const enrichment = process.env.ENRICH !== '0';
const core = await startCore({
  dataDir: mkdtempSync(join(tmpdir(), 'hookscope bench-')),
  capturePort: 0,
  enrichment,
});
core.api['endpoints.create']({ slug: ENDPOINT_SLUG, verification: { scheme: 'pdfgorilla', secret: SIGNING_SECRET } });
core.api['settings.update']({ archive: { enabled: false } });

const counted = { stored: 0, enriched: 0, valid: 0, recognised: 0 };
core.events.subscribe(({ event, data }) => {
  if (event === 'delivery.stored') counted.stored++;
  if (event !== 'delivery.updated') return;
  const summary = data as { verification: string | null; provider: { id: string } | null };
  counted.enriched++;
  if (summary.verification === 'valid') counted.valid++;
  if (summary.provider?.id === 'pdfgorilla') counted.recognised++;
});

reportWhenAsked(
  { port: core.capture.port },
  { counters: () => ({ ...counted, commits: core.stats().commits }), drained: () => core.documentsSettled(), close: () => core.close() },
);
