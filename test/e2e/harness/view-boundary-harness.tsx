// Mounted by test/e2e/view-boundary.test.ts in a blank Chromium page: the real ViewBoundary around
// a view that throws while rendering, next to content that must survive it.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ViewBoundary } from '../../../renderer/src/components/ViewBoundary.js';

function PayloadView({ hostile }: { hostile: boolean }) {
  if (hostile) throw new RangeError('Maximum call stack size exceeded');
  return <p data-testid="payload-view">a harmless payload</p>;
}

function Harness() {
  const [delivery, setDelivery] = useState(1);
  return (
    <>
      <button type="button" data-testid="next-delivery" onClick={() => setDelivery((n) => n + 1)}>
        Next delivery
      </button>
      <p data-testid="rest-of-app">the rest of the app</p>
      <ViewBoundary resetKey={delivery} actions={<button type="button">Download raw</button>}>
        <PayloadView hostile={delivery === 1} />
      </ViewBoundary>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
