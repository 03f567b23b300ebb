import { useEffect, useRef, type FocusEvent, type Ref } from 'react';
import { useSim, useSimStore } from '../Sim/SimContext';
import { Icon } from './Icon';

export interface TransportProps {
  readonly playing: boolean;
  /** the program has ended: nothing more to play or step */
  readonly ended: boolean;
  readonly atStart: boolean;
  /** Play is not offered (the learner schedules by hand) */
  readonly noPlay?: boolean;
  readonly show?: ReadonlySet<string>;
  readonly primaryClass?: string | undefined;
  readonly onRestart: () => void;
  readonly onBack: () => void;
  readonly onPlay: () => void;
  readonly onPause: () => void;
  readonly onStep: () => void;
  /** the Restart button, for focus to go to when the run ends (see useRestartFocus) */
  readonly restartRef?: Ref<HTMLButtonElement>;
}

const ALL: ReadonlySet<string> = new Set(['restart', 'back', 'play', 'step']);

/** Restart, Step back, Play/Pause and Step: the same buttons (names, keys) everywhere. */
export function Transport({ restartRef, ...p }: TransportProps) {
  const show = p.show ?? ALL;
  return (
    <>
      {show.has('restart') && (
        <button
          type="button"
          onClick={p.onRestart}
          aria-keyshortcuts="R"
          title="Restart (R)"
          ref={restartRef}
        >
          <Icon name="restart" /> Restart
        </button>
      )}
      {show.has('back') && (
        <button
          type="button"
          onClick={p.onBack}
          disabled={p.atStart}
          aria-keyshortcuts="ArrowLeft"
          title="Step back (←)"
        >
          <Icon name="back" /> Step back
        </button>
      )}
      {show.has('play') &&
        (p.playing ? (
          <button
            type="button"
            className={p.primaryClass}
            onClick={p.onPause}
            aria-keyshortcuts="Space"
            title="Pause (Space)"
          >
            <Icon name="pause" /> Pause
          </button>
        ) : (
          <button
            type="button"
            className={p.primaryClass}
            onClick={p.onPlay}
            disabled={p.ended || p.noPlay}
            aria-keyshortcuts="Space"
            title="Play (Space)"
          >
            <Icon name="play" /> Play
          </button>
        ))}
      {show.has('step') && (
        <button
          type="button"
          onClick={p.onStep}
          disabled={p.ended}
          aria-keyshortcuts="ArrowRight"
          title="Step one sub-step (→)"
        >
          Step <Icon name="step" />
        </button>
      )}
    </>
  );
}

/**
 * When the run ends, Play and Step are disabled: keyboard focus on one of them would fall to
 * the page, so it goes to Restart. Returns the Restart button's ref, and the focus and blur
 * handlers for the toolbar around the buttons.
 */
export function useRestartFocus(ended: boolean) {
  const last = useRef<HTMLElement | null>(null);
  const restart = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = last.current;
    if (!ended || !(el instanceof HTMLButtonElement) || !el.disabled) return;
    const now = document.activeElement;
    if (now === null || now === document.body || now === el) restart.current?.focus();
  }, [ended]);
  const onFocus = (e: FocusEvent) => {
    last.current = e.target as HTMLElement;
  };
  // (a button that is disabled while focused loses focus to nothing: that is kept)
  const onBlur = (e: FocusEvent) => {
    if (e.relatedTarget) last.current = null;
  };
  return [restart, onFocus, onBlur] as const;
}

/** The scrubber over the run: any step, recorded or not yet (the run is replayed to it). */
export function Scrubber() {
  const store = useSimStore();
  const step = useSim((s) => s.snapshot?.step ?? 0);
  const total = useSim((s) => s.total);
  return (
    <input
      type="range"
      min={0}
      max={Math.max(total, step)}
      value={step}
      onChange={(e) => store.getState().seek(Number(e.target.value))}
      aria-label="Rewind to step"
    />
  );
}
