import { useEffect, useRef } from 'react';
import { minimalSetup } from 'codemirror';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { bracketMatching, foldGutter, foldKeymap } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { xml } from '@codemirror/lang-xml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { search, searchKeymap } from '@codemirror/search';
import type { JsonCheck } from '../../lib/json-check.js';
import { editorTheme } from './editor-theme.js';

export type EditorLanguage = 'json' | 'xml' | null;

const languageOf = (language: EditorLanguage): Extension => (language === 'json' ? json() : language === 'xml' ? xml() : []);

/** The JSON check's first error as an inline diagnostic (underline, gutter marker, tooltip). */
function diagnosticsOf(check: JsonCheck | null, length: number): Diagnostic[] {
  if (!check || check.ok) return [];
  const from = Math.min(check.offset, length);
  return [{ from, to: Math.min(from + 1, length), severity: 'error', message: `${check.message} (line ${check.line}, column ${check.column})` }];
}

/**
 * A CodeMirror 6 editor: syntax by content type, folding, search (Ctrl-F), and the JSON check's
 * error shown inline. CodeMirror draws only the lines in view, so a body of megabytes opens at once.
 *
 * It lives in a shadow root on purpose: CodeMirror injects its styles, and on a document it does so
 * with a <style> element, which the page's CSP (style-src 'self', no 'unsafe-inline') refuses. In a
 * shadow root it uses a constructed stylesheet (adoptedStyleSheets), which CSP does not govern: the
 * styles come from our own script, and the policy stays as strict as it is.
 */
export function CodeEditor({
  value,
  onChange,
  language,
  check,
  label,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  language: EditorLanguage;
  /** The JSON check of `value` (null when the content is not JSON or not checked yet). */
  check: JsonCheck | null;
  label: string;
  testId: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  /** The text the editor last reported: a value prop equal to it needs no update (no toString per keystroke). */
  const reported = useRef(value);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const root = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      parent: root,
      state: EditorState.create({
        doc: value,
        extensions: [
          // Only "\n" splits lines: a CR stays a character of the body, so CRLF bodies keep their bytes.
          EditorState.lineSeparator.of('\n'),
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          minimalSetup,
          bracketMatching(),
          search({ top: true }),
          keymap.of([...searchKeymap, ...foldKeymap]),
          languageSlot.current.of(languageOf(language)),
          editorTheme,
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': testId }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            reported.current = update.state.doc.toString();
            changed.current(reported.current);
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once; later props reach it through the effects below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || value === reported.current) return;
    reported.current = value;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageOf(language)) });
  }, [language]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, diagnosticsOf(check, editor.state.doc.length)));
  }, [check]);

  return <div ref={host} className={check && !check.ok ? 'code-editor invalid' : 'code-editor'} data-testid={`${testId}-editor`} />;
}
