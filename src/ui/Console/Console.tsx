import { useSim } from '../Sim/SimContext';
import { useRegionName } from '../Sim/regionName';
import styles from './Console.module.css';
import type { OutputRun } from '../../engine/runtime/snapshot';

const NO_RUNS: readonly OutputRun[] = [];

/** The program's output and the runtime's messages, verbatim, as `go run` prints them. */
export function Console() {
  const stdout = useSim((s) => s.snapshot?.stdout ?? '');
  const stderr = useSim((s) => s.snapshot?.stderr ?? '');
  const runs = useSim((s) => s.snapshot?.transcript ?? NO_RUNS);
  const outcome = useSim((s) => s.snapshot?.outcome ?? null);
  const diagnostics = useSim((s) => s.diagnostics);
  const name = useRegionName('Runtime output');
  return (
    <section tabIndex={0} className={styles.console} aria-label={name}>
      <h2 className={styles.title}>Output</h2>
      <pre className={styles.out}>
        {diagnostics.length > 0 && (
          <span className={styles.err}>
            {'# command-line-arguments\n'}
            {diagnostics.map((d) => `./main.go:${d.pos.line}:${d.pos.col}: ${d.msg}\n`).join('')}
          </span>
        )}
        {/* as a terminal shows them: the two streams in the order they were written */}
        {runs.map((r, i) => (
          <span key={i} className={r.stream === 'stdout' ? styles.stdout : styles.err}>
            {r.text}
          </span>
        ))}
        {outcome && outcome.code !== 0 && (
          <span className={styles.err}>{`exit status ${outcome.code}\n`}</span>
        )}
        {outcome && outcome.code === 0 && <span className={styles.ok}>{'(exit status 0)\n'}</span>}
        {!stdout && !stderr && !outcome && diagnostics.length === 0 && (
          <span className={styles.muted}>(nothing printed yet)</span>
        )}
      </pre>
    </section>
  );
}
