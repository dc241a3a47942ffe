import { useCallback, useState, type CSSProperties } from 'react';
import { savedWidth, saveWidth, type PaneName } from './pane-widths.js';

type Widths = Record<PaneName, number | null>;

/**
 * The three panes' grid tracks. Unset widths keep the default layout (styles.css); a list width
 * that is set hands the rest to the detail. Custom properties set from script pass the CSP, which
 * refuses only inline style attributes in the markup.
 */
export function usePaneLayout() {
  const [widths, setWidths] = useState<Widths>(() => ({ sidebar: savedWidth('sidebar'), list: savedWidth('list') }));

  const resize = useCallback((pane: PaneName, width: number | null, done: boolean) => {
    setWidths((now) => ({ ...now, [pane]: width }));
    if (done) saveWidth(pane, width);
  }, []);

  const style: Record<string, string> = {};
  if (widths.sidebar !== null) style['--sidebar-track'] = `${widths.sidebar}px`;
  if (widths.list !== null) {
    style['--list-track'] = `${widths.list}px`;
    style['--detail-track'] = 'minmax(320px, 1fr)';
  }
  return { style: style as CSSProperties, resize };
}
