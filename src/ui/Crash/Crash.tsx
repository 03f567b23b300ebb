import { Component, type ErrorInfo, type ReactNode } from 'react';
import styles from './Crash.module.css';

interface Props {
  readonly children: ReactNode;
  /** what the user was looking at, for the message */
  readonly where: string;
}

interface State {
  readonly error: Error | null;
}

/**
 * The last line of defence: if drawing a view throws (a bug in Interleave, or a chunk that
 * failed to download), say so and offer a way back instead of leaving a blank page. Edited
 * programs are kept in localStorage as they are typed, so trying again loses nothing.
 */
export class Crash extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Interleave: the ${this.props.where} failed to draw`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className={styles.crash}>
        <h2>The {this.props.where} could not be drawn</h2>
        <p>
          This is a bug in Interleave, not in your program. Your edits are kept in this browser, so
          trying again loses nothing.
        </p>
        <pre className={styles.message}>{error.message}</pre>
        <div className={styles.actions}>
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </div>
    );
  }
}
