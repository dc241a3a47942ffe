const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Local wall-clock time, HH:MM:SS. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A row's time: the clock today, the date and clock on another day (local time). */
export function formatRowTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  if (sameDay) return formatClock(iso);
  const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${date.getFullYear() === now.getFullYear() ? day : `${date.getFullYear()}-${day}`} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Local date and time with milliseconds and the zone offset, e.g. 2025-03-01 14:02:09.123 +01:00. */
export function formatLocalDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)} ${zone}`
  );
}

/** 0 means no response was sent: the sender hung up first, or the request was refused outright. */
export function formatStatus(status: number): string {
  return status === 0 ? '—' : String(status);
}

/** A CSS class for a status code's family: status-2xx … status-5xx. */
export function statusClass(status: number): string {
  const family = Math.floor(status / 100);
  if (status === 0) return 'status-none';
  return family >= 1 && family <= 5 ? `status-${family}xx` : 'status-other';
}

const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** The method comes from the sender, so it only picks among known classes; it never becomes one. */
export function methodClass(method: string): string {
  return KNOWN_METHODS.has(method) ? `method-${method.toLowerCase()}` : 'method-other';
}

/** Where senders post for an endpoint; the built-in `default` takes any unclaimed path. */
export function captureUrlFor(captureUrl: string, slug: string, builtIn: boolean): string {
  return builtIn ? `${captureUrl}/…any path` : `${captureUrl}/${slug}`;
}
