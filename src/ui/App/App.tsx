import { useState } from 'react';
import { compileGo, formatDiagnostic, runProgram } from '../../engine';
import source from '../../scenarios/programs/rwmutex-store.go?raw';

/** A first page over the engine: run the RWMutex store and show what Go would print. */
export function App() {
  const [output, setOutput] = useState<string | null>(null);
  const run = () => {
    const c = compileGo(source);
    if (!c.ok) {
      setOutput(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
      return;
    }
    const r = runProgram(c.program, { seed: 1 });
    setOutput(`${r.stdout}${r.stderr}exit status ${r.outcome.code} after ${r.steps} steps`);
  };
  return (
    <main>
      <h1>Interleave</h1>
      <p>Go concurrency, made visible.</p>
      <pre aria-label="Program">{source}</pre>
      <button type="button" onClick={run}>
        Run
      </button>
      <section aria-label="Runtime output">
        <pre>{output}</pre>
      </section>
    </main>
  );
}
