import type { VerificationStatus } from '../../../electron/contract/index.js';
import { statusClassName, statusText, statusTitle } from '../lib/verification.js';
import './verification-badge.css';

/** The signature verdict as a small coloured chip: valid, invalid, missing, unverified, or "…" while computing. */
export function VerificationBadge({ status, testId = 'verification-badge' }: { status: VerificationStatus | null; testId?: string }) {
  return (
    <span
      className={`verification-badge ${statusClassName(status)}`}
      data-testid={testId}
      data-status={status ?? 'pending'}
      title={statusTitle(status)}
    >
      {statusText(status)}
    </span>
  );
}
