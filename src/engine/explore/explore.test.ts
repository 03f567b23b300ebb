/**
 * The explorer: it finds each bug with a shortest schedule that replays, proves a fixed
 * program, loses no outcome to its reductions (over every tutorial and scenario program and
 * over random programs; fast-check prints the seed and the shrunk program on failure), gives
 * the same counts run after run, and says honestly what a bounded search did not cover.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { Machine } from '../runtime/machine';
import { Ref } from '../runtime/values';
import {
  check,
  explore,
  type ExploreOptions,
  type ExploreProgress,
  type ExploreResult,
} from './explore';
import { StateHasher, stateKey } from './key';
import { Owners, SHARED } from './owners';
import { VisitedTable } from './table';

const DEADLOCK = 'fatal error: all goroutines are asleep - deadlock!';
const MAP_WRITES = 'fatal error: concurrent map writes';

function compile(src: string, name = 'main.go'): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic(name, d)).join('\n'));
  return c.program;
}

/** A benchmark model (bench/models), with its N goroutines and K steps set. */
function model(file: string, n: number, k: number): Program {
  const src = readFileSync(new URL(`../../../bench/models/${file}`, import.meta.url), 'utf8')
    .replace(/const N = \d+/, `const N = ${n}`)
    .replace(/const K = \d+/, `const K = ${k}`);
  return compile(src, file);
}

/** Each distinct outcome, as the explorer tells them apart. */
/**
 * `goroutines` goroutines that each take a mutex and add one to a count, `times` times; main
 * first makes `objects` objects of its own, and prints the count and their number at the end
 */
function lockedCount(goroutines: number, times: number, objects = 0): Program {
  return compile(`package main

import (
	"fmt"
	"sync"
)

func main() {
	keep := make([]*int, 0, ${objects})
	for i := 0; i < ${objects}; i++ {
		keep = append(keep, new(int))
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	count := 0
	for g := 0; g < ${goroutines}; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < ${times}; k++ {
				mu.Lock()
				count++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(count, len(keep))
}
`);
}

function outcomes(r: ExploreResult): string[] {
  return r.outcomes
    .map((o) => `exit ${o.exit} ${o.first} ${JSON.stringify(o.stdout)}${o.leak ? ' leak' : ''}`)
    .sort();
}

function replays(p: Program, r: ExploreResult, race = false): void {
  for (const o of r.outcomes) {
    const run = runProgram(p, { schedule: o.schedule, race });
    expect({ exit: run.outcome.code, first: run.outcome.first, stdout: run.stdout }).toEqual({
      exit: o.exit,
      first: o.first,
      stdout: o.stdout,
    });
  }
}

describe('when a program has a bug', () => {
  it.each([
    ['unlocked-writes.go', MAP_WRITES],
    ['lock-order.go', DEADLOCK],
    ['lock-ring.go', DEADLOCK],
    ['recursive-lock.go', DEADLOCK],
    ['rwmutex-read-twice.go', DEADLOCK],
  ])(
    '%s: the first failure found is "%s", by a schedule as short as without reductions',
    (file, first) => {
      const p = model(file, 3, 2);
      const reduced = explore(p, { stopOnFailure: true });
      const full = explore(p, { stopOnFailure: true, reduce: false });
      const bug = reduced.outcomes.find((o) => o.exit !== 0);
      const shortest = full.outcomes.find((o) => o.exit !== 0);
      expect(bug?.first).toBe(first);
      expect(bug?.steps).toBe(shortest?.steps);
      expect(reduced.complete).toBe(false);
      expect(reduced.cutoff).toMatch(/^stopped at the first failing schedule; every schedule/);
      replays(p, reduced);
    },
  );

  it.each([
    [
      'lock-order.go',
      /^G(\d+) waits for \S+ at line \d+, held by G(\d+) \(taken at line \d+\); G\2 waits for \S+ at line \d+, held by G\1 /,
    ],
    [
      'recursive-lock.go',
      /^G\d+ already holds mu \(line \d+\) and asks for it again at line \d+\.$/,
    ],
    [
      'rwmutex-read-twice.go',
      /G(\d+) waits for \S+ \(read\) at line \d+, held by G(\d+).*G\2 waits for \S+ \(waiting for readers\) at line \d+, held by G\1/,
    ],
  ])('%s: the deadlock comes with who waits for whom (its cycle)', (file, words) => {
    const p = model(file, 3, 2);
    const r = explore(p, { stopOnFailure: true });
    const bug = r.outcomes.find((o) => o.exit !== 0);
    expect(bug?.kind).toBe('deadlock');
    expect(bug?.what).toMatch(words);
    // the goroutines it names are the replay's: each is blocked there
    const run = runProgram(p, { schedule: bug?.schedule ?? [] });
    for (const [, id] of (bug?.what ?? '').matchAll(/G(\d+) (?:waits|already)/g))
      expect(run.machine.g(Number(id)).st).toBe('blocked');
    // a run that ends well has no such words
    expect(r.outcomes.filter((o) => o.exit === 0).every((o) => o.what === null)).toBe(true);
  });

  it('a crash comes with which goroutines did what, at which lines', () => {
    const r = explore(model('unlocked-writes.go', 2, 1), { stopOnFailure: true });
    const bug = r.outcomes.find((o) => o.exit !== 0);
    expect(bug?.first).toBe(MAP_WRITES);
    expect(bug?.what).toMatch(
      /^G(\d+) wrote to the map at line 18 while G(?!\1)\d+ was writing it \(line 18\)\.$/,
    );
    const panics = explore(
      compile(`package main

import "sync"

var mu sync.Mutex

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		var m map[string]int
		m["a"] = 1
		mu.Unlock()
	}()
	wg.Wait()
}
`),
    );
    expect(panics.outcomes.map((o) => [o.exit, o.first, o.what])).toEqual([
      [
        2,
        'panic: assignment to entry in nil map',
        'G6 panicked at line 14 and nothing recovered, so the program stopped with exit status 2. It still held mu.',
      ],
    ]);
  });

  it('under -race, an outcome the detector reported a race on says which two accesses raced', () => {
    const p = model('unlocked-writes.go', 2, 1);
    const r = explore(p, { race: true });
    // the writes are at line 18 (as in Go's own report), to the map m
    const raced = r.outcomes.filter((o) => o.race !== null);
    expect(raced.length).toBeGreaterThan(0);
    for (const o of raced) {
      expect(o.race).toMatch(/^G(\d+) wrote at line 18, then G(?!\1)\d+ wrote at line 18 \(m\)$/);
      expect(o.report).toContain('WARNING: DATA RACE');
      expect(o.report).toContain('main.go:18');
    }
    // every outcome whose report has no race has none in words either
    for (const o of r.outcomes)
      expect(o.race === null).toBe(!o.report.includes('WARNING: DATA RACE'));
    // and without -race, there is no detector to report one
    expect(explore(p).outcomes.every((o) => o.race === null)).toBe(true);
  });

  it('a proof search finds it too, perhaps by a longer schedule, which replays', () => {
    const p = model('unlocked-writes.go', 2, 2);
    const proof = explore(p, { proof: true, stopOnFailure: true });
    const shortest = explore(p, { stopOnFailure: true });
    // (depth first, it may reach a clean exit before it reaches the failure)
    const bug = proof.outcomes.find((o) => o.exit !== 0);
    expect(bug?.first).toBe(MAP_WRITES);
    expect(proof.cutoff).toMatch(/^stopped at the first failing schedule/);
    expect(bug?.steps).toBeGreaterThanOrEqual(shortest.outcomes[0]?.steps ?? 0);
    replays(p, proof);
  });

  it('goroutines that run the same code are not told apart (6 of them, 3 steps each)', () => {
    const r = explore(model('recursive-lock.go', 6, 3), { stopOnFailure: true });
    expect(r.outcomes.map((o) => o.first)).toEqual([DEADLOCK]);
    expect(r.states).toBeLessThan(20_000);
  });
});

describe('when the program is fixed', () => {
  it.each([
    ['the SPIN model, 3 goroutines × 2 locked writes', () => model('spin.go', 3, 2)],
    [
      'the lock-order scenario with one order',
      () =>
        compile(
          readFileSync(
            new URL('../../scenarios/programs/lock-order-fixed.go', import.meta.url),
            'utf8',
          ),
        ),
    ],
  ])('%s: every schedule is covered and each exits cleanly', (_name, load) => {
    const p = load();
    for (const opts of [{}, { proof: true }, { reduce: false }] as ExploreOptions[]) {
      const r = explore(p, opts);
      expect(r.complete).toBe(true);
      expect(r.cutoff).toBeNull();
      expect(r.outcomes.length).toBeGreaterThan(0);
      for (const o of r.outcomes) expect([o.exit, o.first]).toEqual([0, '']);
    }
  });

  it('a proof needs no more states than the shortest-schedule search, which needs fewer than none', () => {
    const p = model('spin.go', 3, 3);
    const [proof, shortest, full] = [
      explore(p, { proof: true }),
      explore(p, {}),
      explore(p, { reduce: false }),
    ];
    expect(proof.states).toBeLessThan(shortest.states);
    expect(shortest.states).toBeLessThan(full.states);
    expect(outcomes(proof)).toEqual(outcomes(full));
  });
});

describe('objects only one goroutine can reach', () => {
  it('are marked private to it: captured loop variables; globals and what two reach are shared', () => {
    const p = compile(`package main

import "sync"

type Box struct{ n int }

var shared = &Box{}

func main() {
	var wg sync.WaitGroup
	both := &Box{}
	for i := 0; i < 2; i++ {
		mine := &Box{n: i}
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine.n++
			both.n++
			shared.n++
		}()
	}
	wg.Wait()
}
`);
    const m = new Machine(p);
    // run main until both goroutines exist and main waits
    while (m.g(1).st !== 'blocked') m.step(1);
    const owners = new Owners();
    owners.compute(m);
    const refs = (id: number) =>
      (m.g(id).fr[0]?.L ?? []).filter((v): v is Ref => v instanceof Ref).map((r) => r.id);
    const [main, g6, g7] = [refs(1), refs(6), refs(7)];
    // G6's \`mine\` (from the first iteration) is its own; G7's is the one main's frame still
    // holds, so it is shared; \`both\` and the WaitGroup are reached by all three
    const own6 = g6.filter((id) => !main.includes(id) && !g7.includes(id));
    expect(own6).toHaveLength(1);
    for (const id of own6) expect(owners.mark[id]).toBe(6);
    for (const id of g7) expect(owners.mark[id]).toBe(SHARED);
    for (const id of g6.filter((x) => g7.includes(x))) expect(owners.mark[id]).toBe(SHARED);
    // the global's box is shared, though no frame holds it
    expect(owners.mark[(m.globals[0] as Ref).id]).toBe(SHARED);
    // objects created from now on count as the creator's
    expect(owners.privateTo(m.h.length, 7)).toBe(true);
  });

  it('are marked the same whether or not the goroutines come with the lists the state hash made', () => {
    // a store every goroutine holds (marked shared before it is walked: see markCommonRoots),
    // a struct each goroutine makes for itself, and a pointer one hands to the store
    const p = compile(`package main

import "sync"

type Job struct{ ID, Name string }

type Store struct {
	mu   sync.Mutex
	jobs map[string]*Job
}

func main() {
	store := &Store{jobs: map[string]*Job{}}
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 2; k++ {
				job := &Job{ID: string(rune('a' + g*2 + k)), Name: "build"}
				store.mu.Lock()
				store.jobs[job.ID] = job
				store.mu.Unlock()
			}
		}()
	}
	wg.Wait()
}
`);
    let listed = new Machine(p);
    const bare = new Machine(p);
    const hasher = new StateHasher();
    // one that goes from state to state, keeping what it can (see Owners.common)
    const reused = new Owners();
    let compared = 0;
    for (let turn = 0; !listed.outcome; turn++) {
      hasher.hash(listed, true);
      const [a, b] = [new Owners(), new Owners()];
      a.compute(listed);
      b.compute(bare);
      reused.compute(listed);
      expect(listed.gs.some((g) => g.walk)).toBe(true);
      expect(bare.gs.some((g) => g.walk)).toBe(false);
      expect([...a.mark.subarray(0, a.size)]).toEqual([...b.mark.subarray(0, b.size)]);
      expect([...reused.mark.subarray(0, reused.size)]).toEqual([...b.mark.subarray(0, b.size)]);
      compared++;
      const run = listed.runnable();
      const g = run[turn % run.length] as number;
      // (forked, as the explorer does, so that what was hashed is copied before it changes)
      listed = listed.fork();
      listed.step(g);
      bare.step(g);
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('need no interleaving: far fewer states, the same outcomes, the same shortest schedule', () => {
    for (const file of ['lock-order.go', 'lock-ring.go']) {
      const p = model(file, 3, 2);
      const [on, off] = [explore(p), explore(p, { ownership: false })];
      expect(outcomes(on)).toEqual(outcomes(off));
      expect(on.states).toBeLessThan(off.states);
      const first = (opts: ExploreOptions) =>
        explore(p, { ...opts, stopOnFailure: true }).outcomes.find((o) => o.exit !== 0)?.steps;
      expect(first({})).toBe(first({ ownership: false }));
      replays(p, on);
    }
    const p = model('lock-order.go', 4, 2);
    expect(explore(p).states * 2).toBeLessThan(explore(p, { ownership: false }).states);
    // (a dozen searches, some without the reduction: 3.4 s alone here, past 5 s on a busy machine)
  }, 30_000);
});

describe('goroutines left stuck when main returns', () => {
  const run = (body: string) =>
    compile(`package main

import (
	"fmt"
	"sync"
	"time"
)

var a, b sync.Mutex

func main() {
${body}
	time.Sleep(time.Millisecond)
	fmt.Println("done")
}
`);

  it('a partial deadlock is an outcome of its own, beside the clean exit, and replays', () => {
    const p = run(`	go func() { a.Lock(); b.Lock(); b.Unlock(); a.Unlock() }()
	go func() { b.Lock(); a.Lock(); a.Unlock(); b.Unlock() }()`);
    for (const opts of [{}, { proof: true }, { reduce: false }] as ExploreOptions[]) {
      const r = explore(p, opts);
      expect(outcomes(r)).toEqual(['exit 0  "done\\n"', 'exit 0  "done\\n" leak']);
      const leak = r.outcomes.find((o) => o.leak)?.leak ?? '';
      expect(leak).toMatch(/^main returned while G6 and G7 could never continue/);
      replays(p, r);
    }
  });

  it('so is a lock never unlocked that another goroutine waits for; a queue that moves is not', () => {
    const p = run(`	go func() { a.Lock() }()
	go func() { a.Lock(); a.Unlock() }()`);
    const r = explore(p, { reduce: false });
    expect(outcomes(r)).toEqual(['exit 0  "done\\n"', 'exit 0  "done\\n" leak']);
    expect(outcomes(explore(p))).toEqual(outcomes(r));
    const fine = run(`	go func() { a.Lock(); time.Sleep(time.Second); a.Unlock() }()
	go func() { a.Lock(); a.Unlock() }()`);
    expect(outcomes(explore(fine, { reduce: false }))).toEqual(['exit 0  "done\\n"']);
  });
});

describe('check: shortest schedules first, a proof when the budget runs out', () => {
  it('when the breadth-first search fits in the budget, its result stands', () => {
    const p = model('spin.go', 3, 2);
    const r = check(p, { maxStates: 100_000 });
    expect(r.proved).toBe(false);
    expect(r.complete).toBe(true);
    expect(r.states).toBe(explore(p, { maxStates: 100_000 }).states);
  });

  it('when it does not, the proof search finishes the verdict within the same budget', () => {
    const p = model('spin.go', 4, 3);
    const budget = 10_000;
    const shortest = explore(p, { maxStates: budget });
    expect(shortest.complete).toBe(false);
    const r = check(p, { maxStates: budget });
    expect(r.proved).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.cutoff).toBeNull();
    expect(outcomes(r)).toEqual(['exit 0  ""']);
    expect(r.states).toBeGreaterThan(budget);
  });

  it('its progress counts on from one search to the next, and says which is under way', () => {
    const seen: ExploreProgress[] = [];
    const r = check(model('spin.go', 4, 3), {
      maxStates: 10_000,
      progressEvery: 1_000,
      onProgress: (q) => seen.push(q),
    });
    const states = seen.map((q) => q.states);
    expect(states).toEqual([...states].sort((a, b) => a - b));
    expect(seen.at(-1)?.states).toBeLessThanOrEqual(r.states);
    expect(seen.filter((q) => !q.proof).length).toBe(10);
    expect(seen.filter((q) => q.proof).length).toBeGreaterThan(0);
  });

  it('when neither finishes, it says what the breadth-first search covered', () => {
    const r = check(model('spin.go', 5, 3), { maxStates: 2_000 });
    expect(r.complete).toBe(false);
    expect(r.cutoff).toMatch(
      /^stopped at 2,000 states \(the state limit\); every schedule of up to \d+ moves was covered, longer ones were not; the proof search that followed did not finish either: stopped at 2,000 states \(the state limit\)$/,
    );
  });

  it('every outcome either search finds is kept, with a schedule that replays', () => {
    const p = model('lock-order.go', 3, 1);
    expect(explore(p, { maxStates: 700 }).complete).toBe(false);
    const r = check(p, { maxStates: 700 });
    expect(r.complete).toBe(true);
    expect(outcomes(r)).toEqual(outcomes(explore(p, { maxStates: 100_000 })));
    expect(r.outcomes.some((o) => o.first === DEADLOCK)).toBe(true);
    replays(p, r);
  });
});

describe('a proof search goes depth first', () => {
  it('and, cut short, says that no length of schedule was covered', () => {
    const r = explore(model('spin.go', 4, 3), { proof: true, maxStates: 500 });
    expect(r.complete).toBe(false);
    expect(r.cutoff).toBe(
      'stopped at 500 states (the state limit); a proof search goes depth first, so until it ends no length of schedule is covered completely',
    );
  });

  it('and counts the states on its stack against the memory limit', () => {
    const p = model('spin.go', 3, 2);
    // a little more than the empty tables take: room for the stack of a few states only
    const tight = explore(p, { proof: true, maxMemory: 400_000 });
    expect(tight.cutoff).toMatch(/^stopped at 0 MB \(the memory limit\), after \d+ states; /);
    expect(explore(p, { proof: true, maxMemory: 2_000_000 }).complete).toBe(true);
  });

  it("and counts each machine's own arrays, which grow with the heap, against it too", () => {
    // the same contention after main made `objects` objects of its own: 3,000 take the
    // stack's machines some 1.5 KB each beyond what a small program's take (a list of 94
    // chunks of the heap: see Heap)
    const program = (objects: number) => lockedCount(3, 3, objects);
    const opts = { proof: true, maxMemory: 800_000 };
    const small = explore(program(10), opts);
    expect(small.complete).toBe(true);
    const large = explore(program(3000), opts);
    expect(large.cutoff).toMatch(/^stopped at 1 MB \(the memory limit\), after \d+ states; /);
    // with room, the same states as the small program: the objects are main's alone
    expect(explore(program(3000), { ...opts, maxMemory: 5_000_000 }).states).toBe(small.states);
  });

  it('reaching deeper states before it has finished shallow ones', () => {
    const p = model('spin.go', 4, 3);
    const proof = explore(p, { proof: true, maxStates: 500 });
    const shortest = explore(p, { maxStates: 500 });
    expect(proof.maxDepthReached).toBeGreaterThan(2 * shortest.maxDepthReached);
  });
});

const PROGRAM_DIRS = ['../fixtures/tutorial/', '../../scenarios/programs/'];
// the load test is too large to explore; scratch.go is the editor's scratch pad
const SKIP = new Set(['store-under-load.go', 'scratch.go']);
const programs = PROGRAM_DIRS.flatMap((dir) =>
  readdirSync(new URL(dir, import.meta.url))
    .filter((f) => f.endsWith('.go') && !SKIP.has(f))
    .map((f) => [f, new URL(`${dir}${f}`, import.meta.url)] as const),
);

describe('the reductions keep every outcome', () => {
  it.each(programs)(
    '%s: the same outcomes with and without them, with and without -race',
    (file, url) => {
      const p = compile(readFileSync(url, 'utf8'), file);
      for (const race of [false, true]) {
        // under -race the detector's clocks are part of the state, and the unreduced search
        // of the larger programs grows past what a unit test should wait for: skipped
        const full = explore(p, { race, reduce: false, maxStates: race ? 20_000 : 200_000 });
        if (race && !full.complete) continue;
        expect(full.complete).toBe(true);
        for (const opts of [{ race }, { race, proof: true }]) {
          const r = explore(p, opts);
          expect(r.complete).toBe(true);
          expect(outcomes(r)).toEqual(outcomes(full));
          expect(r.states).toBeLessThanOrEqual(full.states);
        }
      }
    },
  );

  it.each([
    ...programs,
    ...['spin.go', 'lock-ring.go', 'rwmutex-read-twice.go'].map((f) => [f, null] as const),
  ])(
    '%s: a Lock made to wait is told without running it: the same states and schedules',
    (file, url) => {
      const p = url ? compile(readFileSync(url, 'utf8'), file) : model(file, 3, 2);
      for (const opts of [{}, { proof: true }, { race: true, maxStates: 20_000 }]) {
        const [told, run] = [explore(p, opts), explore(p, { ...opts, predict: false })];
        expect({ states: told.states, outcomes: told.outcomes }).toEqual({
          states: run.states,
          outcomes: run.outcomes,
        });
        expect(told.transitions).toBeLessThanOrEqual(run.transitions);
        if (file === 'spin.go') expect(told.transitions).toBeLessThan(run.transitions);
      }
    },
  );

  it('when the clock is used, so that waiting Locks are tried too, the same states and schedules', () => {
    // (reduce.ts, rule 3 is off: three goroutines try the mutex main holds, in every order)
    const p = compile(`package main

import (
	"sync"
	"time"
)

var mu sync.Mutex
var x int

func main() {
	var wg sync.WaitGroup
	mu.Lock()
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			x++
			mu.Unlock()
		}()
	}
	time.Sleep(time.Millisecond)
	mu.Unlock()
	wg.Wait()
}
`);
    for (const opts of [{}, { proof: true }]) {
      const [told, run] = [explore(p, opts), explore(p, { ...opts, predict: false })];
      expect({ states: told.states, outcomes: told.outcomes }).toEqual({
        states: run.states,
        outcomes: run.outcomes,
      });
    }
  });

  it('a proof search lets main return between two Dones of one goroutine (a WaitGroup nobody waits on)', () => {
    // found by the random programs below (seed 31): moving G7's wg.Done ahead of main's return
    // made G7 end first, so G6, at a Lock G7 never unlocks, was always left stuck, and the
    // clean exit where main returns while G7 is still alive was missed
    const p = compile(`package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var mu sync.Mutex
var x int
var wg, done sync.WaitGroup
var hits atomic.Int64

func main() {
	wg.Add(2)
	done.Add(1)
	go func() {
		defer wg.Done()
		hits.Add(1)
		mu.Lock()
		x = x + 1
		mu.Unlock()
	}()
	go func() {
		defer wg.Done()
		x = x + 1
		mu.Lock()
		done.Done()
	}()
	done.Wait()
	fmt.Println(x, hits.Load())
}
`);
    const full = explore(p, { race: true, reduce: false });
    expect(full.complete).toBe(true);
    expect(outcomes(full)).toContain('exit 0  "1 1\\n"');
    expect(outcomes(explore(p, { race: true, proof: true }))).toEqual(outcomes(full));
  });

  it('on random programs of locks, maps, shared variables, prints, sleeps, wait groups, channels and selects', () => {
    fc.assert(
      fc.property(randomProgram, fc.boolean(), (src, race) => {
        const p = compile(src);
        const full = explore(p, { race, reduce: false, maxStates: 20_000 });
        fc.pre(full.complete);
        const r = explore(p, { race });
        expect(outcomes(r), src).toEqual(outcomes(full));
        expect(outcomes(explore(p, { race, proof: true })), src).toEqual(outcomes(full));
        // the moves told without running them are the moves running them gives
        const run = explore(p, { race, predict: false });
        expect({ states: r.states, outcomes: r.outcomes }, src).toEqual({
          states: run.states,
          outcomes: run.outcomes,
        });
      }),
      { numRuns: 40, seed: 5 },
    );
  }, 60_000);
});

/** Statements a random goroutine is made of (some leave a lock held, some unlock twice). */
const STATEMENTS = [
  'mu.Lock()\n\t\tx = x + 1\n\t\tmu.Unlock()',
  'mu.Lock()',
  'mu.Unlock()',
  'mu2.Lock()\n\t\tmu.Lock()\n\t\tmu.Unlock()\n\t\tmu2.Unlock()',
  'mu.Lock()\n\t\tmu2.Lock()\n\t\tmu2.Unlock()\n\t\tmu.Unlock()',
  'm[1] = x',
  'm[2] = 2',
  '_ = m[1]',
  'x = x + 1',
  'x = len(m)',
  'fmt.Println("x", x)',
  'rw.RLock()\n\t\t_ = m[2]\n\t\trw.RUnlock()',
  'rw.Lock()\n\t\tm[2] = x\n\t\trw.Unlock()',
  'rw.RLock()',
  '_ = mu.TryLock()',
  'time.Sleep(time.Millisecond)',
  'mu.Lock()\n\t\ttime.Sleep(2 * time.Millisecond)\n\t\tmu.Unlock()',
  'runtime.Gosched()',
  'for k := range m {\n\t\t\tfmt.Println(k)\n\t\t}',
  'func() {\n\t\t\tmu.Lock()\n\t\t\tdefer mu.Unlock()\n\t\t\tif x > 1 {\n\t\t\t\tpanic("boom")\n\t\t\t}\n\t\t}()',
  'done.Done()',
  'done.Wait()',
  // each goroutine's own cell (captured), and a global it may be published through
  'own.n = own.n + 1',
  'own.n = x',
  'x = own.n',
  'pub = own',
  'if p := pub; p != nil {\n\t\t\tp.n = p.n + 1\n\t\t}',
  // sync/atomic: on a shared counter (beside plain accesses to it), a typed one, a private one
  'atomic.AddInt64(&a, 1)',
  'a = a + 1',
  'x = int(atomic.LoadInt64(&a))',
  '_ = atomic.CompareAndSwapInt64(&a, 1, 5)',
  'hits.Add(1)',
  'atomic.AddInt64(&own.c, 1)',
  // sync.Once: f touches what others touch, and locks
  'once.Do(func() {\n\t\t\tx = x + 1\n\t\t})',
  'once.Do(func() {\n\t\t\tmu.Lock()\n\t\t\tm[3] = 3\n\t\t\tmu.Unlock()\n\t\t})',
  // sync.Cond on mu: wait (in a loop, or once) for x to grow, and signal it
  'mu.Lock()\n\t\tfor x == 0 {\n\t\t\tcond.Wait()\n\t\t}\n\t\tmu.Unlock()',
  'mu.Lock()\n\t\tcond.Wait()\n\t\tmu.Unlock()',
  'mu.Lock()\n\t\tx = x + 1\n\t\tmu.Unlock()\n\t\tcond.Signal()',
  'cond.Broadcast()',
  // an array's elements: one shared, one written under the lock
  'arr[1] = x',
  'x = arr[1]',
  'mu.Lock()\n\t\tarr[2]++\n\t\tmu.Unlock()',
  // a sync.Map: stores whose order a Range shows
  'sm.Store(x, 1)',
  'sm.LoadOrStore(2, x)',
  'sm.Range(func(k, v any) bool {\n\t\t\tfmt.Println(k, v)\n\t\t\treturn true\n\t\t})',
  // channels: a buffered one (which one goroutine may close), an unbuffered one
  'ch <- x',
  'x = <-ch',
  'close(ch)',
  'x = len(ch)',
  'uc <- 1',
  'if v, ok := <-uc; ok {\n\t\t\tx = v\n\t\t}',
  // select: parked on two channels at once, and a send that does not wait
  'select {\n\t\tcase ch <- x:\n\t\tcase v := <-uc:\n\t\t\tx = v\n\t\t}',
  'select {\n\t\tcase uc <- 2:\n\t\tdefault:\n\t\t\tx = x + 1\n\t\t}',
  // and one whose cases may both be ready (the buffer holds a value, a sender waits)
  'select {\n\t\tcase v := <-ch:\n\t\t\tfmt.Println("ch", v)\n\t\tcase v := <-uc:\n\t\t\tfmt.Println("uc", v)\n\t\tdefault:\n\t\t}',
] as const;

const randomProgram = fc
  .record({
    bodies: fc.array(fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 3 }), {
      minLength: 2,
      maxLength: 3,
    }),
    /** all goroutines start from one `go` statement in a loop (and so run the same code) */
    same: fc.boolean(),
    wait: fc.constantFrom('wg.Wait()', 'done.Wait()', ''),
  })
  .map(({ bodies, same, wait }) => {
    const body = (b: readonly string[]) => `defer wg.Done()\n\t\t_ = own\n\t\t${b.join('\n\t\t')}`;
    const spawn = same
      ? `for i := 0; i < ${bodies.length}; i++ {\n\t\town := &Cell{n: i}\n\t\tgo func() {\n\t\t${body(bodies[0] ?? [])}\n\t\t}()\n\t}`
      : bodies
          .map((b) => `{\n\t\town := &Cell{}\n\t\tgo func() {\n\t\t${body(b)}\n\t\t}()\n\t}`)
          .join('\n\t');
    const text = spawn;
    const imports = [
      'fmt',
      'sync',
      'sync/atomic',
      ...(/\btime\./.test(text) ? ['time'] : []),
    ].concat(text.includes('runtime.') ? ['runtime'] : []);
    return `package main

import (
${imports
  .sort()
  .map((i) => `\t"${i}"`)
  .join('\n')}
)

var mu, mu2 sync.Mutex
var rw sync.RWMutex
var m = map[int]int{}
var x int
var wg, done sync.WaitGroup
var once sync.Once
var cond = sync.NewCond(&mu)
var arr [3]int
var sm sync.Map
var ch = make(chan int, 1)
var uc = make(chan int)
var a int64
var hits atomic.Int64

type Cell struct {
	n int
	c int64
}

var pub *Cell

func main() {
	wg.Add(${bodies.length})
	done.Add(1)
	${spawn}
	${wait}
	fmt.Println(x, len(m), a, hits.Load(), arr)
	if pub != nil {
		fmt.Println(pub.n)
	}
}
`;
  });

describe('the same inputs', () => {
  it.each([
    ['spin.go', {}],
    ['spin.go', { proof: true }],
    ['rwmutex-read-twice.go', { stopOnFailure: true }],
  ] as const)('%s %o: the same states, moves and schedules, run after run', (file, opts) => {
    const p = model(file, 3, 3);
    const [a, b] = [explore(p, opts), explore(p, opts)];
    expect({ states: b.states, transitions: b.transitions, outcomes: b.outcomes }).toEqual({
      states: a.states,
      transitions: a.transitions,
      outcomes: a.outcomes,
    });
  });
});

describe('when a bound stops the search', () => {
  const p = model('spin.go', 3, 2);
  const whole = explore(p);

  it('at the state limit, it says how far every schedule was covered', () => {
    const r = explore(p, { maxStates: 500 });
    expect(r.complete).toBe(false);
    expect(r.states).toBe(500);
    expect(r.cutoff).toMatch(
      /^stopped at 500 states \(the state limit\); every schedule of up to \d+ moves was covered, longer ones were not$/,
    );
  });

  it('at the depth limit, it says which schedules were left out', () => {
    const r = explore(p, { maxDepth: 10 });
    expect(r.complete).toBe(false);
    expect(r.cutoff).toBe('schedules longer than 10 moves were not explored (the depth limit)');
    expect(r.maxDepthReached).toBe(10);
  });

  it('by default, a proof search follows a run of more than 10,000 moves to its end', () => {
    // two goroutines taking a mutex 3,000 times each: some 18,000 moves a run (the
    // catalogue's largest program takes about 10,500)
    const long = lockedCount(2, 3000);
    const r = explore(long, { proof: true, maxStates: 25_000 });
    expect(r.maxDepthReached).toBeGreaterThan(10_000);
    const ends = r.outcomes.filter((o) => o.exit === 0);
    expect(ends.map((o) => o.stdout)).toEqual(['6000 0\n']);
    expect(ends[0]?.schedule.length).toBeGreaterThan(10_000);
  });

  it('at the memory limit, it says so', () => {
    const r = explore(p, { maxMemory: 1 });
    expect(r.complete).toBe(false);
    expect(r.cutoff).toMatch(/^stopped at 0 MB \(the memory limit\), after \d+ states; /);
  });

  it('when asked to stop, it stops', () => {
    let asked = 0;
    const r = explore(p, { shouldStop: () => ++asked > 20 });
    expect(r.complete).toBe(false);
    expect(r.cutoff).toMatch(/^stopped before the search finished; /);
  });

  it('with few machines kept in memory, it replays the rest and finds the same', () => {
    const r = explore(p, { maxFrontier: 2 });
    expect({ states: r.states, outcomes: r.outcomes }).toEqual({
      states: whole.states,
      outcomes: whole.outcomes,
    });
  });

  it('a proof search that keeps no state after a move on its stack works them out again, the same', () => {
    for (const [file, url] of programs) {
      const q = compile(readFileSync(url, 'utf8'), file);
      const kept = explore(q, { proof: true });
      const none = explore(q, { proof: true, maxKeptAfters: 0 });
      expect({ file, states: none.states, outcomes: none.outcomes }).toEqual({
        file,
        states: kept.states,
        outcomes: kept.outcomes,
      });
    }
  });

  it('reports progress as it goes', () => {
    const seen: number[] = [];
    explore(p, { progressEvery: 100, onProgress: (q) => seen.push(q.states) });
    expect(seen.length).toBe(Math.floor(whole.states / 100));
    expect(seen[0]).toBe(100);
  });
});

describe('the visited table', () => {
  it('finds every hash it holds and none it does not, across growth', () => {
    const t = new VisitedTable();
    const key = (i: number): [number, number] => [Math.imul(i, 0x9e3779b1), i ^ 0x5bd1e995];
    let wrong = 0;
    for (let i = 0; i < 100_000; i++) {
      const [a, b] = key(i);
      const at = t.find(a, b);
      if (at >= 0) wrong++;
      const slot = t.insert(a, b, at);
      t.setSleep(slot, i);
    }
    expect(t.size).toBe(100_000);
    for (let i = 0; i < 100_000; i++) {
      const [a, b] = key(i);
      if (t.sleep(t.find(a, b)) !== i || t.find(a, b + 1) >= 0) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('stores the hash (0, 0) like any other (an empty slot is told by its state number)', () => {
    const t = new VisitedTable();
    t.insert(0, 0, t.find(0, 0));
    expect(t.find(0, 0)).toBeGreaterThanOrEqual(0);
    expect(t.find(0, 1)).toBeLessThan(0);
    expect(t.find(1, 0)).toBeLessThan(0);
    expect(t.size).toBe(1);
  });

  it('tells apart hashes whose first words are equal, each with its own data', () => {
    const t = new VisitedTable();
    for (let b = 0; b < 50_000; b++) t.setSleep(t.insert(7, b, t.find(7, b)), b * 3);
    let wrong = 0;
    for (let b = 0; b < 50_000; b++) if (t.sleep(t.find(7, b)) !== b * 3) wrong++;
    expect(wrong).toBe(0);
    expect(t.find(7, 50_000)).toBeLessThan(0);
  });
});

/**
 * Goroutines storing jobs (structs) in one map under a mutex; each deletes one, and reads one
 * back, changes and stores it again (for a moment its stack holds the map's own object).
 */
const JOBS = `package main

import (
	"fmt"
	"sync"
)

type Job struct {
	ID, Name string
	Tries    int
}

func main() {
	jobs := map[string]Job{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				id := fmt.Sprint(g*5 + k)
				mu.Lock()
				jobs[id] = Job{ID: id, Name: "build", Tries: k % 2}
				if k == 3 {
					j := jobs[fmt.Sprint(g*5)]
					j.Tries++
					jobs[j.ID] = j
					delete(jobs, fmt.Sprint(g*5+1))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(jobs))
}
`;

describe('the state hash', () => {
  /** Every state a few random runs of p pass through. */
  function states(p: Program, runs: number): Machine[] {
    const out: Machine[] = [];
    for (let seed = 1; seed <= runs; seed++) {
      const m = new Machine(p);
      for (let i = 0; i < 500 && !m.outcome; i++) {
        out.push(m.fork());
        const r = m.runnable();
        m.step(r[(seed * 7919 + i * 104729) % r.length] as number);
      }
    }
    return out;
  }

  it('without symmetry, tells states apart exactly as the readable key does', () => {
    for (const file of ['rwmutex-read-twice.go', 'lock-order.go', 'spin.go']) {
      const ms = states(model(file, 3, 2), 6);
      const h = new StateHasher(true, false);
      const byKey = new Map<string, string>();
      const byHash = new Map<string, string>();
      for (const m of ms) {
        h.hash(m);
        const hash = `${h.a},${h.b}`;
        const key = stateKey(m);
        expect(byKey.get(key) ?? hash).toBe(hash);
        expect(byHash.get(hash) ?? key).toBe(key);
        byKey.set(key, hash);
        byHash.set(hash, key);
      }
      expect(byKey.size).toBeGreaterThan(50);
    }
  });

  it("hashes a map's entries in key order alike whether or not it kept them from an earlier state", () => {
    // struct values: no order-free sum (their objects are numbered as the walk meets them), so
    // the entries are walked in key order, which the hasher keeps while they cannot change
    const p = compile(JOBS);
    const fresh = (m: Machine, final: boolean) => {
      const h = new StateHasher(false);
      h.hash(m, final);
      return `${h.a},${h.b}`;
    };
    // states that are never stepped again (the explorer's), hashed by one hasher in turn
    const kept = new StateHasher(false);
    const snapshots = states(p, 4);
    for (const m of snapshots) {
      kept.hash(m, true);
      expect(`${kept.a},${kept.b}`).toBe(fresh(m, true));
    }
    // and one machine that goes on changing its map in place between hashes
    const m = new Machine(p);
    for (let i = 0; !m.outcome; i++) {
      kept.hash(m);
      expect(`${kept.a},${kept.b}`).toBe(fresh(m, false));
      const r = m.runnable();
      m.step(r[i % r.length] as number);
    }
    expect(new Set(snapshots.map((s) => fresh(s, true))).size).toBeGreaterThan(100);
  });

  it("tells states apart alike whether or not a map's struct values are hashed as one block", () => {
    // a map of enough structs to make a block (StateHasher.block), one read back (for a
    // moment the goroutine's stack holds the map's own object: no block then), deletes
    const p = compile(JOBS);
    const blocks = new StateHasher(false);
    const plain = new StateHasher(false, true, false);
    const fresh = (m: Machine) => {
      const h = new StateHasher(false);
      h.hash(m, true);
      return `${h.a},${h.b}`;
    };
    const toPlain = new Map<string, string>();
    const toBlocks = new Map<string, string>();
    let differ = 0;
    for (const m of states(p, 6)) {
      blocks.hash(m, true);
      const hb = `${blocks.a},${blocks.b}`;
      plain.hash(m, true);
      const hp = `${plain.a},${plain.b}`;
      // the same partition of the states (a hash of one is a function of the other's)
      expect(toPlain.get(hb) ?? hp).toBe(hp);
      expect(toBlocks.get(hp) ?? hb).toBe(hb);
      toPlain.set(hb, hp);
      toBlocks.set(hp, hb);
      // what the hasher kept from earlier states changes nothing
      expect(hb).toBe(fresh(m));
      if (hb !== hp) differ++;
    }
    // (blocks were made: their words are not the plain walk's)
    expect(differ).toBeGreaterThan(100);
    expect(toPlain.size).toBeGreaterThan(300);
  });

  it('tells apart maps of structs hashed as a block by key, by object, and by who else holds one', () => {
    // variants of one program whose states differ only in a key, in which entry a pointer
    // holds, or in an object changed through a pointer that is then dropped
    const program = (del: string, held: string, bump: number) =>
      compile(`package main

import "fmt"

type Job struct {
	Name  string
	Tries int
}

func main() {
	jobs := map[string]*Job{}
	for i := 0; i < 10; i++ {
		jobs[fmt.Sprint(i)] = &Job{Name: "build"}
	}
	delete(jobs, "${del}")
	p := jobs["${held}"]
	p.Tries += ${bump}
	p = nil
	fmt.Println(len(jobs), p == nil)
}
`);
    // one hasher for every state of every variant, so that what it keeps is used across them
    const h = new StateHasher(false, false);
    const runs: { key: string; hash: string }[][] = [];
    for (const del of ['1', '2'])
      for (const held of ['3', '4'])
        for (const bump of [0, 1]) {
          const m = new Machine(program(del, held, bump));
          const run: { key: string; hash: string }[] = [];
          while (!m.outcome) {
            const snap = m.fork();
            h.hash(snap, true);
            run.push({ key: stateKey(snap), hash: `${h.a},${h.b}` });
            m.step(1);
          }
          runs.push(run);
        }
    let compared = 0;
    for (const x of runs)
      for (const y of runs) {
        expect(y).toHaveLength(x.length);
        for (let i = 0; i < x.length; i++) {
          const [a, b] = [x[i], y[i]] as [
            { key: string; hash: string },
            { key: string; hash: string },
          ];
          // (the same insertions in the same order: the readable key tells them apart exactly)
          expect(a.hash === b.hash, `step ${i}`).toBe(a.key === b.key);
          if (a.key !== b.key) compared++;
        }
      }
    expect(compared).toBeGreaterThan(100);
  });

  it('gives goroutines that swapped places the same hash', () => {
    const p = model('recursive-lock.go', 2, 2);
    const run = (first: number) => {
      const m = new Machine(p);
      while (m.runnable().length === 1) m.step(1);
      // main has started both workers; now one of them takes the lock and updates the store
      while (m.runnable().length < 3) m.step(1);
      for (let i = 0; i < 3; i++) m.step(first);
      return m;
    };
    const [a, b] = [run(6), run(7)];
    expect(stateKey(a)).not.toBe(stateKey(b));
    const h = new StateHasher();
    h.hash(a);
    const ha = [h.a, h.b];
    h.hash(b);
    expect([h.a, h.b]).toEqual(ha);
  });
});

describe('a forked machine', () => {
  const objects = (h: Machine['h']): unknown[] => {
    const all: unknown[] = [];
    h.forEach((o, id) => all.push([id, o]));
    return all;
  };

  it('has every field the machine it came from has, with the same values', () => {
    const m = new Machine(model('spin.go', 2, 2));
    for (let i = 0; i < 20; i++) m.step(m.runnable()[0] as number);
    const f = m.fork();
    expect(Object.keys(f)).toEqual(Object.keys(m));
    for (const k of Object.keys(m) as (keyof Machine)[]) {
      // the heap's objects, not who may write its chunks in place (a fork owns none of them)
      if (k === 'h') expect(objects(f.h)).toEqual(objects(m.h));
      else if (k === 'gs') expect(f[k]).toEqual(m[k]);
      else if (k !== 'ep' && k !== 'events') expect(f[k], k).toBe(m[k]);
    }
  });
  it('keeps what it writes to stderr, the logger and GOMAXPROCS from the machine it came from', () => {
    const p = compile(`package main

import (
	"fmt"
	"log"
	"runtime"
)

func main() {
	fmt.Println("before")
	log.SetPrefix("x: ")
	runtime.GOMAXPROCS(1)
	log.Print("logged")
	panic("boom")
}
`);
    const written = (x: Machine) => ({
      stderr: x.stderr,
      order: x.outputOrder,
      logger: x.logger,
      procs: x.procs,
    });
    const m = new Machine(p);
    while (!m.stdout) m.step(m.runnable()[0] as number);
    const before = written(m);
    const f = m.fork();
    while (!f.outcome) f.step(f.runnable()[0] as number);
    expect(f.stderr).toMatch(/^x: .* logged\n/);
    expect(f.stderr).toContain('panic: boom');
    expect(f.logger.prefix).toBe('x: ');
    expect(f.procs).toBe(1);
    // the machine it came from is as it was, and then runs the same way on its own
    expect(written(m)).toEqual(before);
    while (!m.outcome) m.step(m.runnable()[0] as number);
    expect(m.stderr).toBe(f.stderr);
    expect(m.outputOrder).toEqual(f.outputOrder);
    expect(m.runtimeReport).toBe(f.runtimeReport);
  });
});
