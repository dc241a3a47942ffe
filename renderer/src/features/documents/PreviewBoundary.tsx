import type { ReactNode } from 'react';
import { ViewBoundary } from '../../components/ViewBoundary.js';

/** Whatever goes wrong inside a preview stays inside it: the rest of the app keeps working. */
export function PreviewBoundary({ children, resetKey }: { children: ReactNode; resetKey: unknown }) {
  return (
    <ViewBoundary
      resetKey={resetKey}
      fallback={(message) => (
        <p className="alert alert-danger" role="alert" data-testid="pdf-error" data-kind="crash">
          The preview failed: {message}
        </p>
      )}
    >
      {children}
    </ViewBoundary>
  );
}
