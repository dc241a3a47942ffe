// Writes the generated part of the capture section of docs/benchmarks.md, between its two marker
// comments, and leaves everything else in the file (the prose, the profile, other sections) alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const START = '<!-- bench:capture:start (written by `npm run bench -- --write`) -->';
const END = '<!-- bench:capture:end -->';
const docFile = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

export interface CaptureSection {
  setup: string;
  closedTable: string;
  openTable: string;
  verdict: string;
}

export function writeCaptureSection(section: CaptureSection): void {
  const doc = readFileSync(docFile, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/benchmarks.md has no ${START} … ${END} block to write into`);
  const block = [START, section.setup, '', section.closedTable, '', section.openTable, '', section.verdict, END].join('\n');
  writeFileSync(docFile, doc.slice(0, start) + block + doc.slice(end + END.length));
}
