// Timestamp tolerance. The clock is a parameter (milliseconds), never read here, so a stored
// delivery can be re-verified against the time it was received and tests need no fake timers.
// Unlike Stripe's and Slack's own libraries, which reject only stale timestamps, both directions
// are checked: a timestamp far in the future means a wrong clock or a longer replay window.

export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface TimestampReading {
  /** The signed timestamp as ISO 8601. */
  iso: string;
  /** now − timestamp in whole seconds: positive when the timestamp is in the past. */
  skewSeconds: number;
  toleranceSeconds: number;
  within: boolean;
}

const MAX_DATE_MS = 8.64e15;

/** Unix seconds (or milliseconds, 13+ digits) or ISO 8601; null when it is neither. */
export function parseTimestampMs(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d{1,16}$/.test(trimmed)) {
    const value = Number(trimmed);
    return trimmed.length >= 13 ? value : value * 1000;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export function readTimestamp(text: string, nowMs: number, toleranceSeconds: number): TimestampReading | null {
  const ms = parseTimestampMs(text);
  if (ms === null || Math.abs(ms) > MAX_DATE_MS) return null;
  const skewSeconds = Math.floor(nowMs / 1000) - Math.floor(ms / 1000);
  return {
    iso: new Date(ms).toISOString(),
    skewSeconds,
    toleranceSeconds,
    within: Math.abs(skewSeconds) <= toleranceSeconds,
  };
}

/** "412 s in the past (tolerance 300 s)". */
export function describeSkew(reading: TimestampReading): string {
  const direction = reading.skewSeconds >= 0 ? 'in the past' : 'in the future';
  return `${Math.abs(reading.skewSeconds)} s ${direction} (tolerance ${reading.toleranceSeconds} s)`;
}

export function timestampDetails(reading: TimestampReading | null): { timestamp: string | null; skewSeconds: number | null } {
  return { timestamp: reading?.iso ?? null, skewSeconds: reading?.skewSeconds ?? null };
}
