import { useLayoutEffect, useMemo } from 'react';
import { hasChoosingSelect } from '../../engine/runtime/chan';
import { SPEEDS, type Speed } from '../../store/simStore';
import { useSim, useSimStore } from '../Sim/SimContext';
import { Icon } from './Icon';
import { Scrubber, Transport, useRestartFocus } from './Transport';
import styles from './Controls.module.css';

const speedLabel = (s: Speed) =>
  s === 'max' ? 'as fast as possible' : `${s} step${s === 1 ? '' : 's'}/s`;

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable;
}

/** Keyboard control for the whole simulator: Space, →, Shift+→, ←, R, +/-, 1–9. */
export function useShortcuts(onHelp: () => void) {
  const store = useSimStore();
  // a layout effect: the keys work from the first frame the simulator is seen in, not a
  // moment later (a key pressed in between would be lost)
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const s = store.getState();
      let handled = true;
      if (e.key === ' ') s.togglePlay();
      else if (e.key === 'ArrowRight' || e.key === 'PageDown') {
        s.pause();
        if (e.shiftKey) s.stepStatement();
        else s.step();
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        s.pause();
        s.back();
      } else if (e.key === 'r' || e.key === 'R') s.restart();
      else if (e.key === '+' || e.key === '=') s.faster();
      else if (e.key === '-' || e.key === '_') s.slower();
      else if (e.key === '?') onHelp();
      else if (/^[1-9]$/.test(e.key)) {
        const runnable = s.snapshot?.runnable ?? [];
        const g = runnable[Number(e.key) - 1];
        if (g !== undefined && runnable.length > 1) {
          s.pause();
          s.choose(g);
        } else handled = false;
      } else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onHelp]);
}

export function Controls({ onHelp }: { readonly onHelp: () => void }) {
  const store = useSimStore();
  const playing = useSim((s) => s.playing);
  const speed = useSim((s) => s.speed);
  const step = useSim((s) => s.snapshot?.step ?? 0);
  const total = useSim((s) => s.total);
  const ended = useSim((s) => !!s.snapshot?.outcome);
  const now = useSim((s) => s.snapshot?.now ?? 0);
  const seed = useSim((s) => s.seed);
  const manual = useSim((s) => s.manual);
  const ready = useSim((s) => s.program !== null);
  const a = store.getState();
  const [restartRef, onFocus, onBlur] = useRestartFocus(ended);
  return (
    <div className={styles.wrap}>
      <div className={styles.scrubRow}>
        <label className={styles.scrub}>
          <span className={styles.stepText}>
            Step {step}
            {total > step ? ` of ${total}` : ''} · {(now / 1e6).toFixed(now % 1e6 === 0 ? 0 : 3)} ms
          </span>
          <Scrubber />
        </label>
      </div>
      <div
        className={styles.controls}
        role="toolbar"
        aria-label="Playback"
        onFocus={onFocus}
        onBlur={onBlur}
      >
        <Transport
          playing={playing}
          ended={ended || !ready}
          atStart={step === 0}
          noPlay={manual}
          primaryClass={styles.primary}
          onRestart={() => a.restart()}
          onBack={() => (a.pause(), a.back())}
          onPlay={() => a.play()}
          onPause={() => a.pause()}
          onStep={() => (a.pause(), a.step())}
          restartRef={restartRef}
        />
        <button
          type="button"
          onClick={() => (a.pause(), a.stepStatement())}
          disabled={ended || !ready}
          aria-keyshortcuts="Shift+ArrowRight"
          title="Step one statement (Shift+→)"
        >
          Step statement <Icon name="statement" />
        </button>
        <label className={styles.field}>
          Speed
          <select
            value={String(speed)}
            onChange={(e) =>
              a.setSpeed((e.target.value === 'max' ? 'max' : Number(e.target.value)) as Speed)
            }
            aria-keyshortcuts="+ -"
          >
            {SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Seed
          <input
            type="number"
            min={1}
            max={99999}
            value={seed}
            onChange={(e) => a.setSeed(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
            className={styles.seed}
          />
        </label>
        <label className={styles.check}>
          <input type="checkbox" checked={manual} onChange={(e) => a.setManual(e.target.checked)} />{' '}
          I choose who runs
        </label>
        <button type="button" onClick={onHelp} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
          Shortcuts
        </button>
      </div>
      <CaseChoices />
    </div>
  );
}

/**
 * While the learner picks who runs: for a goroutine about to run a select with several
 * ready cases, a button per case (its token runs it with the case the seed's poll order takes).
 */
function CaseChoices() {
  const store = useSimStore();
  const offers = useSim((s) => s.offers);
  const manual = useSim((s) => s.manual);
  const program = useSim((s) => s.program);
  // (the row stays while the learner schedules a program that may have to choose, so the
  // page does not jump each time a choice comes and goes)
  const chooses = useMemo(() => program !== null && hasChoosingSelect(program), [program]);
  if (!manual || !chooses) return null;
  return (
    <div className={styles.cases} role="group" aria-label="The case a select takes">
      {offers.length === 0 && (
        <p className={`${styles.offer} ${styles.idle}`}>
          When a select has several cases ready, you choose the one it takes here.
        </p>
      )}
      {offers.map((o) => (
        <p key={o.g} className={styles.offer}>
          <span>
            G{o.g}&rsquo;s select has {o.cases.length} cases ready; Go would take one at random. Run
            G{o.g} and take:
          </span>
          {o.cases.map((k) => (
            <button
              key={k.c}
              type="button"
              data-case={k.c}
              onClick={() => {
                const s = store.getState();
                s.pause();
                s.choose(o.g, k.c);
              }}
            >
              {k.label}
            </button>
          ))}
        </p>
      ))}
    </div>
  );
}
