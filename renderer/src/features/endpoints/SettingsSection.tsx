// A titled section of the endpoint settings dialog.
import { type ReactNode } from 'react';
import './endpoints.css';

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="settings-section" data-testid={testId}>
      <h3 className="section-title">{title}</h3>
      {children}
    </section>
  );
}
