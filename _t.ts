import { compileGo } from './src/engine';
import { check } from './src/engine/explore/explore';
import { readFileSync, readdirSync } from 'node:fs';
for (const f of readdirSync('src/scenarios/programs')) {
  const c = compileGo(readFileSync('src/scenarios/programs/' + f, 'utf8'));
  if (!c.ok) { console.log(f, 'compile error'); continue; }
  for (const race of [false, true]) {
    const t = performance.now();
    const r = check(c.program, { maxStates: 200_000, race });
    console.log(f.padEnd(34), race ? 'race' : '    ', String(r.states).padStart(7), (performance.now() - t).toFixed(0).padStart(6) + 'ms', r.complete ? 'complete' : 'INCOMPLETE', r.outcomes.length);
  }
}
