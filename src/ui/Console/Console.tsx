import { useSim } from '../Sim/SimContext';
import { useRegionName } from '../Sim/regionName';
import styles from './Console.module.css';

/** The program's output and the runtime's messages, verbatim, as `go run` prints them. */
export function Console() {
  const stdout = useSim((s) => s.snapshot?.stdout ?? '');
  const stderr = useSim((s) => s.snapshot?.stderr ?? '');
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
        {stdout && <span className={styles.stdout}>{stdout}</span>}
        {stderr && <span className={styles.err}>{stderr}</span>}
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
