import { useState, type ReactNode } from 'react';
import styles from './More.module.css';

/**
 * Goroutines a row of tokens shows before it sums up the rest in a button. Sixty-four
 * goroutines queued on one lock would otherwise fill the page with tokens nobody can read
 * at a glance, and the page would move them all at every frame of a run.
 */
export const TOKENS_SHOWN = 12;

/**
 * The first `max` of `ids`, unless the reader asked for all, and the button that asks (or
 * puts them away again); `more` is null when every id fits.
 */
export function useCapped(
  ids: readonly number[],
  max = TOKENS_SHOWN,
): { readonly shown: readonly number[]; readonly more: ReactNode } {
  const [all, setAll] = useState(false);
  if (ids.length <= max) return { shown: ids, more: null };
  const hidden = ids.length - max;
  const more = (
    <button
      type="button"
      className={styles.more}
      aria-expanded={all}
      title={all ? 'Show the first few only' : `Show all ${ids.length}`}
      onClick={() => setAll(!all)}
    >
      {all ? 'Show fewer' : `+${hidden} more`}
    </button>
  );
  return { shown: all ? ids : ids.slice(0, max), more };
}
