// The widths of the resizable panes: what a drag or an arrow key may set, and how they are kept.
import { readPreference, writePreference } from '../../lib/preferences.js';

export type PaneName = 'sidebar' | 'list';

export const PANE_LIMITS: Record<PaneName, { min: number; max: number; step: number }> = {
  sidebar: { min: 180, max: 520, step: 16 },
  list: { min: 280, max: 1200, step: 16 },
};

export function clampWidth(pane: PaneName, width: number): number {
  const { min, max } = PANE_LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, width)));
}

/** A stored width, or null (the default layout) for anything that is not a sane number. */
export function parseWidth(pane: PaneName, raw: string): number | null {
  const value = Number(raw);
  return /^\d{2,4}$/.test(raw.trim()) && Number.isFinite(value) ? clampWidth(pane, value) : null;
}

export function savedWidth(pane: PaneName): number | null {
  return readPreference(`pane.${pane}`, (raw) => parseWidth(pane, raw));
}

export function saveWidth(pane: PaneName, width: number | null): void {
  writePreference(`pane.${pane}`, width === null ? null : String(width));
}
