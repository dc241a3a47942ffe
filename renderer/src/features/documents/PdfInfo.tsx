import { checkClaims, claimStatus, type ClaimStatus, type DocumentClaims } from '../../lib/pdf/claims.js';
import { formatDocumentDate, formatFileSize } from '../../lib/pdf/format.js';
import { formatPageSize } from '../../lib/pdf/page-size.js';
import type { PdfMetadata } from '../../lib/pdf/pdfjs.js';
import './documents.css';

function Row({ label, value, testId }: { label: string; value: string | null; testId: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId} className={value === null ? 'muted' : undefined}>
        {value ?? '—'}
      </dd>
    </>
  );
}

/** What the file says about itself. Every value is the PDF's own text, shown as text. */
export function PdfMetadataBlock({
  metadata,
  pageCount,
  firstPage,
  fileSize,
}: {
  metadata: PdfMetadata | null;
  pageCount: number | null;
  firstPage: { width: number; height: number } | null;
  fileSize: number;
}) {
  const created = metadata?.creationDate ? formatDocumentDate(metadata.creationDate) : (metadata?.creationDateText ?? null);
  if (metadata === null && pageCount === null) {
    // The file could not be opened: its size is all there is to say.
    return (
      <section className="pdf-info-section">
        <h3 className="section-title">Document</h3>
        <dl className="pdf-metadata" data-testid="pdf-metadata">
          <Row label="File size" value={formatFileSize(fileSize)} testId="pdf-meta-file-size" />
        </dl>
      </section>
    );
  }
  return (
    <section className="pdf-info-section">
      <h3 className="section-title">Document</h3>
      <dl className="pdf-metadata" data-testid="pdf-metadata">
        <Row label="Title" value={metadata?.title ?? null} testId="pdf-meta-title" />
        {metadata?.author && <Row label="Author" value={metadata.author} testId="pdf-meta-author" />}
        <Row label="Producer" value={metadata?.producer ?? null} testId="pdf-meta-producer" />
        <Row label="Creator" value={metadata?.creator ?? null} testId="pdf-meta-creator" />
        <Row label="Created" value={created} testId="pdf-meta-created" />
        {metadata?.modDate && <Row label="Modified" value={formatDocumentDate(metadata.modDate)} testId="pdf-meta-modified" />}
        {metadata?.pdfVersion && <Row label="PDF version" value={metadata.pdfVersion} testId="pdf-meta-version" />}
        <Row label="Pages" value={pageCount === null ? null : String(pageCount)} testId="pdf-meta-pages" />
        <Row label="Page size" value={firstPage ? `${formatPageSize(firstPage.width, firstPage.height)}${pageCount && pageCount > 1 ? ', page 1' : ''}` : null} testId="pdf-meta-page-size" />
        <Row label="File size" value={formatFileSize(fileSize)} testId="pdf-meta-file-size" />
      </dl>
    </section>
  );
}

const STATUS_TEXT: Record<ClaimStatus, string> = {
  match: '✓ matches',
  mismatch: '✗ mismatch',
  unclaimed: 'not claimed',
  unknown: 'unknown',
};

function ClaimRow({ label, claimed, actual, unit }: { label: string; claimed: number | null; actual: number | null; unit: string }) {
  const status = claimStatus(claimed, actual);
  return (
    <tr className={`claim-${status}`} data-testid="pdf-claim" data-claim={label.toLowerCase()} data-status={status}>
      <th scope="row">{label}</th>
      <td>{claimed === null ? '—' : `${claimed.toLocaleString('en-US')} ${unit}`}</td>
      <td>{actual === null ? '—' : `${actual.toLocaleString('en-US')} ${unit}`}</td>
      <td className="claim-status">{STATUS_TEXT[status]}</td>
    </tr>
  );
}

/**
 * The payload's claims against this file, checked here on the bytes being shown; next to what
 * the core recorded when it archived them. Should the two disagree, that is said too.
 */
export function ClaimsCheck({
  claims,
  fileSize,
  pageCount,
  reportedMismatches,
}: {
  claims: DocumentClaims;
  fileSize: number;
  pageCount: number | null;
  reportedMismatches?: string[];
}) {
  const mismatches = checkClaims(claims, { fileSize, pageCount });
  const claimed = claims.size !== null || claims.pages !== null;
  const reported = reportedMismatches ?? [];
  const disagree = reportedMismatches !== undefined && pageCount !== null && (reported.length > 0) !== (mismatches.length > 0);
  return (
    <section className="pdf-info-section" data-testid="pdf-claims" data-mismatches={mismatches.length}>
      <h3 className="section-title">Payload claims</h3>
      {!claimed ? (
        <p className="muted small">The payload made no claim about this file’s size or pages.</p>
      ) : (
        <table className="claims-table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Claimed</th>
              <th scope="col">File</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            <ClaimRow label="Size" claimed={claims.size} actual={fileSize} unit="bytes" />
            <ClaimRow label="Pages" claimed={claims.pages} actual={pageCount} unit={claims.pages === 1 ? 'page' : 'pages'} />
          </tbody>
        </table>
      )}
      {mismatches.length > 0 && (
        <ul className="mismatch-list" role="alert">
          {mismatches.map((text) => (
            <li key={text} className="mismatch" data-testid="pdf-claim-mismatch">
              <span aria-hidden="true">⚠ </span>Mismatch: {text}
            </li>
          ))}
        </ul>
      )}
      {disagree && (
        <p className="note note-warning small" data-testid="pdf-claims-disagree">
          {reported.length > 0
            ? `When archiving, Hookscope recorded: ${reported.join('; ')}. The file shown here does not.`
            : 'When archiving, Hookscope recorded no mismatch, but the file shown here contradicts the payload.'}
        </p>
      )}
    </section>
  );
}
