"use client";
// ErrorBoundary: shows a fallback in place of children that failed to
// render. Server components use it through gorsc.ErrorBoundary.
import { Component, type ReactNode } from "react";

type Props = { fallback?: ReactNode; children?: ReactNode };
type State = { error: (Error & { digest?: string }) | null };

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render(): ReactNode {
    const { error } = this.state;
    if (error) {
      return (
        <div role="alert" data-gorsc-error="" data-digest={error.digest ?? ""}>
          {this.props.fallback}
        </div>
      );
    }
    return this.props.children;
  }
}
