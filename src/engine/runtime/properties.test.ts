/**
 * Properties over random schedules (fast-check prints the seed and the shrunk schedule on
 * failure): runs are deterministic and replayable, and after every single step the locks and
 * queues are in a state Go's could be in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runProgram, type Program } from '../index';
import { compile, lineOf } from '../testing/driver';
import { Machine } from './machine';
import { K, RWMUTEX_MAX_READERS, type Obj } from './values';

const NUM_RUNS = 60;
const MAX_STEPS = 5_000;

const mutexSrc = `package main

import (
	"fmt"
	"sync"
	"time"
)

var mu sync.Mutex
var wg sync.WaitGroup
var n int

func worker(id int) {
	for i := 0; i < 2; i++ {
		mu.Lock()
		n++
		if id == 0 {
			time.Sleep(2 * time.Millisecond)
		}
		mu.Unlock()
	}
	wg.Done()
}

func main() {
	wg.Add(3)
	for i := 0; i < 3; i++ {
		go worker(i)
	}
	wg.Wait()
	fmt.Println(n)
}
`;

const rwSrc = `package main

import (
	"fmt"
	"sync"
	"time"
)

var rw sync.RWMutex
var wg sync.WaitGroup
var x int

func reader() {
	seen := 0
	for i := 0; i < 2; i++ {
		rw.RLock()
		seen += x
		rw.RUnlock()
	}
	_ = seen
	wg.Done()
}

func writer() {
	for i := 0; i < 2; i++ {
		rw.Lock()
		x++
		time.Sleep(time.Millisecond)
		rw.Unlock()
	}
	wg.Done()
}

func main() {
	wg.Add(4)
	go reader()
	go writer()
	go reader()
	go writer()
	wg.Wait()
	fmt.Println(x)
}
`;

const lockedMapSrc = `package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.Mutex
	m    map[string]int
	lock sync.RWMutex
	r    map[string]int
}

func (s *Store) Put(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}

func (s *Store) Sum() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := 0
	for _, v := range s.m {
		t += v
	}
	return t + len(s.m)
}

func (s *Store) Drop(k string) {
	s.mu.Lock()
	delete(s.m, k)
	s.mu.Unlock()
}

func (s *Store) Set(k string, v int) {
	s.lock.Lock()
	s.r[k] = v
	s.lock.Unlock()
}

func (s *Store) Get(k string) int {
	s.lock.RLock()
	defer s.lock.RUnlock()
	return s.r[k]
}

func main() {
	s := &Store{m: map[string]int{}, r: map[string]int{"a": 1}}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := fmt.Sprint("k", i)
			s.Put(k, i)
			s.Set(k, s.Get("a")+i)
			_ = s.Sum()
			s.Drop(k)
			_ = s.Get(k)
		}()
	}
	wg.Wait()
	fmt.Println(s.Sum(), s.Get("a"))
}
`;

const unlockedMapSrc = `package main

import (
	"fmt"
	"sync"
)

func main() {
	m := map[string]int{"a": 1}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[fmt.Sprint("k", i)] = i
			for k := range m {
				_ = k
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(m))
}
`;

const programs = {
  mutex: compile(mutexSrc),
  rwmutex: compile(rwSrc),
  lockedMap: compile(lockedMapSrc),
  unlockedMap: compile(unlockedMapSrc),
};
type Name = keyof typeof programs;
const names = Object.keys(programs) as Name[];

/** Choices drawn by fast-check, mapped onto whichever goroutines can run at each step. */
const choices = fc.array(fc.nat({ max: 1_000 }), { minLength: 1, maxLength: 200 });

interface Run {
  readonly m: Machine;
  /** the goroutine chosen at each step where several could run (a replayable schedule) */
  readonly schedule: number[];
}

/** Run p to its end, picking goroutines by `picks`, calling `each` after every step. */
function runWith(
  p: Program,
  picks: readonly number[],
  seed: number,
  each: (m: Machine) => void = () => {},
  race = false,
): Run {
  const m = new Machine(p, { seed, race });
  const schedule: number[] = [];
  for (let i = 0; !m.outcome; i++) {
    if (i >= MAX_STEPS) throw new Error(`no end within ${MAX_STEPS} steps`);
    const r = m.runnable();
    const g = r[(picks[i % picks.length] ?? 0) % r.length] as number;
    if (r.length > 1) schedule.push(g);
    m.step(g);
    each(m);
  }
  return { m, schedule };
}

function objects(m: Machine): Obj[] {
  return [...m.h];
}

/** Which queues goroutine g sits in, as object ids (an id twice if it is in two of one object's). */
function queuesHolding(m: Machine, g: number): number[] {
  const out: number[] = [];
  for (const [id, o] of [...m.h].entries()) {
    const qs =
      o.k === K.Mutex || o.k === K.WaitGroup
        ? [o.q]
        : o.k === K.RWMutex
          ? [o.readerQ, o.writerQ]
          : [];
    for (const q of qs) for (const x of q) if (x === g) out.push(id);
  }
  return out;
}

function checkQueues(m: Machine): void {
  for (const g of m.gs) {
    const qs = queuesHolding(m, g.id);
    if (g.st === 'blocked') expect({ g: g.id, queues: qs.length }).toEqual({ g: g.id, queues: 1 });
    else expect({ g: g.id, st: g.st, queues: qs }).toEqual({ g: g.id, st: g.st, queues: [] });
  }
}

function checkLocks(m: Machine): void {
  for (const o of objects(m)) {
    if (o.k === K.Mutex) {
      expect({ locked: o.locked, held: o.holder !== 0 }).toEqual({
        locked: o.locked,
        held: o.locked,
      });
      if (o.starving) expect(o.locked).toBe(true);
      expect(new Set(o.q).size).toBe(o.q.length);
      if (o.holder !== 0) expect(o.q).not.toContain(o.holder);
    }
    if (o.k === K.RWMutex) {
      if (o.writer !== 0) expect(o.readers).toEqual([]);
      const pendingReaders = m.gs.filter(
        (g) => g.st === 'runnable' && /RLock: wait for the writer/.test(m.nextStep(g.id).label),
      ).length;
      // readerCount counts every reader that has arrived: holding, queued, or between its
      // increment and its semaphore wait (a wake-up meant for it may be banked in readerSem)
      const counted = o.readerCount < 0 ? o.readerCount + RWMUTEX_MAX_READERS : o.readerCount;
      expect(counted).toBe(o.readers.length + o.readerQ.length + pendingReaders);
      expect(o.readerSem).toBeLessThanOrEqual(pendingReaders);
    }
  }
}

/** Goroutines whose next step lies in (from, to]: inside a critical section. */
function inside(m: Machine, from: number, to: number): number[] {
  return m.gs
    .filter((g) => g.fr.length > 0 && g.st !== 'done')
    .filter((g) => {
      const line = m.nextStep(g.id).pos.line;
      return line > from && line <= to;
    })
    .map((g) => g.id);
}

function lockNamed(m: Machine, kind: K.Mutex | K.RWMutex, name: string): Obj {
  const o = objects(m).find((x) => x.k === kind && x.name === name);
  if (!o) throw new Error(`no ${name}`);
  return o;
}

describe('determinism', () => {
  it('the same seed gives the same bytes and the same schedule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), fc.boolean(), (name, seed, race) => {
        const a = runProgram(programs[name], { seed, race });
        const b = runProgram(programs[name], { seed, race });
        expect(b.stdout).toBe(a.stdout);
        expect(b.stderr).toBe(a.stderr);
        expect(b.outcome).toEqual(a.outcome);
        expect(b.schedule).toEqual(a.schedule);
        expect(b.steps).toBe(a.steps);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("replaying a run's schedule reproduces it byte for byte", () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), choices, fc.nat(), (name, picks, seed) => {
        const { m, schedule } = runWith(programs[name], picks, seed);
        const r = runProgram(programs[name], { seed, schedule, policy: 'roundrobin' });
        expect(r.stdout).toBe(m.stdout);
        expect(r.stderr).toBe(m.stderr);
        expect(r.outcome).toEqual(m.outcome);
        expect(r.steps).toBe(m.steps);
        expect(r.schedule).toEqual(schedule);
        expect(r.machine.now).toBe(m.now);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a fork stepped the same way as its original ends the same way', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), choices, fc.nat({ max: 40 }), (name, picks, at) => {
        const m = new Machine(programs[name], { seed: 1 });
        for (let i = 0; i < at && !m.outcome; i++) {
          const r = m.runnable();
          m.step(r[(picks[i % picks.length] ?? 0) % r.length] as number);
        }
        const f = m.fork();
        const rest = picks.slice().reverse();
        for (const x of [m, f])
          for (let i = 0; !x.outcome; i++) {
            if (i >= MAX_STEPS) throw new Error('no end');
            const r = x.runnable();
            x.step(r[(rest[i % rest.length] ?? 0) % r.length] as number);
          }
        expect(f.stdout).toBe(m.stdout);
        expect(f.stderr).toBe(m.stderr);
        expect(f.outcome).toEqual(m.outcome);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('invariants after every step', () => {
  it('a Mutex is locked iff held, by at most one goroutine inside its critical section', () => {
    const from = lineOf(mutexSrc, 'mu.Lock()');
    const to = lineOf(mutexSrc, 'mu.Unlock()');
    fc.assert(
      fc.property(choices, (picks) => {
        const { m } = runWith(programs.mutex, picks, 1, (m) => {
          checkLocks(m);
          const mu = lockNamed(m, K.Mutex, 'mu');
          const in_ = inside(m, from, to);
          expect(in_.length).toBeLessThanOrEqual(1);
          if (in_.length === 1 && mu.k === K.Mutex) {
            expect(mu.locked).toBe(true);
            expect(mu.holder).toBe(in_[0]);
          }
        });
        expect(m.outcome?.code).toBe(0);
        expect(m.stdout).toBe('6\n');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('readers and a writer never hold an RWMutex together', () => {
    const rFrom = lineOf(rwSrc, 'rw.RLock()');
    const rTo = lineOf(rwSrc, 'rw.RUnlock()');
    const wFrom = lineOf(rwSrc, 'rw.Lock()');
    const wTo = lineOf(rwSrc, 'rw.Unlock()');
    fc.assert(
      fc.property(choices, (picks) => {
        const { m } = runWith(programs.rwmutex, picks, 1, (m) => {
          checkLocks(m);
          const rw = lockNamed(m, K.RWMutex, 'rw');
          const readers = inside(m, rFrom, rTo);
          const writers = inside(m, wFrom, wTo);
          expect(writers.length).toBeLessThanOrEqual(1);
          if (writers.length > 0) expect(readers).toEqual([]);
          if (rw.k !== K.RWMutex) return;
          for (const r of readers) expect(rw.readers).toContain(r);
          if (writers.length === 1) expect(rw.writer).toBe(writers[0]);
        });
        expect(m.outcome?.code).toBe(0);
        expect(m.stdout).toBe('4\n');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a blocked goroutine sits in exactly one queue, and a runnable one in none', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), choices, (name, picks) => {
        runWith(programs[name], picks, 1, checkQueues);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the runnable list is the goroutines that can run, in id order, in a machine and its forks', () => {
    // the machine keeps the list as goroutines change state (shared with its forks until one
    // changes it) instead of scanning every goroutine at every step: checked against a scan
    const scan = (m: Machine) => m.gs.filter((g) => g.st === 'runnable').map((g) => g.id);
    const agrees = (m: Machine) => {
      const ids = scan(m);
      expect(m.runnable()).toEqual(ids);
      expect(m.runnableCount).toBe(ids.length);
      ids.forEach((id, k) => expect(m.nthRunnable(k)).toBe(id));
      for (const g of m.gs) expect(m.isRunnable(g.id)).toBe(g.st === 'runnable');
    };
    fc.assert(
      fc.property(fc.constantFrom(...names), choices, fc.nat(), (name, picks, seed) => {
        let n = 0;
        runWith(programs[name], picks, seed, (m) => {
          agrees(m);
          if (m.outcome || n++ % 5 !== 0) return;
          // a fork that goes another way changes its own list, not the original's
          const before = m.runnable();
          const f = m.fork();
          const r = f.runnable();
          f.step(r[(picks[n % picks.length] ?? 0) % r.length] as number);
          agrees(f);
          expect(m.runnable()).toEqual(before);
          agrees(m);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('with a lock around every map access no schedule ever throws', () => {
    fc.assert(
      fc.property(choices, fc.nat(), (picks, seed) => {
        const { m } = runWith(programs.lockedMap, picks, seed, checkLocks);
        expect(m.stderr).toBe('');
        expect(m.outcome?.kind).toBe('exit');
        expect(m.stdout).toBe('0 1\n');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('without the lock some schedule does throw (so the property above has teeth)', () => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(choices, (picks) => {
        outcomes.add(runWith(programs.unlockedMap, picks, 1).m.outcome?.first ?? '');
      }),
      { numRuns: NUM_RUNS * 2 },
    );
    expect([...outcomes].some((f) => f.startsWith('fatal error: concurrent map'))).toBe(true);
  });
});
