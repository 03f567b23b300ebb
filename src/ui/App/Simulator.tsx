import { useCallback, useState } from 'react';
import { useSim, useSimStore } from '../Sim/SimContext';
import { CodeArea } from '../CodePanel/CodeArea';
import { Lanes } from '../Lanes/Lanes';
import { LockView } from '../LockView/LockView';
import { MapView } from '../MapView/MapView';
import { VarsView } from '../VarsView/VarsView';
import { Console } from '../Console/Console';
import { Explain } from '../Explain/Explain';
import { Timeline } from '../Timeline/Timeline';
import { Figures } from '../Figures/Figures';
import { Controls, useShortcuts } from '../Controls/Controls';
import { Shortcuts } from '../Shortcuts/Shortcuts';
import { ScenarioPanel } from '../ScenarioPanel/ScenarioPanel';
import type { Scenario } from '../../scenarios/catalogue';
import styles from './Simulator.module.css';

function Narration() {
  const text = useSim((s) => s.narration);
  const guided = useSim((s) => s.guided);
  const ended = useSim((s) => !!s.snapshot?.outcome);
  const store = useSimStore();
  return (
    <div className={styles.narrationBox} data-guided={guided}>
      <p className={styles.narration} aria-live="polite" aria-atomic="true" data-testid="narration">
        {text}
      </p>
      {guided && (
        <p className={styles.guideHint}>
          {ended ? 'That is where it ends.' : 'Guided tour: press → (or Step) for the next step.'}{' '}
          <button type="button" onClick={() => store.getState().setGuided(false)}>
            End the tour
          </button>
        </p>
      )}
    </div>
  );
}

/** One simulator: code, goroutines, locks, map, output, explanation, timeline, controls. */
export function Simulator({
  scenario,
  onOpen,
}: {
  readonly scenario: Scenario;
  readonly onOpen: (id: string) => void;
}) {
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  useShortcuts(openHelp);
  return (
    <div className={styles.sim}>
      <div className={styles.code}>
        <CodeArea scenario={scenario} />
      </div>
      <div
        className={styles.stage}
        tabIndex={0}
        role="region"
        aria-label="Goroutines, locks and maps"
      >
        <Narration />
        <Lanes />
        <div className={styles.objects}>
          <LockView />
          <VarsView />
          <MapView />
        </div>
      </div>
      <div className={styles.side}>
        <ScenarioPanel scenario={scenario} onOpen={onOpen} />
        <Explain kind={scenario.kind} expected={scenario.expected} notice={scenario.notice} />
        <Console />
      </div>
      <div className={styles.bottom}>
        <Timeline />
        <Figures />
      </div>
      <div className={styles.controls}>
        <Controls onHelp={openHelp} />
      </div>
      <Shortcuts open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
