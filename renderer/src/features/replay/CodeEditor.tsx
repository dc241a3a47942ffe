import { useMemo, useRef, type UIEvent } from 'react';
import type { JsonCheck } from '../../lib/json-check.js';

/** Must match .code-editor line-height in styles.css: the error marker is placed by line. */
const LINE_HEIGHT = 18;
const PADDING_TOP = 6;

/**
 * A plain textarea with a line-number gutter and, for JSON, the first syntax error marked on its
 * line. No wrapping, so gutter lines and text lines stay aligned; the gutter scrolls with the text.
 */
export function CodeEditor({
  value,
  onChange,
  check,
  label,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The JSON check of `value`, or null when the content is not JSON. */
  check: JsonCheck | null;
  label: string;
  testId: string;
}) {
  const gutter = useRef<HTMLPreElement>(null);
  const marker = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => {
    let count = 1;
    for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) count += 1;
    return count;
  }, [value]);
  const numbers = useMemo(() => Array.from({ length: lines }, (_, n) => String(n + 1)).join('\n'), [lines]);
  const errorLine = check && !check.ok ? check.line : null;
  const scrollTop = useRef(0);
  const markerTop = (line: number) => PADDING_TOP + (line - 1) * LINE_HEIGHT - scrollTop.current;

  const onScroll = (event: UIEvent<HTMLTextAreaElement>) => {
    scrollTop.current = event.currentTarget.scrollTop;
    if (gutter.current) gutter.current.scrollTop = scrollTop.current;
    if (marker.current && errorLine !== null) marker.current.style.top = `${markerTop(errorLine)}px`;
  };

  return (
    <div className={check && !check.ok ? 'code-editor invalid' : 'code-editor'}>
      <pre className="code-gutter mono" ref={gutter} aria-hidden="true">
        {numbers}
      </pre>
      <div className="code-area">
        {errorLine !== null && (
          <div
            ref={marker}
            className="code-error-line"
            aria-hidden="true"
            style={{ top: markerTop(errorLine), height: LINE_HEIGHT }}
          />
        )}
        <textarea
          className="code-text mono"
          value={value}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-label={label}
          aria-invalid={check ? !check.ok : undefined}
          rows={Math.min(24, Math.max(6, lines + 1))}
          onChange={(event) => onChange(event.target.value)}
          onScroll={onScroll}
          data-testid={testId}
        />
      </div>
    </div>
  );
}
