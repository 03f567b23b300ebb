import { useEffect } from 'react';
import type { SharePayload } from '../../embed/share';
import type { Scenario } from '../../scenarios/catalogue';
import { loadEdit } from '../CodePanel/edits';
import { SimProvider, useSimStore } from '../Sim/SimContext';
import { Simulator } from './Simulator';

/** The simulator and everything it needs (engine included): loaded after the first paint. */
export default function SimulatorRoot({
  scenario,
  onOpen,
  moment,
}: {
  readonly scenario: Scenario;
  readonly onOpen: (id: string) => void;
  /** a shared moment to open at */
  readonly moment: SharePayload | null;
}) {
  // a shared link brings its own program; otherwise the learner's kept edit, if any
  const source = moment
    ? (moment.program ?? scenario.source)
    : (loadEdit(scenario.id) ?? scenario.source);
  return (
    <SimProvider
      source={source}
      race={moment?.race ?? scenario.expected.race ?? false}
      seed={moment?.seed ?? 1}
    >
      {moment && <OpenMoment moment={moment} />}
      <Simulator scenario={scenario} onOpen={onOpen} />
    </SimProvider>
  );
}

/** Replay a shared moment once the simulator exists. */
function OpenMoment({ moment }: { readonly moment: SharePayload }) {
  const store = useSimStore();
  useEffect(() => {
    store.getState().openMoment(moment.schedule, moment.step);
  }, [store, moment]);
  return null;
}
