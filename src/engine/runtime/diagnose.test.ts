/**
 * What the explanation panel says when a run stops for Interleave's own reasons (a limit, a
 * hang under -race): a heading of its own, and words that add to the runtime's line. For a
 * data race: who touched what, where, in which order.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, runProgram } from '../index';
import { explore } from '../explore/explore';
import { diagnose } from './diagnose';

function run(src: string, opts: Parameters<typeof runProgram>[1] = {}) {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  return runProgram(c.program, opts);
}

describe('a WaitGroup that never reaches zero', () => {
  it('names its counter and the goroutines that ended, one of which forgot Done', () => {
    const r = run(
      'package main\n\nimport "sync"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor i := 0; i < 3; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tif i == 1 {\n\t\t\t\treturn\n\t\t\t}\n\t\t\tdefer wg.Done()\n\t\t}()\n\t}\n\twg.Wait()\n}\n',
    );
    expect(r.outcome.first).toBe('fatal error: all goroutines are asleep - deadlock!');
    const d = diagnose(r.machine);
    expect(d?.kind).toBe('deadlock');
    expect(d?.why).toBe(
      'G1 waits on wg, whose counter is still 1: one call to Done is missing. G6, G7 and G8 have ended: at least one of them returned without calling Done, or Add counted more goroutines than were started.',
    );
  });
});

describe('when a run stops at one of Interleave’s limits', () => {
  it('a loop that never ends: the step budget, said in words of its own', () => {
    const r = run(
      `package main

var n int

func main() {
	for {
		n++
	}
}
`,
      { limits: { steps: 5_000 } },
    );
    const d = diagnose(r.machine);
    expect(d?.kind).toBe('limit');
    expect(d?.title).toBe('The program did not end');
    expect(d?.what).toBe(
      'It ran 5,000 steps without ending, the last of them in G1: a loop with no way out would do that, as would goroutines that keep each other busy forever.',
    );
    expect(d?.what).not.toBe(r.outcome.first);
    expect(d?.why).toBe(
      'Interleave stops a run that might never end rather than wait for it forever.',
    );
  });

  it('a map that outgrows its limit: the limit named, and why there is one', () => {
    const r = run(
      `package main

func main() {
	m := map[int]int{}
	for i := 0; i < 100; i++ {
		m[i] = i
	}
}
`,
      { limits: { mapEntries: 10 } },
    );
    const d = diagnose(r.machine);
    expect(d?.title).toBe("The run hit one of Interleave's limits");
    expect(d?.what).toBe('interleave: stopped: a map grew past 10 entries (the map size limit)');
    expect(d?.why).toMatch(/^Interleave bounds every run/);
  });
});

describe('when the race detector reports a race', () => {
  /** the catalogue's atomic-half, with G6's statement (line 16) and G7's (line 20) */
  const counter = (g6: string, g7: string) =>
    readFileSync(new URL('../../scenarios/programs/atomic-half.go', import.meta.url), 'utf8')
      .replace('atomic.AddInt64(&hits, 1) // ✅ one step', g6)
      .replace('hits++ // ❌ read, then write', g7);
  /** the first seed whose run reports a race */
  const raced = (src: string) => {
    for (let seed = 1; seed < 50; seed++) {
      const r = run(src, { race: true, seed });
      if (r.outcome.code === 66) return r;
    }
    throw new Error('no seed raced');
  };
  /** "G6 ... at line 19": each goroutine named with its own line */
  const sides = (what: string) =>
    [...what.matchAll(/G(\d+) (wrote|read)( \(atomically\))? at line (\d+)/g)].map(
      (x) => `G${x[1]}:${x[4]}:${x[2]}${x[3] ? ':atomic' : ''}`,
    );

  it('names both accesses, the variable, and the lines', () => {
    const d = diagnose(raced(counter('hits = 1', 'hits = 5')).machine);
    expect(d?.what).toMatch(
      /^The program ran without crashing, but G\d wrote at line \d+, then G\d wrote at line \d+: the same memory \(hits\), and nothing \(a lock, a WaitGroup, an atomic\) ordered the two\.$/,
    );
    expect(sides(d?.what ?? '').sort()).toEqual(['G6:16:wrote', 'G7:20:wrote']);
    expect(d?.why).toMatch(/^Two writes that nothing orders/);
    expect(d?.lines).toEqual([16, 20]);
    expect(d?.section).toBe('Common Mistakes — Mistake 3: Not Protecting All Accesses');
  });

  it('says why atomics do not help when one access is plain', () => {
    const d = diagnose(raced(counter('atomic.AddInt64(&hits, 1)', 'hits++')).machine);
    const found = sides(d?.what ?? '');
    expect(found).toContain('G6:16:wrote:atomic');
    expect(found.find((x) => x.startsWith('G7'))).toMatch(/^G7:20:(read|wrote)$/);
    expect(d?.why).toMatch(/^An atomic operation is safe only against other atomic operations/);
    expect(d?.fix).toMatch(/Make every access to it atomic/);
  });
});

describe('when several locks share a field name', () => {
  it('each is named by the variable of main that holds it, as the program writes it', () => {
    const c = compileGo(readFileSync('src/scenarios/programs/lock-order.go', 'utf8'));
    if (!c.ok) throw new Error('does not compile');
    const found = explore(c.program, { stopOnFailure: true }).outcomes.find((o) => o.exit === 2);
    expect(found).toBeDefined();
    const r = runProgram(c.program, { schedule: found?.schedule ?? [] });
    expect(r.outcome.first).toBe('fatal error: all goroutines are asleep - deadlock!');
    const what = diagnose(r.machine)?.what ?? '';
    // G6 moves pending to running and G7 the other way: each waits for the other's
    expect(what).toMatch(/G6 waits for running\.mu .*G7 waits for pending\.mu/);
    expect(what).not.toContain('mu (2)');
  });

  it('a lock no variable of main holds keeps its number', () => {
    const r = run(`package main

import "sync"

type S struct{ mu sync.Mutex }

func work() {
	a, b := &S{}, &S{}
	a.mu.Lock()
	b.mu.Lock()
	b.mu.Lock()
}

func main() { work() }
`);
    expect(r.outcome.first).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(diagnose(r.machine)?.what).toContain('mu (2)');
  });
});

describe('when a panic ends the program', () => {
  it('a goroutine that panics while holding a lock: the lock named, and defer as the fix', () => {
    const r = run(`package main

import "sync"

var mu sync.Mutex

func main() {
	mu.Lock()
	var m map[string]int
	m["a"] = 1
	mu.Unlock()
}
`);
    expect(r.outcome.first).toBe('panic: assignment to entry in nil map');
    const d = diagnose(r.machine);
    expect(d?.what).toContain('It still held mu.');
    expect(d?.fix).toContain('defer mu.Unlock()');
  });

  it('a panic with no lock held: advice about the panic itself, not about defer', () => {
    const c = compileGo(readFileSync('src/scenarios/programs/cond-if.go', 'utf8'));
    if (!c.ok) throw new Error('does not compile');
    const found = explore(c.program, { stopOnFailure: true }).outcomes.find((o) => o.exit === 2);
    const r = runProgram(c.program, { schedule: found?.schedule ?? [] });
    expect(r.outcome.first).toBe('panic: runtime error: index out of range [0] with length 0');
    const d = diagnose(r.machine);
    expect(d?.what).not.toContain('still held');
    expect(d?.why).toContain('an index went past the end');
    expect(d?.fix).toContain('check again in a for loop');
    expect(d?.fix).not.toContain('defer mu.Unlock');
  });

  it('a panic that `defer recover()` was meant to stop: why it did not', () => {
    const r = run(
      'package main\n\nfunc safe() {\n\tdefer recover()\n\tpanic("boom")\n}\n\nfunc main() {\n\tsafe()\n}\n',
    );
    expect(r.outcome.first).toBe('panic: boom');
    expect(diagnose(r.machine)?.fix).toBe(
      'defer recover() recovers nothing: recover stops a panic only when a deferred function calls it. Write defer func() { recover() }() (and handle what it returns).',
    );
  });
});

describe('when a map crash happens under two different locks', () => {
  for (const [file, copies] of [
    ['value-receiver', ['mu (copy)', 'mu (copy 2)']],
    ['copy-mutex', ['mu', 'mu (copy)']],
  ] as const)
    it(`${file}: the copies named, and pointer receivers as the fix`, () => {
      const src = readFileSync(`src/engine/fixtures/tutorial/mistake4-${file}.go`, 'utf8');
      const c = compileGo(src);
      if (!c.ok) throw new Error('does not compile');
      const found = explore(c.program, { stopOnFailure: true }).outcomes.find((o) => o.exit === 2);
      const r = runProgram(c.program, { schedule: found?.schedule ?? [] });
      expect(r.outcome.first).toBe('fatal error: concurrent map writes');
      const d = diagnose(r.machine);
      expect(d?.what).toContain('Both held a lock, but not the same one');
      for (const name of copies) expect(d?.what).toContain(` held ${name}`);
      expect(d?.fix).toMatch(/^Use pointer receivers/);
    });

  it('a map with no lock at all keeps the plain advice', () => {
    const src = readFileSync('src/scenarios/programs/unsafe-store.go', 'utf8');
    const c = compileGo(src);
    if (!c.ok) throw new Error('does not compile');
    const found = explore(c.program, { stopOnFailure: true }).outcomes.find((o) => o.exit === 2);
    const d = diagnose(runProgram(c.program, { schedule: found?.schedule ?? [] }).machine);
    expect(d?.what).not.toContain('Both held');
    expect(d?.fix).toMatch(/^Guard every access to the map with the same sync\.Mutex/);
  });
});

describe('locks in a slice or an array', () => {
  for (const [what, decl] of [
    ['a slice', 'forks := make([]sync.Mutex, 3)'],
    ['an array', 'var forks [3]sync.Mutex'],
  ] as const)
    it(`in ${what}: named by their index (forks[1]), and the fix orders them by it`, () => {
      const src = readFileSync('src/engine/fixtures/dining-philosophers.go', 'utf8').replace(
        'forks := make([]sync.Mutex, 3)',
        decl,
      );
      const c = compileGo(src);
      if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
      const found = explore(c.program, { stopOnFailure: true }).outcomes.find((o) => o.exit === 2);
      const r = runProgram(c.program, { schedule: found?.schedule ?? [] });
      expect(r.outcome.first).toBe('fatal error: all goroutines are asleep - deadlock!');
      const d = diagnose(r.machine);
      for (const i of [0, 1, 2]) expect(d?.what).toContain(`waits for forks[${i}]`);
      expect(d?.fix).toContain('always forks[0] before forks[1] before forks[2]');
    });
});
