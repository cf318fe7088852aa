"use client";
// ErrorBoundary: shows a fallback in place of children that failed to
// render. Server components use it through gorsc.ErrorBoundary, and
// gorsc.Segment's Error (with a retry button).
import { Component, type ReactNode } from "react";
import { refresh } from "gorsc:router.ts";

type Props = { fallback?: ReactNode; retry?: string; children?: ReactNode };
type State = { error: (Error & { digest?: string }) | null };

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  // Retry renders the page again on the server; the new children arrive
  // as new props, which clears the error (componentDidUpdate).
  retry = () => {
    void refresh();
  };

  componentDidUpdate(prev: Props) {
    if (this.state.error && prev.children !== this.props.children) {
      this.setState({ error: null });
    }
  }

  render(): ReactNode {
    const { error } = this.state;
    if (error) {
      return (
        <div role="alert" data-gorsc-error="" data-digest={error.digest ?? ""}>
          {this.props.fallback}
          {this.props.retry ? (
            <button type="button" data-gorsc-retry="" onClick={this.retry}>
              {this.props.retry}
            </button>
          ) : null}
        </div>
      );
    }
    return this.props.children;
  }
}
