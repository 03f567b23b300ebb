/**
 * sync.Once as Go 1.23's sync/once.go: an atomic load of done, then under the Once's mutex a
 * second look and f, with the store of done and the Unlock deferred around f. Situations are
 * stepped by hand; claims about "every schedule" are checked by the explorer.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { explore } from '../explore/explore';
import { refusal, sim } from '../testing/driver';
import { diagnose } from './diagnose';
import { Machine } from './machine';
import { Scheduler } from './sched';
import { snapshot } from './snapshot';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

/** the catalogue's lazy-once: three goroutines create jobs in a store whose map is made on first use */
const onceStore = readFileSync(
  new URL('../../scenarios/programs/lazy-once.go', import.meta.url),
  'utf8',
);
/** the catalogue's lazy-nil-check: the same store, made with a nil check instead of once.Do */
const nilCheck = readFileSync(
  new URL('../../scenarios/programs/lazy-nil-check.go', import.meta.url),
  'utf8',
);

describe('when goroutines share a lazily made map', () => {
  it('with once.Do, f runs once and every goroutine sees its map, under every schedule', () => {
    const r = explore(compile(onceStore), { maxStates: 200_000 });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => `${o.exit} ${o.stdout}`)).toEqual(['0 made the map\n3 jobs\n']);
  });

  it('with a nil check instead, every goroutine makes a map, and jobs are lost', () => {
    const r = explore(compile(nilCheck), { maxStates: 200_000 });
    expect(r.complete).toBe(true);
    // f sleeps, so every goroutine passes the check before any makes the map: each makes one,
    // and the jobs written into the maps that were replaced are lost
    const made = 'made the map\n'.repeat(3);
    expect(r.outcomes.map((o) => o.stdout).sort()).toEqual(
      ['1 jobs\n', '2 jobs\n', '3 jobs\n'].map((n) => made + n),
    );
  });

  it('under -race, what f wrote is ordered before every Do that returns', () => {
    const r = explore(compile(onceStore), { race: true, maxStates: 200_000 });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.exit)).toEqual([0]);
  });
});

describe('when g6 is inside f and g7 calls Do', () => {
  it('g7 finds done unset, waits for the Once’s mutex, and returns without calling f', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

var once sync.Once

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			defer wg.Done()
			once.Do(func() {
				fmt.Println("f")
			})
		}()
	}
	wg.Wait()
}
`;
    sim(src)
      .runUntilBlocked(1)
      .runTo(6, 'fmt.Println("f")')
      .runUntilBlocked(7)
      .expectBlocked(7, 'sync.Mutex.Lock')
      .expectHolder('once.m', 6)
      .expectQueue('once.m', [7])
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('f\n');
  });
});

describe('when f panics or calls Do again', () => {
  /** once.Do(firstF) panics; a deferred function recovers, calls Do again and prints the Once. */
  const afterPanicIn = (firstF: string) =>
    runProgram(
      compile(`package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	defer func() {
		fmt.Println("recovered:", recover())
		once.Do(func() { fmt.Println("f again") })
		fmt.Println(once)
	}()
	once.Do(${firstF})
}
`),
    );

  it('a panic in f counts as done: the next Do does not call f', () => {
    const r = afterPanicIn('func() { panic("boom") }');
    expect(r.outcome.code).toBe(0);
    // done is set and the mutex unlocked: {done {noCopy v} m {state sema}}
    expect(r.stdout).toBe('recovered: boom\n{{{} 1} {0 0}}\n');
  });

  it('a nil f panics, and the Once is done and unlocked all the same', () => {
    const r = afterPanicIn('nil');
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe(
      'recovered: runtime error: invalid memory address or nil pointer dereference\n{{{} 1} {0 0}}\n',
    );
  });

  it('Do inside f deadlocks, waiting for the Once’s own mutex, and the explanation says why', () => {
    const r = runProgram(
      compile(`package main

import "sync"

var once sync.Once

func setup() {
	once.Do(setup)
}

func main() {
	once.Do(setup)
}
`),
    );
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toMatch(
      /^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \[sync\.Mutex\.Lock\]:\nmain\.setup\(\)\n/,
    );
    const d = diagnose(r.machine);
    expect(d?.what).toBe('G1 already holds once.m (line 12) and asks for it again at line 8.');
    expect(d?.why).toMatch(/^once\.Do holds the Once's mutex \(once\.m\) until f returns/);
  });
});

describe('as fmt and vet see it', () => {
  it('vet reports a copied Once through its atomic done flag', () => {
    const p = compile(`package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	fmt.Println(once)
}
`);
    expect(p.vet.map((d) => d.msg)).toEqual([
      'call of fmt.Println copies lock value: sync.Once contains sync/atomic.Uint32 contains sync/atomic.noCopy',
    ]);
  });
});

describe('sync.OnceFunc, OnceValue and OnceValues (Go 1.21), as sync/oncefunc.go', () => {
  const fixture = readFileSync(new URL('../fixtures/once-func.go', import.meta.url), 'utf8');
  const printed =
    'hello once\nloading\n42\n42\n42\ncfg partial\nrecovered boom\nrecovered boom\nfunc() func() int\n';

  it('runs f once for every caller, under every schedule; a panic in f comes back at each call', () => {
    const r = explore(compile(fixture), { maxStates: 100_000 });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => [o.exit, o.first, o.stdout])).toEqual([
      [2, 'panic: boom', printed],
    ]);
  });

  it('re-panics the first time as Go does, with a traceback into f (its own frames left out)', () => {
    const r = runProgram(
      compile(
        'package main\n\nimport "sync"\n\nfunc main() {\n\tboom := sync.OnceFunc(func() { panic("boom") })\n\tboom()\n}\n',
      ),
      {},
    );
    expect(r.stderr).toBe(
      'panic: boom [recovered]\n\tpanic: boom\n\ngoroutine 1 [running]:\nmain.main.func1()\n\tmain.go:6\nmain.main()\n\tmain.go:7\n',
    );
  });

  it('makes callers wait at the Once’s mutex while f runs: a deadlock names it', () => {
    const r = runProgram(
      compile(
        'package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nfunc main() {\n\tvar mu sync.Mutex\n\tget := sync.OnceValue(func() int {\n\t\tmu.Lock()\n\t\treturn 1\n\t})\n\tmu.Lock()\n\tfmt.Println(get())\n}\n',
      ),
      {},
    );
    // f is the program's first closure, as in Go (Go's code for OnceValue is not the program's)
    expect(r.stderr).toBe(
      'fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [sync.Mutex.Lock]:\nmain.main.func1()\n\tmain.go:11\nmain.main()\n\tmain.go:15\n',
    );
  });

  it.each([
    [
      'sync.OnceValue(func() (int, error) { return 1, nil })',
      '10:21: in call to sync.OnceValue, type func() (int, error) of func() (int, error) {…} does not match func() T',
    ],
    [
      'sync.OnceFunc(func() int { return 1 })',
      '10:20: cannot use func() int {…} (value of type func() int) as func() value in argument to sync.OnceFunc',
    ],
  ])('refuses f of the wrong shape: %s', (call, want) => {
    expect(
      refusal(
        `package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nfunc main() {\n\tfmt.Println()\n\t_ = ${call}\n}\n`,
      ),
    ).toBe(want);
  });
});

describe('the locks of sync.OnceValue and its kin, as the stage names them', () => {
  it('by the variable that holds the function, from the start (Go’s code names its Once `once`)', () => {
    const m = new Machine(
      compile(readFileSync(new URL('../fixtures/once-func.go', import.meta.url), 'utf8')),
      { seed: 1 },
    );
    const s = new Scheduler();
    // main has made the three functions; G6 runs hello() and holds its Once's mutex
    for (let i = 0; i < 27; i++) m.step(s.pick(m));
    const locks = snapshot(m).locks.map((l) => [l.name, l.owner]);
    expect(locks).toEqual([
      ['load.once.m', 0],
      ['pair.once.m', 0],
      ['hello.once.m', 6],
    ]);
  });
});
