import { Component, type ReactNode } from 'react';

/**
 * Renders an editor on data its schema refuses (one bad field, e.g. an over-long message imported from
 * JSON), so the user can fix that field in place; if the data is too broken for the editor to draw,
 * shows `fallback` instead of taking the inspector down. `resetKey` retries when the data changes.
 */
export class EditorBoundary extends Component<{ fallback: ReactNode; resetKey: unknown; children: ReactNode }, { failedFor: unknown; failed: boolean }> {
  override state = { failedFor: undefined as unknown, failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(): void {
    this.setState({ failedFor: this.props.resetKey });
  }

  override render(): ReactNode {
    const failed = this.state.failed && this.state.failedFor === this.props.resetKey;
    return failed ? this.props.fallback : this.props.children;
  }
}
