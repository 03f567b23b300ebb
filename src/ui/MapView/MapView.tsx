import { useShallow } from 'zustand/react/shallow';
import { useSim, useSimStore } from '../Sim/SimContext';
import { useRegionName } from '../Sim/regionName';
import styles from './MapView.module.css';

const count = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** More rows than a screen can read are summarised. */
const MAX_ROWS = 24;

function MapCard({ id }: { readonly id: number }) {
  const view = useSim((s) => s.snapshot?.maps.find((x) => x.id === id) ?? null);
  const crash = useSim((s) => (s.snapshot?.outcome?.obj === id ? s.snapshot.outcome : null));
  const step = useSim((s) => s.snapshot?.step ?? 0);
  useSim((s) => s.historyVersion);
  const store = useSimStore();
  if (!view) return null;
  const lost = store
    .getState()
    .history()
    .lost.filter((l) => l.step <= step && l.event.obj === id)
    .slice(-3);
  return (
    <article
      className={styles.map}
      data-map={view.name}
      data-writing={view.writing}
      data-crashed={!!crash}
      aria-label={`${view.sync ? 'sync.Map' : 'map'} ${view.name}: ${count(view.entries.length)}${view.writing ? `, being written by G${view.writer}` : ''}`}
    >
      <header className={styles.head}>
        <h3 className={styles.name}>{view.name}</h3>
        <span className={styles.type}>
          {view.sync ? 'sync.Map' : 'map'} · {count(view.entries.length)}
        </span>
        {/* (a sync.Map's every method is one step: it has no writing flag to show) */}
        {!view.sync && (
          <span
            className={styles.flag}
            data-on={view.writing}
            title="hashWriting: set while a write is in progress; any access that finds it set crashes the program."
          >
            <span aria-hidden="true">{view.writing ? '●' : '○'}</span> writing
            {view.writing ? ` (G${view.writer})` : ''}
          </span>
        )}
      </header>
      {crash && (
        <p className={styles.crash} role="alert">
          <strong>{crash.first}</strong>
          {crash.g
            ? ` — G${crash.g} found the writing flag ${crash.first.includes('writes') ? 'in the wrong state' : 'set'}`
            : ''}
        </p>
      )}
      <table className={styles.entries}>
        <thead>
          <tr>
            <th scope="col">key</th>
            <th scope="col">value</th>
            <th scope="col">written by</th>
          </tr>
        </thead>
        <tbody>
          {view.entries.slice(0, MAX_ROWS).map((e) => (
            <tr key={e.key}>
              <td>{e.key}</td>
              <td>{e.value}</td>
              <td>{e.writer ? `G${e.writer}` : '—'}</td>
            </tr>
          ))}
          {view.entries.length > MAX_ROWS && (
            <tr>
              <td colSpan={3} className={styles.empty}>
                … and {view.entries.length - MAX_ROWS} more
              </td>
            </tr>
          )}
          {view.entries.length === 0 && (
            <tr>
              <td colSpan={3} className={styles.empty}>
                empty
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {lost.length > 0 && (
        <ul className={styles.lost} aria-label="Lost updates">
          {lost.map((l) => (
            <li key={l.step}>
              <strong>Lost update</strong> at step {l.step}: G{l.event.g} wrote {l.event.name}[
              {l.event.key}] = {l.event.written}; the value {l.event.lost} written by G
              {l.event.lostBy} after G{l.event.g} read the key is gone.
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** The maps the program can reach: entries, the writing flag, and where it crashed. */
export function MapView() {
  const ids = useSim(useShallow((s) => s.snapshot?.maps.map((m) => m.id) ?? []));
  const name = useRegionName('Maps');
  return (
    <section className={styles.maps} aria-label={name}>
      {ids.map((id) => (
        <MapCard key={id} id={id} />
      ))}
    </section>
  );
}
