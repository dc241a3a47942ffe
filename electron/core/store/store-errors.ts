// What SQLite's errors mean to a caller. Busy and locked pass when another connection lets go; a
// full disk or an I/O error passes when space is freed. Either way nothing was written, so the
// caller (a sender, an API client) is told to retry (503 + Retry-After), never given a 500.

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY']);

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BUSY_CODES.has(code);
}

/**
 * A store failure that passes by itself: locked by another process, the disk full, an I/O error.
 * A caller (a sender, an API client) gets 503 + Retry-After for it, never a 500, and nothing it
 * asked for was kept. SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_LOCKED_SHAREDCACHE, …)
 * start with their primary code.
 */
export function isStoreUnavailableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR)(_|$)/.test(code);
}

/** What a caller is told about a store failure that passes by itself. */
export function storeUnavailableMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') return 'the disk is full';
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) return 'the database could not be written (I/O error)';
  return 'the database is locked by another process';
}
