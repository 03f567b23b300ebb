import { m, useReducedMotion } from 'motion/react';
import { memo } from 'react';
import { useSim, useSimStore } from '../Sim/SimContext';
import { colorIndex } from '../places';
import type { GoroutineState } from '../../engine/runtime/snapshot';
import styles from './Token.module.css';

const ICON: Record<GoroutineState, string> = {
  running: '▶',
  runnable: '○',
  blocked: '■',
  sleeping: '☾',
  done: '✓',
  crashed: '✕',
};

const WORD: Record<GoroutineState, string> = {
  running: 'running',
  runnable: 'runnable',
  blocked: 'blocked',
  sleeping: 'sleeping',
  done: 'done',
  crashed: 'crashed',
};

/** Tokens glide between places slower than steps come, never longer: at speed they jump. */
function travelTime(speed: number | 'max', playing: boolean): number {
  if (!playing) return 0.35;
  if (speed === 'max' || speed >= 30) return 0;
  return Math.min(0.35, 0.7 / speed);
}

function gindex(id: number): number {
  return id === 1 ? 0 : id - 5;
}

/** A goroutine: its id as Go numbers it, what it runs, and why it waits, in Go's words. */
export const Token = memo(function Token({
  id,
  hotkey,
}: {
  readonly id: number;
  readonly hotkey?: number | undefined;
}) {
  const g = useSim((s) => s.snapshot?.goroutines[gindex(id)] ?? null);
  const runnable = useSim((s) => s.snapshot?.runnable.includes(id) ?? false);
  // with prefers-reduced-motion, a token changes place without travelling: a plain button
  // (MotionConfig's reducedMotion alone can leave a frame of layout transform)
  const reduce = useReducedMotion() ?? false;
  const travel = useSim((s) => travelTime(s.speed, s.playing));
  const duration = reduce ? 0 : travel;
  const store = useSimStore();
  if (!g) return null;
  const label = `G${g.id} ${g.current}: ${WORD[g.state]}${g.reason ? ` in ${g.reason}` : ''}${runnable ? ', click to run it next' : ''}`;
  const wait =
    g.state === 'sleeping'
      ? `${((g.wakeAt - (store.getState().snapshot?.now ?? 0)) / 1e6).toFixed(1)} ms left`
      : g.reason;
  const props = {
    type: 'button' as const,
    className: styles.token,
    'data-goroutine': `G${g.id}`,
    'data-state': g.state,
    'data-color': colorIndex(g.id),
    'aria-label': label,
    title: `${g.fn} — line ${g.pos.line}: ${g.next}`,
    'aria-disabled': !runnable,
    onClick: () => {
      if (!runnable) return;
      const s = store.getState();
      s.pause();
      s.choose(g.id);
    },
  };
  const body = (
    <>
      <span className={styles.icon} aria-hidden="true">
        {ICON[g.state]}
      </span>
      <span className={styles.id}>G{g.id}</span>
      <span className={styles.fn}>{g.current}</span>
      {wait && <span className={styles.reason}>{wait}</span>}
      {hotkey !== undefined && runnable && (
        <kbd className={styles.key} aria-hidden="true">
          {hotkey}
        </kbd>
      )}
    </>
  );
  // Travelling tokens are Motion elements sharing a layoutId; at speed (or when nothing
  // should move) a plain button costs the page far less.
  if (duration === 0) return <button {...props}>{body}</button>;
  return (
    <m.button
      {...props}
      layoutId={`g${g.id}`}
      layout="position"
      transition={{ layout: { duration } }}
    >
      {body}
    </m.button>
  );
});
