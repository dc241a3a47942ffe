import { Component, type ErrorInfo, type ReactNode } from 'react';
import './view-boundary.css';

interface Props {
  children: ReactNode;
  /** A new value (another delivery, another sub-view) clears a caught error and tries again. */
  resetKey: unknown;
  /** What is still reachable when the view failed, e.g. "Download raw" or a hint to the Hex view. */
  actions?: ReactNode;
  /** Replaces the default message entirely (keeps older test ids working). */
  fallback?: (message: string) => ReactNode;
}

interface State {
  error: string | null;
}

/**
 * Around every view of untrusted content: a render error inside stays inside. Without it React
 * unmounts the whole tree and the inspector goes white. (react-error-boundary does the same; this
 * is the few lines of it we need.)
 */
export class ViewBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; the user sees the message.
    console.warn('A view failed to render:', error, info.componentStack);
  }

  componentDidUpdate(previous: Props): void {
    if (this.state.error !== null && !Object.is(previous.resetKey, this.props.resetKey)) this.setState({ error: null });
  }

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (this.props.fallback) return this.props.fallback(error);
    return (
      <div className="alert alert-danger view-failed" role="alert" data-testid="view-error">
        <p>This view could not be shown: {error}</p>
        {this.props.actions && <div className="view-failed-actions">{this.props.actions}</div>}
      </div>
    );
  }
}
