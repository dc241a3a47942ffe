import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { askBodyWorker } from '../../lib/body-worker-client.js';
import { mediaType } from '../../lib/body-kind.js';
import { checkJson, type JsonCheck } from '../../lib/json-check.js';
import { JSON_MAX_DEPTH, measureJson, prettyJson } from '../../lib/json-limits.js';
import { looksLikeJson } from '../../lib/body.js';
import type { EditorLanguage } from './CodeEditor.js';
import { HeaderListEditor, rowsOf, type HeaderRow } from '../../components/HeaderListEditor.js';
import './replay.css';

/** CodeMirror is loaded when a request is first edited, not with the inspector. */
const CodeEditor = lazy(() => import('./CodeEditor.js').then((module) => ({ default: module.CodeEditor })));

/** Bodies up to this many characters are checked as you type; longer ones in the body worker (a 5 MiB check takes ~150 ms). */
const CHECK_INLINE_LIMIT = 256 * 1024;
/** A large body is checked once typing pauses this long. */
const CHECK_PAUSE_MS = 250;

/** The JSON check of the body: null when it is not JSON, 'checking' while the worker has it. */
export type BodyCheck = JsonCheck | 'checking' | null;

export interface RequestEdit {
  method: string;
  /** "" = the captured path and query (per "append the captured path"). */
  path: string;
  headers: HeaderRow[];
  /** The body as UTF-8 text; null when the captured body is not text (sent as captured). */
  body: string | null;
}

export { rowsOf };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The edit's content type (from its own header list), which decides whether the body must be JSON. */
export function editContentType(edit: RequestEdit): string | null {
  return edit.headers.find((row) => row.name.trim().toLowerCase() === 'content-type')?.value ?? null;
}

/** The first problem that would make the API refuse the edit, or null. */
export function editProblem(edit: RequestEdit, json: BodyCheck): string | null {
  if (!TOKEN.test(edit.method) || edit.method.length > 32) return 'Method: letters and token characters only (e.g. POST).';
  if (edit.path !== '' && !/^[/?][\x21-\x7e]*$/.test(edit.path)) return 'Path: starts with "/" (or "?"), no spaces.';
  for (const [index, row] of edit.headers.entries()) {
    if (row.name.trim() === '' && row.value === '') continue;
    if (!TOKEN.test(row.name.trim())) return `Header ${index + 1}: not a valid header name.`;
    if (/[\r\n\0]/.test(row.value)) return `Header ${index + 1}: values cannot contain line breaks.`;
  }
  if (json === 'checking') return 'Checking the JSON…';
  if (json && !json.ok) return 'The body is not valid JSON.';
  return null;
}

/** The editor's syntax, from the edit's content type. */
export function editLanguage(edit: RequestEdit): EditorLanguage {
  const type = mediaType(editContentType(edit)) ?? '';
  return looksLikeJson(type) ? 'json' : /[/+]xml$/.test(type) ? 'xml' : null;
}

export function useJsonCheck(edit: RequestEdit | null): BodyCheck {
  const contentType = edit ? editContentType(edit) : null;
  const body = edit?.body ?? null;
  const json = body !== null && looksLikeJson(contentType);
  const inline = json && body.length <= CHECK_INLINE_LIMIT;
  const quick = useMemo(() => (inline ? checkJson(body!) : null), [inline, body]);
  const [slow, setSlow] = useState<{ body: string; check: JsonCheck } | null>(null);
  useEffect(() => {
    if (!json || inline) return;
    let current = true;
    const timer = setTimeout(() => {
      askBodyWorker({ op: 'json-check', text: body! }).then(
        (answer) => current && answer.check && setSlow({ body: body!, check: answer.check }),
        () => current && setSlow(null),
      );
    }, CHECK_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [json, inline, body]);
  if (!json) return null;
  if (inline) return quick;
  return slow?.body === body ? slow.check : 'checking';
}

/** Method, path, header list and body of an edited replay. */
export function RequestEditor({
  edit,
  onChange,
  json,
  capturedPath,
}: {
  edit: RequestEdit;
  onChange: (edit: RequestEdit) => void;
  json: BodyCheck;
  capturedPath: string;
}) {
  const check = json === 'checking' ? null : json;
  const format = () => {
    if (edit.body === null) return;
    try {
      const value: unknown = JSON.parse(edit.body);
      const shape = measureJson(value);
      // Formatting must not change the body: a payload past the depth bound stays as it is.
      if (shape.depth <= JSON_MAX_DEPTH) onChange({ ...edit, body: prettyJson(value, shape).text });
    } catch {
      // The error is shown already.
    }
  };
  return (
    <div className="replay-editor" data-testid="replay-editor">
      <div className="replay-editor-line">
        <label className="replay-field replay-method">
          <span>Method</span>
          <input
            className="mono"
            value={edit.method}
            spellCheck={false}
            onChange={(event) => onChange({ ...edit, method: event.target.value.toUpperCase() })}
            data-testid="replay-edit-method"
          />
        </label>
        <label className="replay-field replay-path">
          <span>Path and query</span>
          <input
            className="mono"
            value={edit.path}
            placeholder={`${capturedPath} (captured)`}
            spellCheck={false}
            onChange={(event) => onChange({ ...edit, path: event.target.value })}
            data-testid="replay-edit-path"
          />
        </label>
      </div>
      <div className="replay-headers">
        <div className="replay-subtitle">
          Headers <span className="muted fine">in this order; Host, Content-Length and hop-by-hop headers are set by Hookscope</span>
        </div>
        <HeaderListEditor
          rows={edit.headers}
          onChange={(headers) => onChange({ ...edit, headers })}
          empty="No headers."
          testIds={{ row: 'replay-header', name: 'replay-header-name', value: 'replay-header-value', remove: 'replay-header-remove', add: 'replay-header-add' }}
        />
      </div>
      <div className="replay-body-edit">
        <div className="replay-subtitle">
          Body
          {json && (
            <button type="button" className="link-button" onClick={format} disabled={check?.ok !== true} data-testid="replay-body-format">
              Format JSON
            </button>
          )}
        </div>
        {edit.body === null ? (
          <p className="note" data-testid="replay-body-binary">
            binary body: sent as captured
          </p>
        ) : (
          <>
            <Suspense fallback={<p className="muted">Loading the editor…</p>}>
              <CodeEditor
                value={edit.body}
                onChange={(body) => onChange({ ...edit, body })}
                language={editLanguage(edit)}
                check={check}
                label="Request body"
                testId="replay-body"
              />
            </Suspense>
            {check && !check.ok && (
              <p className="error-text" role="alert" data-testid="replay-body-error">
                Invalid JSON at line {check.line}, column {check.column}: {check.message}
              </p>
            )}
            {check?.ok && <p className="help replay-body-ok">Valid JSON.</p>}
            {json === 'checking' && <p className="help">Checking the JSON…</p>}
          </>
        )}
      </div>
    </div>
  );
}
