import { readFileSync } from 'node:fs';
import { compileGo, Machine } from '../src/engine';
import { sharedVars } from '../src/engine/runtime/snapshot';
for (const f of process.argv.slice(2)) {
  const c = compileGo(readFileSync(f, 'utf8'));
  if (!c.ok) throw new Error('compile');
  const m = new Machine(c.program, {});
  const seen = new Set<string>();
  for (let i = 0; i < 2000 && !m.outcome; i++) {
    const r = m.runnable();
    if (!r.length) break;
    m.step(r[i % r.length] as number);
    seen.add(JSON.stringify(sharedVars(m).map((v) => `${v.name} ${v.type} = ${v.value}`)));
  }
  console.log(f.split('/').pop(), [...seen].slice(-3).join(' | '));
}
