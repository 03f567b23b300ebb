import { useMemo } from 'react';
import { useSim, useSimStore } from '../Sim/SimContext';
import { useThrottled } from '../Sim/useThrottled';
import { pictureNames } from '../../engine/runtime/snapshot';
import { figures } from './figures';
import styles from './Figures.module.css';

const ms = (ns: number) => `${(ns / 1e6).toFixed(ns % 1e6 === 0 ? 0 : 2)} ms`;

/** The run in numbers: so "keep critical sections small" can be seen, not just read. */
export function Figures() {
  const playing = useSim((s) => s.playing);
  const step = useThrottled(
    useSim((s) => s.snapshot?.step ?? 0),
    playing ? 250 : 0,
  );
  const now = useThrottled(
    useSim((s) => s.snapshot?.now ?? 0),
    playing ? 250 : 0,
  );
  const version = useThrottled(
    useSim((s) => s.historyVersion),
    playing ? 250 : 0,
  );
  const store = useSimStore();
  const f = useMemo(() => {
    void version;
    const s = store.getState();
    return figures(s.history(), step, now, s.snapshot ? pictureNames(s.snapshot) : undefined);
  }, [store, step, now, version]);
  return (
    <section className={styles.figures} aria-label="Figures" tabIndex={0}>
      <dl className={styles.summary}>
        <div>
          <dt>steps</dt>
          <dd>{step}</dd>
        </div>
        <div>
          <dt>virtual time</dt>
          <dd>{ms(now)}</dd>
        </div>
        <div>
          <dt>finished goroutines</dt>
          <dd>{f.finished}</dd>
        </div>
        <div>
          <dt>throughput</dt>
          <dd>{now > 0 ? `${((f.finished * 1e9) / now).toFixed(1)} /s` : '—'}</dd>
        </div>
      </dl>
      <table className={styles.table}>
        <caption>Waiting and holding</caption>
        <thead>
          <tr>
            <th scope="col">who</th>
            <th scope="col">steps</th>
            <th scope="col">time</th>
          </tr>
        </thead>
        <tbody>
          {f.waits.map((w) => (
            <tr key={w.g}>
              <th scope="row">G{w.g} waited</th>
              <td>{w.steps}</td>
              <td>{ms(w.time)}</td>
            </tr>
          ))}
          {f.locks.map((l) => (
            <tr key={l.lock}>
              <th scope="row">{l.lock} held</th>
              <td>{l.steps}</td>
              <td>{ms(l.time)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
