import type { Scenario } from '../../scenarios/catalogue';
import { SimProvider } from '../Sim/SimContext';
import { Simulator } from './Simulator';

/** The simulator and everything it needs (engine included): loaded after the first paint. */
export default function SimulatorRoot({
  scenario,
  onOpen,
}: {
  readonly scenario: Scenario;
  readonly onOpen: (id: string) => void;
}) {
  return (
    <SimProvider source={scenario.source} race={scenario.expected.race ?? false}>
      <Simulator scenario={scenario} onOpen={onOpen} />
    </SimProvider>
  );
}
