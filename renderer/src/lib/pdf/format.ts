import { formatBytes } from '../format.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time with the zone offset, e.g. 2025-03-01 14:02:09 +01:00. */
export function formatDocumentDate(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zone}`
  );
}

/** e.g. "34.2 KiB (35,012 bytes)"; exact bytes alone under 1 KiB. */
export function formatFileSize(size: number): string {
  const exact = `${size.toLocaleString('en-US')} ${size === 1 ? 'byte' : 'bytes'}`;
  return size < 1024 ? exact : `${formatBytes(size)} (${exact})`;
}

export function shortHash(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;
}
