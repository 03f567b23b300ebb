import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, runProgram, type Program } from './index';

function load(name: string): Program {
  const c = compileGo(
    readFileSync(new URL(`../scenarios/programs/${name}`, import.meta.url), 'utf8'),
  );
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  return c.program;
}

describe('the RWMutex store', () => {
  it('stores every job and exits cleanly under many seeds', () => {
    const p = load('rwmutex-store.go');
    for (let seed = 1; seed <= 30; seed++) {
      const r = runProgram(p, { seed });
      expect(r.outcome.code).toBe(0);
      expect(r.stdout).toBe('3 jobs\n');
    }
  });
});

describe('the unsafe store', () => {
  it('dies with "concurrent map writes" under some seeds and not others', () => {
    const p = load('unsafe-store.go');
    const firsts = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) firsts.add(runProgram(p, { seed }).outcome.first);
    expect(firsts).toContain('fatal error: concurrent map writes');
    expect(firsts).toContain('');
  });

  it('gives the same bytes for the same seed', () => {
    const p = load('unsafe-store.go');
    const a = runProgram(p, { seed: 7 });
    const b = runProgram(p, { seed: 7 });
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    expect(b.schedule).toEqual(a.schedule);
  });
});
