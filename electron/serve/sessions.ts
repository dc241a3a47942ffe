// How a browser signs in to the control API without a long-lived credential in any URL (the
// Jupyter way). `serve` prints a URL with a one-time sign-in code; opening it trades the code for a
// session id in an HttpOnly cookie and redirects to a URL without it, so the history keeps only a
// spent code. A browser without a session pastes the API token instead (POST, body only). Codes
// and sessions live in memory: a restart ends every session, and its banner prints a new code.
// Clock injected; all values are 256-bit random.
import { randomBytes } from 'node:crypto';

export const SIGN_IN_CODE_TTL_MS = 2 * 60_000;
/** Sessions are only opened by someone holding a code or the token; the cap bounds memory anyway. */
const MAX_SESSIONS = 256;
const MAX_PENDING_CODES = 64;

export class SessionStore {
  /** code → expiry time (ms). */
  private readonly codes = new Map<string, number>();
  /** Session ids, oldest first (a Map keeps insertion order, so eviction drops the oldest). */
  private readonly sessions = new Map<string, true>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly codeTtlMs: number = SIGN_IN_CODE_TTL_MS,
  ) {}

  issueCode(): string {
    this.dropExpiredCodes();
    if (this.codes.size >= MAX_PENDING_CODES) this.codes.delete(this.codes.keys().next().value!);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, this.now() + this.codeTtlMs);
    return code;
  }

  /** True once for a code issued less than the TTL ago; the code is spent either way. */
  redeemCode(code: string | null | undefined): boolean {
    if (!code) return false;
    const expiresAt = this.codes.get(code);
    if (expiresAt === undefined) return false;
    this.codes.delete(code);
    return this.now() < expiresAt;
  }

  open(): string {
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, true);
    return id;
  }

  isOpen(id: string | undefined): boolean {
    return id !== undefined && this.sessions.has(id);
  }

  close(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  private dropExpiredCodes(): void {
    const now = this.now();
    for (const [code, expiresAt] of this.codes) if (now >= expiresAt) this.codes.delete(code);
  }
}
