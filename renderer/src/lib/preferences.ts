// Per-browser preferences of the inspector (theme, pane widths, which endpoints notify): UI state,
// not data, so they live in localStorage rather than the core's settings. Every read is parsed,
// since anything may be stored under our keys; storage that throws (disabled, full) is no storage.

const PREFIX = 'hookscope.';

export function readPreference<T>(key: string, parse: (raw: string) => T | null): T | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw === null ? null : parse(raw);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, value);
  } catch {
    // Not kept across reloads; the choice still applies now.
  }
}
