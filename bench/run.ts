/**
 * `npm run bench`: the engine's figures, measured here and printed (never asserted in tests).
 *   - engine steps per second on the tutorial's store with 8, 64 and 512 goroutines
 *   - explorer states per second on the SPIN-style model (4 goroutines × 3 locked writes)
 * (bench/ui.ts measures the page: frame times with 64 goroutines, and the bundle.)
 */
import { readFileSync } from 'node:fs';
import { compileGo, runProgram, type Program } from '../src/engine';
import { explore } from '../src/engine/explore/explore';

function model(file: string, consts: Record<string, number>): Program {
  let src = readFileSync(new URL(`./models/${file}`, import.meta.url), 'utf8');
  for (const [k, v] of Object.entries(consts))
    src = src.replace(new RegExp(`const ${k} = \\d+`), `const ${k} = ${v}`);
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  return c.program;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, (performance.now() - t0) / 1000];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(
  'Engine: steps per second (Mutex store, K = 20 jobs per goroutine, seeded random scheduler)',
);
for (const n of [8, 64, 512]) {
  const p = model('store.go', { N: n, K: 20 });
  runProgram(p, { seed: 1, limits: { steps: 10_000_000 } }); // warm up
  let steps = 0;
  let secs = 0;
  for (let rep = 0; rep < 3 || secs < 1; rep++) {
    const [r, s] = time(() => runProgram(p, { seed: rep + 1, limits: { steps: 10_000_000 } }));
    if (r.outcome.code !== 0) throw new Error(`store N=${n}: ${r.outcome.first}`);
    steps += r.steps;
    secs += s;
  }
  console.log(
    `  ${String(n).padStart(3)} goroutines: ${fmt(steps / secs)} steps/s (${fmt(steps)} steps in ${secs.toFixed(2)} s)`,
  );
}

console.log('\nExplorer: states per second (N goroutines × K locked map writes)');
for (const [n, k] of [
  [3, 3],
  [4, 3],
] as const) {
  const p = model('spin.go', { N: n, K: k });
  const [r, s] = time(() => explore(p, { maxStates: 2_000_000 }));
  console.log(
    `  N=${n}, K=${k}: ${fmt(r.states)} states in ${s.toFixed(2)} s = ${fmt(r.states / s)} states/s; complete: ${r.complete}; outcomes: ${r.outcomes.map((o) => o.first || 'clean').join(', ')}`,
  );
}
