import { Fragment, useMemo, useState } from 'react';
import { compare, type CompareResult } from '../../scenarios/compare';
import styles from './Compare.module.css';

const ms = (ns: number) => `${(ns / 1e6).toFixed(ns % 1e6 === 0 ? 0 : 1)} ms`;
const TITLE: Record<CompareResult['guard'], string> = {
  none: 'Bare map',
  mutex: 'sync.Mutex',
  rwmutex: 'sync.RWMutex',
};

/** The same workload against a bare map, a Mutex and an RWMutex, under the same seed. */
/** A whole number between min and max; anything else typed is brought back into range. */
function NumberField(p: {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly value: number;
  readonly set: (n: number) => void;
}) {
  return (
    <label>
      {p.label}{' '}
      <input
        type="number"
        min={p.min}
        max={p.max}
        value={p.value}
        onChange={(e) =>
          p.set(Math.max(p.min, Math.min(p.max, Math.floor(Number(e.target.value) || p.min))))
        }
      />
    </label>
  );
}

export function Compare() {
  const [readers, setReaders] = useState(9);
  const [writers, setWriters] = useState(1);
  const [seed, setSeed] = useState(1);
  const results = useMemo(() => compare({ readers, writers, seed }), [readers, writers, seed]);
  const best = Math.max(...results.map((r) => r.throughput));
  const idle = readers + writers === 0;
  return (
    <div className={styles.compare}>
      <p className={styles.intro}>
        {readers + writers} requests: {readers} read{readers === 1 ? '' : 's'} (1 ms each) and{' '}
        {writers} write{writers === 1 ? '' : 's'} (2 ms each), all arriving at once. “Use RWMutex
        for read-heavy workloads” — measured.
      </p>
      <div className={styles.inputs}>
        <NumberField label="Readers" min={0} max={30} value={readers} set={setReaders} />
        <NumberField label="Writers" min={0} max={30} value={writers} set={setWriters} />
        <NumberField label="Seed" min={1} max={99999} value={seed} set={setSeed} />
        <span className={styles.presets}>
          <button type="button" onClick={() => (setReaders(9), setWriters(1))}>
            90/10 read-heavy
          </button>
          <button type="button" onClick={() => (setReaders(5), setWriters(5))}>
            50/50
          </button>
          <button type="button" onClick={() => (setReaders(1), setWriters(9))}>
            10/90 write-heavy
          </button>
        </span>
      </div>
      {idle && (
        <p className={styles.note} role="status">
          With no requests there is nothing to measure: give the store a reader or a writer.
        </p>
      )}
      <div className={styles.columns} hidden={idle}>
        {results.map((r) => (
          <article
            key={r.guard}
            className={styles.column}
            data-guard={r.guard}
            data-crashed={r.crashed}
            aria-label={TITLE[r.guard]}
          >
            {/* narrow cards break the name after the package, not in the middle of the type */}
            <h2>
              {TITLE[r.guard].split('.').map((part, i) => (
                <Fragment key={part}>
                  {i > 0 && (
                    <>
                      .<wbr />
                    </>
                  )}
                  {part}
                </Fragment>
              ))}
            </h2>
            {r.crashed ? (
              <p className={styles.crash}>
                <strong>✕ Crashed</strong>
                <br />
                <code>{r.first}</code>
              </p>
            ) : (
              <p className={styles.ok}>✓ No crash</p>
            )}
            <dl>
              <dt>throughput</dt>
              <dd data-figure="throughput">
                {r.crashed ? '—' : `${r.throughput.toFixed(0)} requests/s`}
                {!r.crashed &&
                  r.throughput === best &&
                  results.filter((x) => x.throughput === best).length === 1 && (
                    <span className={styles.best}> best</span>
                  )}
              </dd>
              <dt>total time</dt>
              <dd>{r.crashed ? '—' : ms(r.time)}</dd>
              <dt>time spent waiting for the lock</dt>
              <dd data-figure="wait">{ms(r.wait)}</dd>
              <dt>steps</dt>
              <dd>{r.steps}</dd>
            </dl>
          </article>
        ))}
      </div>
      <p className={styles.note}>
        The bare map is fastest when it survives — and it does not always survive. RWMutex lets the
        readers in together; with mostly writes it gains nothing over Mutex.
      </p>
    </div>
  );
}
