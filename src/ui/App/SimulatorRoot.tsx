import { SimProvider } from '../Sim/SimContext';
import { Simulator } from './Simulator';

/** The simulator and everything it needs (engine included): loaded after the first paint. */
export default function SimulatorRoot({ source }: { readonly source: string }) {
  return (
    <SimProvider source={source}>
      <Simulator />
    </SimProvider>
  );
}
