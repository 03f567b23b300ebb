import { describe, expect, it } from 'vitest';
import { compileGo, runProgram } from '../engine';
import { SCENARIOS, groups, type Scenario } from './catalogue';
import { matches, showMe } from './showMe';
import { Machine } from '../engine/runtime/machine';
import { Scheduler } from '../engine/runtime/sched';

function compile(s: Scenario) {
  const c = compileGo(s.source);
  if (!c.ok)
    throw new Error(
      `${s.id}: ${c.diagnostics.map((d) => `${d.pos.line}:${d.pos.col} ${d.msg}`).join('; ')}`,
    );
  return c.program;
}

describe('the catalogue', () => {
  it('has every scenario the tutorial needs, each with a unique id and a known pair', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SCENARIOS)
      if (s.pair) expect(ids, `${s.id} pairs with ${s.pair}`).toContain(s.pair);
    expect(groups().length).toBeGreaterThanOrEqual(14);
  });
});

describe.each(
  SCENARIOS.filter((s) => !s.expected.tooLargeToExplore).map((s) => [s.id, s] as const),
)('scenario %s', (_id, s) => {
  it('compiles', () => {
    expect(compile(s).funcs.length).toBeGreaterThan(0);
  });

  it(
    s.expected.always
      ? 'gives its expected outcome under every schedule'
      : 'reaches its expected outcome under some schedule the explorer finds',
    () => {
      const shown = showMe(s);
      expect(shown.complete).toBe(true);
      const summary = shown.all
        .map((o) => `${o.exit} ${o.first} ${JSON.stringify(o.stdout)}`)
        .join('\n');
      expect(shown.outcome, summary).not.toBeNull();
      if (s.expected.always)
        for (const o of shown.all) expect(matches(o, s.expected), summary).toBe(true);
      else if (s.kind === 'broken')
        expect(
          shown.all.length,
          'a broken program that always fails is marked always',
        ).toBeGreaterThan(1);
    },
  );

  it('replays the found schedule to the same outcome', () => {
    const shown = showMe(s);
    const o = shown.outcome;
    if (!o) throw new Error('no schedule found');
    const r = runProgram(compile(s), { schedule: o.schedule, race: s.expected.race ?? false });
    expect(r.outcome.code).toBe(s.expected.exit);
    expect(r.outcome.first).toBe(s.expected.first);
    if (s.expected.stdout !== undefined) expect(r.stdout).toBe(s.expected.stdout);
  });
});

describe('scenarios too large to explore', () => {
  it.each(SCENARIOS.filter((s) => s.expected.tooLargeToExplore).map((s) => [s.id, s] as const))(
    '%s gives its outcome over 5 seeds',
    (_id, s) => {
      const p = compile(s);
      for (let seed = 1; seed <= 5; seed++) {
        const r = runProgram(p, { seed });
        expect(
          matches({ exit: r.outcome.code, first: r.outcome.first, stdout: r.stdout }, s.expected),
        ).toBe(true);
      }
    },
  );
});

describe('copying a mutex', () => {
  it("is reported by vet in go vet's words, for the value receiver and for store2 := store1", () => {
    const byId = (id: string) => SCENARIOS.find((s) => s.id === id) as Scenario;
    expect(compile(byId('value-receiver')).vet.map((d) => d.msg)).toContainEqual(
      expect.stringMatching(
        /passes lock by value: command-line-arguments\.\w+ contains sync\.Mutex/,
      ),
    );
    expect(compile(byId('copy-mutex')).vet.map((d) => d.msg)).toContainEqual(
      expect.stringMatching(
        /assignment copies lock value to store2: command-line-arguments\.\w+ contains sync\.Mutex/,
      ),
    );
    expect(compile(byId('use-pointers')).vet).toEqual([]);
  });
});

describe('the striped store', () => {
  it('makes only the goroutines whose jobs share a shard wait for its lock (job-0 and job-4)', () => {
    const s = SCENARIOS.find((x) => x.id === 'striped-store');
    if (!s) throw new Error('no striped-store');
    const p = compile(s);
    // G6 creates job-0, G7 job-1, G8 job-4
    const waited = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const m = new Machine(p, { seed, record: true });
      const sched = new Scheduler('random');
      while (!m.outcome) {
        m.step(sched.pick(m));
        for (const e of m.events)
          if (e.t === 'block' && e.reason === 'sync.Mutex.Lock') waited.add(e.g);
      }
    }
    expect([...waited].sort()).toEqual([6, 8]);
  });
});
