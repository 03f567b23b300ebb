import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createSimStore, type SimStore } from '../../store/simStore';
import { startRunLoop } from '../../store/runLoop';
import type { Scenario } from '../../scenarios/catalogue';
import { SimProvider } from '../Sim/SimContext';
import { CodePanel } from '../CodePanel/CodePanel';
import { Lanes } from '../Lanes/Lanes';
import { LockView } from '../LockView/LockView';
import { MapView } from '../MapView/MapView';
import { Console } from '../Console/Console';
import { Transport } from '../Controls/Transport';
import { RegionPrefix } from '../Sim/regionName';
import styles from './PairView.module.css';

function Half({ store, scenario }: { readonly store: SimStore; readonly scenario: Scenario }) {
  const narration = useStore(store, (s) => s.narration);
  return (
    <SimProvider store={store} source={scenario.source}>
      <RegionPrefix.Provider value={scenario.kind === 'broken' ? 'Broken' : 'Fixed'}>
        <section
          className={styles.half}
          aria-label={`${scenario.kind === 'broken' ? 'Broken' : 'Fixed'}: ${scenario.title}`}
          data-half={scenario.kind}
        >
          <h2 className={styles.title}>
            <span data-kind={scenario.kind}>{scenario.kind}</span> {scenario.title}
          </h2>
          <p className={styles.narration} aria-live="polite">
            {narration}
          </p>
          <div className={styles.body}>
            <div className={styles.code}>
              <CodePanel />
            </div>
            <div className={styles.stage}>
              <Lanes />
              <LockView />
              <MapView />
            </div>
          </div>
          <div className={styles.console}>
            <Console />
          </div>
        </section>
      </RegionPrefix.Provider>
    </SimProvider>
  );
}

/**
 * The broken program and its fix, stepping under the same schedule policy and seed: one set
 * of controls drives both.
 */
export function PairView({ left, right }: { readonly left: Scenario; readonly right: Scenario }) {
  const [stores] = useState(
    () =>
      [
        createSimStore({ source: left.source, race: left.expected.race ?? false }),
        createSimStore({ source: right.source, race: right.expected.race ?? false }),
      ] as const,
  );
  useEffect(() => {
    const stops = stores.map((s) => startRunLoop(s));
    return () => stops.forEach((f) => f());
  }, [stores]);
  const seed = useStore(stores[0], (s) => s.seed);
  const leftPlaying = useStore(stores[0], (s) => s.playing);
  const rightPlaying = useStore(stores[1], (s) => s.playing);
  const playing = leftPlaying || rightPlaying;
  const all = (f: (s: ReturnType<SimStore['getState']>) => void) =>
    stores.forEach((s) => f(s.getState()));
  return (
    <div className={styles.pair}>
      <div className={styles.controls} role="toolbar" aria-label="Both programs">
        <Transport
          playing={playing}
          ended={false}
          atStart={false}
          onRestart={() => all((s) => s.restart())}
          onBack={() => all((s) => (s.pause(), s.back()))}
          onPlay={() => all((s) => (s.setSpeed(5), s.play()))}
          onPause={() => all((s) => s.pause())}
          onStep={() => all((s) => (s.pause(), s.step()))}
        />
        <label>
          Seed (both){' '}
          <input
            type="number"
            min={1}
            value={seed}
            onChange={(e) =>
              all((s) => s.setSeed(Math.max(1, Math.floor(Number(e.target.value) || 1))))
            }
          />
        </label>
        <span className={styles.hint}>
          Same seed, same scheduling draws: the two programs meet the same interleaving until their
          code differs.
        </span>
      </div>
      <div className={styles.halves}>
        <Half store={stores[0]} scenario={left} />
        <Half store={stores[1]} scenario={right} />
      </div>
    </div>
  );
}
