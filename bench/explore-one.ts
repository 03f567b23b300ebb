/**
 * One explorer figure for bench/run.ts, measured in a process of its own: given
 * `'{"source":…,"opts":…,"reps":…}'`, it runs that search `reps` times and prints one line of
 * JSON: the fastest run and the first (timed here), with what the search found. A fresh
 * process is what `npx interleave explore` runs a search in, and it is how bench/ui.ts times
 * the Web Worker (a fresh worker per search): the figure does not depend on what the bench
 * happened to run before it in the same process (the engine's figures leave a large heap and
 * other type feedback behind). run.ts runs it from the same kind of bundle as the command
 * (bin/bundle.mjs).
 */
import { compileGo } from '../src/engine';
import { explore, type ExploreOptions, type ExploreResult } from '../src/engine/explore/explore';

export interface OneJob {
  /** the model's Go source */
  readonly source: string;
  readonly opts: ExploreOptions;
  readonly reps: number;
}

export interface OneResult {
  readonly states: number;
  readonly complete: boolean;
  readonly cutoff: string | null;
  readonly outcomes: readonly string[];
  /** seconds: the fastest run, and the first */
  readonly best: number;
  readonly first: number;
}

const job = JSON.parse(process.argv[2] ?? '') as OneJob;
const c = compileGo(job.source);
if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
let r: ExploreResult | null = null;
let best = Infinity;
let first = 0;
for (let i = 0; i < job.reps; i++) {
  const t0 = performance.now();
  r = explore(c.program, job.opts);
  const s = (performance.now() - t0) / 1000;
  if (i === 0) first = s;
  best = Math.min(best, s);
}
if (!r) throw new Error('reps must be at least 1');
const out: OneResult = {
  states: r.states,
  complete: r.complete,
  cutoff: r.cutoff,
  outcomes: r.outcomes.map((o) => o.first || 'clean'),
  best,
  first,
};
console.log(JSON.stringify(out));
