// A sender that stops delivering after too many errors: Adobe PDF Services blocks its
// notifications for 20 minutes after 50 error answers in 10 minutes (reference 003). Pure, time
// passed in; bounded (never keeps more timestamps than the error limit). One tracker per
// provider and target lives as long as the service that sends, so repeated triggers add up.

export interface ErrorBlockRule {
  errors: number;
  windowMs: number;
  blockMs: number;
}

export class ErrorBlock {
  private errorsAt: number[] = [];
  private until = 0;

  constructor(readonly rule: ErrorBlockRule) {}

  /** Records an attempt's outcome; the error that reaches the limit starts the block. */
  record(atMs: number, ok: boolean): void {
    if (ok) return;
    this.errorsAt = this.errorsAt.filter((t) => t > atMs - this.rule.windowMs);
    this.errorsAt.push(atMs);
    if (this.errorsAt.length >= this.rule.errors) {
      this.until = atMs + this.rule.blockMs;
      this.errorsAt = [];
    }
  }

  /** When the block ends, if one is in force at `atMs`. */
  blockedUntil(atMs: number): number | null {
    return atMs < this.until ? this.until : null;
  }

  /** Errors counted in the window ending at `atMs`. */
  errorsIn(atMs: number): number {
    return this.errorsAt.filter((t) => t > atMs - this.rule.windowMs).length;
  }
}
