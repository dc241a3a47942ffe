import { Component, type ReactNode } from 'react';

/** Whatever goes wrong inside a preview stays inside it: the rest of the app keeps working. */
export class PreviewBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  state: { error: string | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  render() {
    if (this.state.error !== null) {
      return (
        <p className="alert alert-danger" role="alert" data-testid="pdf-error" data-kind="crash">
          The preview failed: {this.state.error}
        </p>
      );
    }
    return this.props.children;
  }
}
