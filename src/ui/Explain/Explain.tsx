import { useMemo } from 'react';
import { diagnose } from '../../engine/runtime/diagnose';
import type { Scenario } from '../../scenarios/catalogue';
import { useSim, useSimStore } from '../Sim/SimContext';
import { compileHint } from './compileHint';
import { WaitGraph } from './WaitGraph';
import styles from './Explain.module.css';

/** After a clean exit, what to try next: it depends on what the program is there to show. */
const CLEAN: Record<Scenario['kind'], string> = {
  broken:
    'No schedule so far broke it — try another seed, pick who runs next yourself, or let “Show me the problem” find the schedule that does.',
  fixed:
    'It finished cleanly, as the fix should under any schedule. “Check every schedule” tries them all; a seed or your own choices try one.',
  demo: 'Step back through the run (←), or drag the step slider, to see how it got here.',
};

/** What happened, in plain words, beside the runtime's own message. */
export function Explain({
  kind = 'demo',
  expected,
  notice = '',
}: {
  readonly kind?: Scenario['kind'];
  /** the outcome the scenario is there to show */
  readonly expected?: Scenario['expected'];
  /** the scenario's words for what to watch */
  readonly notice?: string;
}) {
  const step = useSim((s) => s.snapshot?.step ?? -1);
  const ended = useSim((s) => !!s.snapshot?.outcome);
  // a broken scenario whose point is a clean exit with a wrong result (a lost update to a
  // plain variable, which leaves no trace the engine can point at, unlike a map's) or a slow
  // one, ended the way it shows
  const shown = useSim(
    (s) =>
      kind === 'broken' &&
      expected?.exit === 0 &&
      s.snapshot?.outcome?.code === 0 &&
      s.snapshot.outcome.first === '' &&
      (expected.stdout === undefined || s.machine()?.stdout === expected.stdout),
  );
  const lostCount = useSim((s) =>
    s.historyVersion >= 0 ? s.history().lost.filter((l) => l.step <= step).length : 0,
  );
  const store = useSimStore();
  const d = useMemo(() => {
    const m = store.getState().machine();
    return m && step >= 0 ? diagnose(m) : null;
  }, [store, step]);
  const lost = lostCount > 0 && ended && !d;
  const diagnostics = useSim((s) => s.diagnostics);
  const source = useSim((s) => s.source);
  const first = diagnostics[0];
  if (first) {
    const hint = compileHint(first, source);
    const unsupported = first.kind === 'unsupported';
    return (
      <section className={styles.explain} data-kind="compile" aria-label="Explanation" tabIndex={0}>
        <h2 className={styles.title}>
          {unsupported ? 'It uses something Interleave does not simulate' : 'It does not compile'}
        </h2>
        <p className={styles.text}>
          <strong>What happened. </strong>
          Line {first.pos.line}, column {first.pos.col}: {first.msg}
          {diagnostics.length > 1 &&
            ` (and ${diagnostics.length - 1} more error${diagnostics.length > 2 ? 's' : ''} in the output)`}
          .
        </p>
        {hint && (
          <p className={styles.text}>
            <strong>What to do. </strong>
            {hint}
          </p>
        )}
      </section>
    );
  }
  if (!d && !lost && shown) {
    const printed = expected?.stdout?.trim().split('\n').at(-1);
    return (
      <section
        className={styles.explain}
        data-kind={expected?.lost ? 'lost-update' : 'shown'}
        aria-label="Explanation"
        tabIndex={0}
      >
        <h2 className={styles.title}>
          {expected?.lost
            ? 'It finished cleanly — and lost an update'
            : 'It finished cleanly — and that is the problem'}
        </h2>
        <p className={styles.text}>
          {printed && <>It printed “{printed}”. </>}
          {notice}
        </p>
      </section>
    );
  }
  if (!d && !lost) {
    return (
      <section className={styles.explain} aria-label="Explanation" tabIndex={0}>
        <h2 className={styles.title}>{ended ? 'The program exited normally' : 'What to watch'}</h2>
        <p className={styles.text}>
          {ended
            ? CLEAN[kind]
            : 'Step through, or press Play. Goroutines move between lanes and lock queues as they run.'}
        </p>
      </section>
    );
  }
  if (!d) {
    return (
      <section
        className={styles.explain}
        data-kind="lost-update"
        aria-label="Explanation"
        tabIndex={0}
      >
        <h2 className={styles.title}>It finished cleanly — and lost an update</h2>
        <p className={styles.text}>
          Each step held the lock, yet a goroutine wrote a value computed from something it read in
          an earlier locked section, after another goroutine had changed it. No tool warns about
          this: the read and the write must happen under one Lock.
        </p>
      </section>
    );
  }
  return (
    <section className={styles.explain} data-kind={d.kind} aria-label="Explanation" tabIndex={0}>
      <h2 className={styles.title}>{d.title}</h2>
      <p className={styles.text}>
        <strong>What happened. </strong>
        {d.what}
      </p>
      {d.waits.length > 0 && d.waits.some((w) => w.heldBy.length > 0) && (
        <WaitGraph waits={d.waits} />
      )}
      {d.why && (
        <p className={styles.text}>
          <strong>Why. </strong>
          {d.why}
        </p>
      )}
      {d.fix && (
        <p className={styles.text}>
          <strong>Fix. </strong>
          {d.fix}
        </p>
      )}
      {(d.lines.length > 0 || d.section) && (
        <p className={styles.meta}>
          {d.lines.length > 0 && (
            <>
              {d.lines.length === 1 ? 'Line' : 'Lines'} {d.lines.join(', ')}.{' '}
            </>
          )}
          {d.section && <>From the tutorial: {d.section}.</>}
        </p>
      )}
    </section>
  );
}
