import { useShallow } from 'zustand/react/shallow';
import type { VarView } from '../../engine/runtime/snapshot';
import { useSim } from '../Sim/SimContext';
import { useRegionName } from '../Sim/regionName';
import styles from './VarsView.module.css';

const NONE: readonly VarView[] = [];

/**
 * The variables goroutines may update together (a counter, a flag, an atomic), with their
 * values now: where a lost update to a plain variable can be seen.
 */
export function VarsView() {
  const vars = useSim(useShallow((s) => s.snapshot?.vars ?? NONE));
  const name = useRegionName('Shared variables');
  if (vars.length === 0) return null;
  return (
    <section className={styles.vars} aria-label={name}>
      <h3 className={styles.title}>Shared variables</h3>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">name</th>
            <th scope="col" className={styles.type}>
              type
            </th>
            <th scope="col">value</th>
          </tr>
        </thead>
        <tbody>
          {vars.map((v) => (
            <tr key={v.key} data-var={v.name} data-value={v.value}>
              <td className={styles.name}>{v.name}</td>
              <td className={styles.type}>{v.type}</td>
              <td className={styles.value}>{v.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
