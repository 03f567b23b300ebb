import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../Sim/SimContext';
import { idsAt } from '../places';
import { Token } from './Token';
import { useCapped } from './More';
import { useRegionName } from '../Sim/regionName';
import styles from './Lanes.module.css';

type Lane = 'running' | 'runnable' | 'sleeping' | 'done';

const TITLE: Record<Lane, string> = {
  running: 'Running',
  runnable: 'Runnable',
  sleeping: 'Sleeping',
  done: 'Done',
};

const HINT: Record<Lane, string> = {
  running: 'took the last step',
  runnable: 'ready; click one (or press its number) to run it next',
  sleeping: 'waiting for virtual time',
  done: 'finished or crashed',
};

function LaneView({ lane }: { readonly lane: Lane }) {
  const ids = useSim(
    useShallow((s) =>
      s.snapshot ? idsAt(s.snapshot, (p) => p.k === 'lane' && p.lane === lane) : [],
    ),
  );
  const runnable = useSim(useShallow((s) => s.snapshot?.runnable ?? []));
  const name = useRegionName(`${TITLE[lane]} goroutines`);
  const { shown, more } = useCapped(ids);
  return (
    <section className={styles.lane} data-lane={lane} aria-label={name}>
      <h2 className={styles.title}>
        {TITLE[lane]} <span className={styles.count}>{ids.length}</span>
      </h2>
      <p className={styles.hint} data-hide-in-presentation>
        {HINT[lane]}
      </p>
      <div className={styles.tokens}>
        {shown.map((id) => {
          const i = runnable.indexOf(id);
          return (
            <Token
              key={id}
              id={id}
              hotkey={i >= 0 && i < 9 && runnable.length > 1 ? i + 1 : undefined}
            />
          );
        })}
        {more}
      </div>
    </section>
  );
}

/** Goroutines that are not waiting on a lock: running, runnable, sleeping, done. */
export function Lanes() {
  return (
    <div className={styles.lanes}>
      <LaneView lane="running" />
      <LaneView lane="runnable" />
      <LaneView lane="sleeping" />
      <LaneView lane="done" />
    </div>
  );
}
