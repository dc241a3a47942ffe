import { useMemo, useState } from 'react';
import type { Delivery, HeaderPair, ReplayAttempt } from '../../../../electron/contract/index.js';
import { base64ToBytes } from '../../lib/base64.js';
import { decodeText, looksLikeJson, parseJson } from '../../lib/body.js';
import { prettyJson } from '../../lib/json-limits.js';
import { formatBytes, formatLocalDateTime, statusClass } from '../../lib/format.js';
import { formatDuration } from '../../lib/replay.js';
import { HeadersTable } from '../../components/HeadersTable.js';
import { attemptSubject, deliverySubject } from '../diff/diff-subject.js';
import { DiffView } from '../diff/DiffView.js';
import './replay.css';

const contentTypeOf = (headers: HeaderPair[]) => headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;

/** One replay attempt in full: what was sent, and what came back (or why nothing did). */
export function AttemptView({ attempt, original }: { attempt: ReplayAttempt; original: Delivery }) {
  const { request, response, error, signing } = attempt;
  const [comparing, setComparing] = useState(false);
  return (
    <div className="replay-result" data-testid="replay-result" data-attempt-id={attempt.id}>
      <div className="replay-result-head">
        {response ? (
          <span className={`replay-status mono ${statusClass(response.status)}`} data-testid="replay-result-status">
            {response.status}
          </span>
        ) : (
          <span className="replay-error" data-testid="replay-result-error">
            <strong className="mono">{error?.code ?? 'other'}</strong> {error?.message ?? 'no response'}
          </span>
        )}
        <span className="muted" data-testid="replay-result-latency">
          {formatDuration(attempt.durationMs)}
        </span>
        <span className="muted">
          {attempt.mode} · {attempt.trigger} · {formatLocalDateTime(attempt.startedAt)}
        </span>
      </div>
      {signing && (
        <p className={signing.valid ? 'note' : 'note note-warning'}>
          Signed with <span className="mono">{signing.scheme}</span>
          {signing.valid ? '' : ' using a wrong key on purpose'}: {signing.headers.join(', ') || 'no headers'}.
        </p>
      )}
      <details className="replay-section" open>
        <summary>
          Request sent · <span className="mono">{request.method}</span> <span className="mono break">{request.url}</span>
        </summary>
        <HeadersTable headers={request.headers} testId="replay-request-headers" />
        <BodyText base64={request.body} size={request.bodySize} contentType={contentTypeOf(request.headers)} truncated={false} testId="replay-request-body" />
        <button type="button" className="link-button" onClick={() => setComparing(!comparing)} aria-pressed={comparing} data-testid="replay-compare-original">
          {comparing ? 'Hide the comparison' : `Compare with the original (#${original.id})`}
        </button>
        {comparing && <OriginalDiff attempt={attempt} original={original} />}
      </details>
      {response && (
        <details className="replay-section" open>
          <summary>
            Response · <span className={`mono ${statusClass(response.status)}`}>{response.status}</span> · {formatBytes(response.bodySize)}
          </summary>
          <HeadersTable headers={response.headers} testId="replay-response-headers" />
          <BodyText
            base64={response.body}
            size={response.bodySize}
            contentType={contentTypeOf(response.headers)}
            truncated={response.truncated}
            testId="replay-response-body"
          />
        </details>
      )}
    </div>
  );
}

/** What was sent against what was captured (Host, Content-Length and hop-by-hop headers are the sender's own). */
function OriginalDiff({ attempt, original }: { attempt: ReplayAttempt; original: Delivery }) {
  const left = useMemo(() => deliverySubject(original, `the original #${original.id}`), [original]);
  const right = useMemo(() => attemptSubject(attempt), [attempt]);
  return <DiffView left={left} right={right} />;
}

/** A body as text (JSON pretty-printed when it parses); always plain text nodes. */
function BodyText({
  base64,
  size,
  contentType,
  truncated,
  testId,
}: {
  base64: string;
  size: number;
  contentType: string | null;
  truncated: boolean;
  testId: string;
}) {
  const shown = useMemo(() => {
    const bytes = base64ToBytes(base64);
    if (bytes.length === 0) return null;
    const encoding = contentType?.toLowerCase() ?? '';
    const json = looksLikeJson(contentType) || /^\s*[[{]/.test(decodeText(bytes.subarray(0, 64)).text) ? parseJson(bytes) : null;
    if (json?.ok && !truncated) return { text: prettyJson(json.value, json.shape).text, cut: false, binaryHint: false };
    const { text, truncated: cut } = decodeText(bytes);
    return { text, cut, binaryHint: encoding.includes('gzip') || text.includes('\uFFFD') };
  }, [base64, contentType, truncated]);

  if (shown === null) return <p className="muted fine">{size === 0 ? 'Empty body.' : `Body of ${formatBytes(size)} not shown.`}</p>;
  return (
    <>
      {truncated && <p className="note">The body was longer: only the first {formatBytes(size)} were stored.</p>}
      {shown.cut && <p className="note">Showing the beginning of the body.</p>}
      {shown.binaryHint && <p className="note">Not UTF-8 text (binary or compressed): shown with replacement characters.</p>}
      <pre className="mono body-pre" data-testid={testId}>
        {shown.text}
      </pre>
    </>
  );
}
