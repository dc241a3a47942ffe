// Hookscope's capture path: the real core on a real SQLite file. BATCH=1 forces one transaction per
// request, to show what group commit saves; ENRICH=0 measures capture and storage alone, without
// the verification, recognition and archiving that follow each answer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/core.js';
import { reportWhenAsked } from './report.js';

const maxBatch = process.env.BATCH ? Number(process.env.BATCH) : undefined;
const core = await startCore({
  dataDir: mkdtempSync(join(tmpdir(), 'hookscope bench-')),
  capturePort: 0,
  groupCommit: maxBatch ? { maxBatch } : {},
  enrichment: process.env.ENRICH !== '0',
});
reportWhenAsked({ port: core.capture.port }, () => core.stats());
