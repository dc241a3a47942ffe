import { EditorView } from '@codemirror/view';

// The editor's look, from the page's colour tokens: custom properties inherit into the shadow root
// the editor lives in, so a theme change of the page reaches it without a rule of its own.
export const editorTheme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--pane)',
    fontSize: '12.5px',
    minHeight: '120px',
    maxHeight: '420px',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '18px', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--accent-soft)' },
  '.cm-panels': { backgroundColor: 'var(--code-bg)', color: 'var(--text)' },
  '.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-searchMatch': { backgroundColor: 'var(--warning-soft)', outline: '1px solid var(--warning)' },
  '.cm-tooltip': { backgroundColor: 'var(--pane)', color: 'var(--text)', border: '1px solid var(--border-strong)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--accent-soft)', color: 'var(--accent)', border: 'none' },
});
