/**
 * `npm run bench`: the engine's figures, measured here and printed (never asserted in tests).
 *   - engine steps per second on the tutorial's store with 8, 64 and 512 goroutines
 *   - the explorer on the SPIN-style model (N goroutines × K locked map writes): states and
 *     states per second, for the default search (shortest counterexamples) and for a proof;
 *     each search in a fresh process (explore-one.ts), as the command runs one and as
 *     bench/ui.ts runs one in a fresh Web Worker
 *   - SPIN 6.5.2 on the same model in Promela (bench/spin.ts), when it is installed: its state
 *     counts with partial-order reduction and its states per second without, beside ours; and
 *     the model explored as SPIN does it, hand-written in TypeScript (bench/ceiling.ts)
 *   - the time to the shortest counterexample for four bugs, up to 6 goroutines × 3 steps
 *   - the same inputs give the same counts and schedules, run after run
 *   - a proof search on the catalogue's largest program (a heap of thousands of objects)
 * Every search is bounded, so the whole script takes a minute or two.
 * (bench/ui.ts measures the page: frame times with 64 goroutines, and the bundle.)
 */
import { compileGo, runProgram, type Program } from '../src/engine';
import { explore, type ExploreOptions } from '../src/engine/explore/explore';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundled } from '../bin/bundle.mjs';
import type { OneJob, OneResult } from './explore-one';
import { exploreBytes } from './ceiling';
import { modelSource } from './model';
import { spinFigures, spinMissing, type PanRun, type SpinFigures } from './spin';

function model(file: string, consts: Record<string, number>): Program {
  const c = compileGo(modelSource(file, consts));
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  return c.program;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, (performance.now() - t0) / 1000];
}

/**
 * The fastest of `reps` runs (the first warms the JIT up). The figure is what this machine
 * can do: other work on a shared machine only ever slows a run down, so the best of many
 * runs estimates it better than the best of few.
 */
function fastest<T>(f: () => T, reps: number): [T, number] {
  let out = time(f);
  for (let i = 1; i < reps; i++) {
    const run = time(f);
    if (run[1] < out[1]) out = run;
  }
  return out;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (s: number) => (s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(2)} s`);

console.log(
  'Engine: steps per second (Mutex store, K = 20 jobs per goroutine, seeded random scheduler)',
);
for (const n of [8, 64, 512]) {
  const p = model('store.go', { N: n, K: 20 });
  // warm up for half a second, not one run: a run of 8 goroutines is over before the JIT has
  // compiled the engine, and its figure came out below 64 goroutines'
  for (let warm = 0; warm < 0.5;)
    warm += time(() => runProgram(p, { seed: 1, limits: { steps: 10_000_000 } }))[1];
  let steps = 0;
  let total = 0;
  for (let rep = 0; rep < 3 || total < 1; rep++) {
    const [r, s] = time(() => runProgram(p, { seed: rep + 1, limits: { steps: 10_000_000 } }));
    if (r.outcome.code !== 0) throw new Error(`store N=${n}: ${r.outcome.first}`);
    steps += r.steps;
    total += s;
  }
  console.log(
    `  ${String(n).padStart(3)} goroutines: ${fmt(steps / total)} steps/s (${fmt(steps)} steps in ${total.toFixed(2)} s)`,
  );
}

/** SPIN's state counts with partial-order reduction as issue #5 quotes them (N=4, 5; K=3) */
const SPIN_QUOTED: Record<number, number> = { 4: 7_300, 5: 36_000 };
const spinWhyNot = spinMissing();
const spin = new Map<number, SpinFigures>();
const SPIN_RUNS = 10;
if (!spinWhyNot) for (const n of [4, 5]) spin.set(n, spinFigures(n, 3, SPIN_RUNS));

/** A search's figures, measured in a fresh process (see explore-one.ts). */
const exploreOne = fileURLToPath(await bundled('bench/explore-one.ts'));
function fresh(
  file: string,
  consts: Record<string, number>,
  opts: ExploreOptions,
  reps: number,
): OneResult {
  const job: OneJob = { source: modelSource(file, consts), opts, reps };
  const out = execFileSync(process.execPath, [exploreOne, JSON.stringify(job)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as OneResult;
}
const summary = (r: OneResult) =>
  `${r.complete ? 'complete' : `INCOMPLETE (${r.cutoff})`}; outcomes: ${r.outcomes.join(', ')}`;
const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;

console.log(
  '\nExplorer: N goroutines × K locked map writes (bench/models/spin.go); each search run 10 times (5 for N=5) in a fresh process, as `npx interleave explore` runs it (from the same kind of bundle): the fastest, and the first',
);
{
  const r = fresh('spin.go', { N: 3, K: 3 }, { reduce: false, maxStates: 2_000_000 }, 2);
  console.log(
    `  N=3, K=3, no reduction:  ${fmt(r.states).padStart(7)} states in ${ms(r.best)} = ${fmt(r.states / r.best)} states/s; ${summary(r)}`,
  );
}
/** states per second of each search, by `${N} ${proof}` */
const rates = new Map<string, number>();
for (const n of [4, 5]) {
  for (const proof of [false, true]) {
    const r = fresh('spin.go', { N: n, K: 3 }, { proof, maxStates: 2_000_000 }, n === 4 ? 10 : 5);
    const rate = r.states / r.best;
    rates.set(`${n} ${proof}`, rate);
    const theirs = spin.get(n)?.reduced.states;
    const quoted = SPIN_QUOTED[n] ?? 1;
    const vs = proof
      ? ` (SPIN with partial-order reduction: ${theirs ? `${fmt(theirs)} here, so ${(r.states / theirs).toFixed(2)}×; ` : ''}${fmt(quoted)} as issue #5 quotes it, so ${(r.states / quoted).toFixed(2)}×)`
      : '';
    console.log(
      `  N=${n}, K=3, ${proof ? 'proof:   ' : 'shortest:'}    ${fmt(r.states).padStart(7)} states in ${ms(r.best)} = ${fmt(rate)} states/s${vs}; first run ${ms(r.first)}; ${summary(r)}`,
    );
  }
}

console.log(
  `\nSPIN 6.5.2 on the same model (bench/models/spin.pml), on this machine: states per second without partial-order reduction (as issue #5 quotes SPIN), pan built as its manual builds it (cc) and with -O2; the median of ${SPIN_RUNS} runs timed around pan, less what a run takes to start and stop (pan's own timer, in 10 ms steps, in brackets)`,
);
if (spinWhyNot) console.log(`  not measured: ${spinWhyNot}`);
const panRate = (r: PanRun) =>
  r.byPan
    ? `${fmt(r.states / r.seconds)} states/s by pan's own timer (${ms(r.panSeconds)}: timed around pan, the search was lost in the time pan takes to start)`
    : `${ms(r.seconds)} = ${fmt(r.states / r.seconds)} states/s (pan: ${ms(r.panSeconds)})`;
for (const [n, f] of spin) {
  const shortest = rates.get(`${n} false`) ?? 0;
  const proof = rates.get(`${n} true`) ?? 0;
  const slower = Math.min(f.full.states / f.full.seconds, f.fullO2.states / f.fullO2.seconds);
  console.log(
    `  N=${n}, K=${f.k}: ${fmt(f.full.states)} states, ${fmt(f.full.transitions)} transitions; cc: ${panRate(f.full)}; cc -O2: ${panRate(f.fullO2)}. With partial-order reduction: ${fmt(f.reduced.states)} states.\n` +
      `    Half of the slower build's rate is ${fmt(slower / 2)} states/s; Interleave in Node has ${(shortest / slower).toFixed(2)}× its rate in the shortest-schedule search, ${(proof / slower).toFixed(2)}× in the proof search`,
  );
}

console.log(
  '\nFor reference, not Interleave: the same model explored as SPIN explores it, hand-written in TypeScript for this model alone, a state being a row of bytes (bench/ceiling.ts); the fastest of 5 runs',
);
for (const n of [4, 5]) {
  const [r, s] = fastest(() => exploreBytes(n, 3), 5);
  console.log(
    `  N=${n}, K=3: ${fmt(r.states)} states, ${fmt(r.transitions)} transitions in ${ms(s)} = ${fmt(r.states / s)} states/s`,
  );
}

console.log(
  '\nExplorer: time to the shortest counterexample (stopOnFailure), N goroutines × K = 3 steps',
);
const BUGS = [
  'unlocked-writes.go',
  'lock-order.go',
  'recursive-lock.go',
  'rwmutex-read-twice.go',
  // the harder lock-order bug: every goroutine must hold its first lock at once
  'lock-ring.go',
];
const BUDGET = 300_000;
for (const file of BUGS) {
  const cells: string[] = [];
  for (const n of [2, 3, 4, 5, 6]) {
    const p = model(file, { N: n, K: 3 });
    const [r, s] = time(() => explore(p, { stopOnFailure: true, maxStates: BUDGET }));
    const bug = r.outcomes.find((o) => o.exit !== 0);
    if (bug) {
      cells.push(`N=${n} ${secs(s)} (${fmt(r.states)} states, ${bug.steps} steps)`);
      continue;
    }
    // what "Check every schedule" does next: a proof search, depth first (not the shortest)
    const [pr, ps] = time(() =>
      explore(p, { stopOnFailure: true, maxStates: BUDGET, proof: true }),
    );
    const found = pr.outcomes.find((o) => o.exit !== 0);
    cells.push(
      `N=${n} not found in ${fmt(r.states)} states (${secs(s)}); the proof search (depth first): ${found ? `${secs(ps)} (${fmt(pr.states)} states, ${found.steps} steps)` : `not found in ${fmt(pr.states)} states (${secs(ps)})`}`,
    );
  }
  console.log(`  ${file}:\n    ${cells.join('\n    ')}`);
}

console.log('\nExplorer: determinism (two runs of each search, same inputs)');
for (const [file, consts, opts] of [
  ['spin.go', { N: 4, K: 3 }, {}],
  ['spin.go', { N: 4, K: 3 }, { proof: true }],
  ['rwmutex-read-twice.go', { N: 4, K: 3 }, { stopOnFailure: true }],
] as const) {
  const p = model(file, consts);
  const [a, b] = [explore(p, opts), explore(p, opts)];
  const same =
    a.states === b.states &&
    a.transitions === b.transitions &&
    JSON.stringify(a.outcomes) === JSON.stringify(b.outcomes);
  console.log(
    `  ${file} ${JSON.stringify(consts)} ${JSON.stringify(opts)}: ${fmt(a.states)} and ${fmt(b.states)} states, ${same ? 'same counts and schedules' : 'DIFFERENT'}`,
  );
}

{
  // what "Explore all schedules" pays per state when the heap is large: the Mutex store under
  // load ends with 1,280 jobs in one map and some 2,600 objects, and its runs are some 10,500
  // moves long, which a proof search follows to their end
  const source = readFileSync(
    fileURLToPath(new URL('../src/scenarios/programs/store-under-load.go', import.meta.url)),
    'utf8',
  );
  const c = compileGo(source);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  const [r, s] = time(() => explore(c.program, { proof: true, maxStates: 20_000 }));
  const end = r.outcomes.find((o) => o.exit === 0);
  console.log(
    `\nExplorer on a large heap: the catalogue's Mutex store under load (64 goroutines × 20 jobs), proof search to ${fmt(r.states)} states: ${secs(s)}, ${fmt(r.states / s)} states/s, ${fmt(r.transitions)} moves tried, ${fmt(r.maxDepthReached)} moves deep; ${end ? `a run to the end found (${end.stdout.trim()})` : 'no run followed to its end'}`,
  );
}
