/**
 * "Use RWMutex for read-heavy workloads", measured: the same workload (readers and writers
 * in a chosen ratio) against a bare map, a Mutex and an RWMutex, under the same seed. Each
 * read takes 1 ms and each write 2 ms of virtual time inside the critical section.
 */
import { compileGo, Machine, Scheduler } from '../engine';

export type Guard = 'none' | 'mutex' | 'rwmutex';

export interface Workload {
  readonly readers: number;
  readonly writers: number;
  readonly seed: number;
}

export interface CompareResult {
  readonly guard: Guard;
  readonly crashed: boolean;
  readonly first: string;
  readonly ops: number;
  /** virtual nanoseconds until the program ended */
  readonly time: number;
  /** operations per virtual second */
  readonly throughput: number;
  /** virtual nanoseconds goroutines spent blocked on the lock, summed */
  readonly wait: number;
  readonly steps: number;
}

const LOCKS: Record<Guard, { decl: string; r: string; w: string }> = {
  none: { decl: '', r: '', w: '' },
  mutex: {
    decl: 'mu sync.Mutex',
    r: 's.mu.Lock()\n\tdefer s.mu.Unlock()',
    w: 's.mu.Lock()\n\tdefer s.mu.Unlock()',
  },
  rwmutex: {
    decl: 'mu sync.RWMutex',
    r: 's.mu.RLock()\n\tdefer s.mu.RUnlock()',
    w: 's.mu.Lock()\n\tdefer s.mu.Unlock()',
  },
};

/** The workload as a Go program (shown to the learner, and run). */
export function workloadSource(guard: Guard, w: Workload): string {
  const l = LOCKS[guard];
  return `package main

import (
	"fmt"
	"sync"
	"time"
)

type Store struct {
	${l.decl}
	jobs map[string]int
}

func (s *Store) Get(id string) int {
	${l.r}
	time.Sleep(time.Millisecond) // reading takes 1 ms
	return s.jobs[id]
}

func (s *Store) Put(id string, v int) {
	${l.w}
	time.Sleep(2 * time.Millisecond) // writing takes 2 ms
	s.jobs[id] = v
}

func main() {
	s := &Store{jobs: map[string]int{"a": 0}}
	var wg sync.WaitGroup
	for i := 0; i < ${w.readers}; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); s.Get("a") }()
	}
	for i := 0; i < ${w.writers}; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); s.Put("a", i) }()
	}
	wg.Wait()
	fmt.Println("done")
}
`.replace(/\n\t\n/g, '\n');
}

export function runWorkload(guard: Guard, w: Workload): CompareResult {
  const c = compileGo(workloadSource(guard, w));
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  const m = new Machine(c.program, { seed: w.seed });
  const s = new Scheduler('random');
  let wait = 0;
  while (!m.outcome) {
    const before = m.now;
    const blocked = m.gs.filter((g) => g.st === 'blocked' && g.reason !== 'semacquire').length;
    m.step(s.pick(m));
    // time only moves when every goroutine waits: charge it to those waiting for the lock
    if (m.now > before) wait += (m.now - before) * blocked;
  }
  const ops = w.readers + w.writers;
  const crashed = m.outcome.code !== 0;
  return {
    guard,
    crashed,
    first: m.outcome.first,
    ops,
    time: m.now,
    throughput: crashed || m.now === 0 ? 0 : (ops * 1e9) / m.now,
    wait,
    steps: m.steps,
  };
}

export function compare(w: Workload): CompareResult[] {
  return (['none', 'mutex', 'rwmutex'] as const).map((g) => runWorkload(g, w));
}
