// What a payload said about its document (PDFShift `filesize` and `pdf_pages`, Adobe
// `metadata.size`) against what the archived file is. The core runs the same check when it
// archives a document and reports it as `DocumentSummary.mismatches`; this one runs on the bytes
// the preview actually opened, in the same words, so the two read alike side by side.

export interface DocumentClaims {
  /** Bytes the payload said the file has; null when it said nothing. */
  size: number | null;
  /** Pages the payload said the file has; null when it said nothing. */
  pages: number | null;
}

export interface DocumentFacts {
  fileSize: number;
  /** Null while the page count is not known (the PDF is not open yet, or could not be read). */
  pageCount: number | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** One sentence per claim the file contradicts; empty when every claim made holds. */
export function checkClaims(claims: DocumentClaims, facts: DocumentFacts): string[] {
  const mismatches: string[] = [];
  if (isCount(claims.size) && claims.size !== facts.fileSize) {
    mismatches.push(`the payload says ${plural(claims.size, 'byte', 'bytes')}, the file has ${facts.fileSize}`);
  }
  if (isCount(claims.pages) && isCount(facts.pageCount) && claims.pages !== facts.pageCount) {
    mismatches.push(`the payload says ${plural(claims.pages, 'page', 'pages')}, the file has ${facts.pageCount}`);
  }
  return mismatches;
}

export type ClaimStatus = 'match' | 'mismatch' | 'unclaimed' | 'unknown';

/** Per-claim status for a table: `unknown` when the fact to compare against is not known yet. */
export function claimStatus(claimed: number | null, actual: number | null): ClaimStatus {
  if (!isCount(claimed)) return 'unclaimed';
  if (!isCount(actual)) return 'unknown';
  return claimed === actual ? 'match' : 'mismatch';
}
