// Building Verification records. Every reason and detail shown to the user passes through here, so
// this is where the rule "the secret never leaves the verifier" is easiest to keep: nothing in this
// file receives a secret.
import type { Verification, VerificationStatus } from '../../contract/index.js';

export type Details = Verification['details'];

const RECEIVED_MAX = 500;

export const noDetails: Details = {
  signedContentPreview: null,
  expected: null,
  received: null,
  timestamp: null,
  skewSeconds: null,
};

export function verification(
  scheme: string,
  status: VerificationStatus,
  reason: string,
  details: Partial<Details> = {},
): Verification {
  const received = details.received ?? null;
  return {
    scheme,
    status,
    reason,
    details: { ...noDetails, ...details, received: received === null ? null : clip(received, RECEIVED_MAX) },
  };
}

/** What an export puts in place of a masked header's value (export/redact.ts); verification recognises it. */
export const REDACTED = '[redacted]';

export function missing(scheme: string, reason: string): Verification {
  return verification(scheme, 'missing', reason);
}

export function invalid(scheme: string, reason: string, details: Partial<Details> = {}): Verification {
  return verification(scheme, 'invalid', reason, details);
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** " (X-Foo appears 2 times; the first was checked)" or "". */
export function duplicateNote(name: string, count: number): string {
  return count > 1 ? ` (${name} appears ${count} times; the first was checked)` : '';
}

const PREVIEW_MAX = 200;

/**
 * The signed content as text for the UI. Bytes that are not UTF-8 are not shown: the text that
 * precedes them is kept (a timestamp prefix, say) and the rest is summarised.
 */
export function preview(content: Buffer): string {
  try {
    return clip(new TextDecoder('utf-8', { fatal: true }).decode(content), PREVIEW_MAX);
  } catch {
    const text = content.toString('utf8');
    const prefix = text.slice(0, text.indexOf('\uFFFD'));
    return `${clip(prefix, PREVIEW_MAX)}<binary: ${content.length} bytes in all, not shown as text>`;
  }
}
