/**
 * The explorer in a Web Worker, for bench/ui.ts: the page sends a model and options, the
 * worker runs the search `reps` times and answers with the first (in a fresh worker, like the
 * app's first search: the JIT has not compiled the explorer yet) and the fastest, timed inside
 * the worker.
 */
import { compileGo } from '../src/engine';
import { explore, type ExploreOptions } from '../src/engine/explore/explore';

interface Job {
  readonly source: string;
  readonly opts: ExploreOptions;
  readonly reps: number;
}

self.onmessage = (e: MessageEvent<Job>) => {
  const { source, opts, reps } = e.data;
  const c = compileGo(source);
  if (!c.ok) {
    postMessage({ error: c.diagnostics.map((d) => d.msg).join('\n') });
    return;
  }
  let best = Infinity;
  let first = 0;
  let states = 0;
  let complete = false;
  let steps = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const r = explore(c.program, opts);
    const ms = performance.now() - t0;
    if (i === 0) first = ms;
    if (ms < best) best = ms;
    states = r.states;
    complete = r.complete;
    steps = r.outcomes.find((o) => o.exit !== 0)?.steps ?? 0;
  }
  postMessage({ states, ms: best, first, complete, steps });
};
