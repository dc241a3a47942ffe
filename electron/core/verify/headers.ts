// Header lookup over the raw header list the capture listener kept (original case, order and
// duplicates). HTTP header names are case-insensitive, so lookups are too; duplicates are reported,
// never silently merged, because a proxy that adds a second signature header is worth knowing about.
import type { HeaderPair } from '../../contract/index.js';

export interface FoundHeader {
  /** The name as the sender spelled it. */
  name: string;
  /** The first occurrence's value. */
  value: string;
  count: number;
}

export function findHeader(headers: HeaderPair[], name: string): FoundHeader | null {
  const wanted = name.toLowerCase();
  const matches = headers.filter(([key]) => key.toLowerCase() === wanted);
  const first = matches[0];
  return first ? { name: first[0], value: first[1], count: matches.length } : null;
}

export function hasHeader(headers: HeaderPair[], name: string): boolean {
  return findHeader(headers, name) !== null;
}

/** The media type of Content-Type, lower-cased, without parameters. */
export function mediaType(headers: HeaderPair[]): string | null {
  const found = findHeader(headers, 'content-type');
  return found ? (found.value.split(';')[0] ?? '').trim().toLowerCase() : null;
}
