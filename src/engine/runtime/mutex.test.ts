/**
 * sync.Mutex, situation by situation, against Go's sync/mutex.go: the fast path, the slow
 * path's sub-steps, the FIFO queue, barging, the woken waiter that lost going back to the
 * head, starvation mode, TryLock, misuse, copies and contexts.
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../testing/driver';
import { compileGo } from '..';
import { explore } from '../explore/explore';

const contended = `package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex
var wg sync.WaitGroup

func worker(name string) {
	mu.Lock()
	fmt.Println(name)
	mu.Unlock()
	wg.Done()
}

func main() {
	wg.Add(3)
	mu.Lock()
	go worker("a")
	go worker("b")
	go worker("c")
	mu.Unlock()
	wg.Wait()
}
`;

/** main holds mu and has started g6, g7 and g8, none of which has run yet */
const started = () => sim(contended).runTo(1, 'mu.Unlock()');

describe('when nobody holds mu and g1 asks for it', () => {
  it('takes it on the fast path in a single step', () => {
    sim(contended)
      .run(1)
      .expectAlive()
      .run(1)
      .expectHolder('mu', 1)
      .expectEvent({ t: 'acquire', g: 1, mode: 'lock', barged: false, handoff: false })
      .expectQueue('mu', []);
  });
});

describe('when g1 holds mu and g6 asks for it', () => {
  it('g6 tries, then joins the queue, then acquires when woken: three sub-steps', () => {
    const s = started().expectHolder('mu', 1);
    s.run(6)
      .expectEvent({ t: 'try', g: 6, ok: false })
      .expectRunnable(6)
      .expectNext(6, /mu\.Lock: join the wait queue/)
      .run(6)
      .expectBlocked(6, 'sync.Mutex.Lock')
      .expectEvent({ t: 'block', g: 6, reason: 'sync.Mutex.Lock', holders: [1] })
      .expectQueue('mu', [6])
      .run(1)
      .expectEvent({ t: 'wake', g: 6, by: 1 })
      .expectRunnable(6)
      .expectNext(6, /mu\.Lock: woken, try again/)
      .expectQueue('mu', [])
      .expectHolder('mu', 0)
      .run(6)
      .expectHolder('mu', 6)
      .expectEvent({ t: 'acquire', g: 6, barged: false });
  });

  it('g6 may unlock a mutex that g1 locked: a Mutex has no owner', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	wg.Add(1)
	go func() {
		mu.Unlock()
		wg.Done()
	}()
	wg.Wait()
	mu.Lock()
	fmt.Println("relocked")
}
`;
    sim(src).runToEnd().expectOutcome(0, '').expectStdout('relocked\n');
  });
});

describe('when g1 locks mu twice', () => {
  it('blocks itself forever: Mutex is not reentrant', () => {
    const src = `package main

import "sync"

func main() {
	var mu sync.Mutex
	mu.Lock()
	mu.Lock()
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(2, 'fatal error: all goroutines are asleep - deadlock!')
      .expectStderr(/goroutine 1 \[sync\.Mutex\.Lock\]:/);
  });
});

describe('when g6, g7 and g8 queue for mu in that order', () => {
  it('unlocks wake them first in, first out', () => {
    const s = started().runUntilBlocked(6).runUntilBlocked(7).runUntilBlocked(8);
    s.expectQueue('mu', [6, 7, 8]).run(1).expectQueue('mu', [7, 8]).expectRunnable(6);
    s.expectBlocked(7).expectBlocked(8).runToEnd().expectStdout('a\nb\nc\n').expectOutcome(0);
  });

  it('unlock wakes only the head, and only one waiter until it has tried', () => {
    started()
      .runUntilBlocked(6)
      .runUntilBlocked(7)
      .run(1)
      .expectRunnable(6)
      .expectBlocked(7, 'sync.Mutex.Lock')
      .check((s) => expect(s.mutex('mu').woken).toBe(true));
  });
});

describe('when g1 unlocks mu with g6 queued and g7 arrives before g6 runs', () => {
  /** g6 and g8 wait (in that order), g1 unlocks and wakes g6; g7 has not yet tried */
  const woken = () => started().runUntilBlocked(6).runUntilBlocked(8).run(1);

  it('g7 barges in and takes the lock in one step', () => {
    woken()
      .expectRunnable(6)
      .run(7)
      .expectHolder('mu', 7)
      .expectEvent({ t: 'acquire', g: 7, barged: true });
  });

  it('g6, woken but beaten, goes back to the head of the queue, not the tail', () => {
    woken()
      .run(7)
      .expectQueue('mu', [8])
      .run(6)
      .expectBlocked(6, 'sync.Mutex.Lock')
      .expectEvent({ t: 'requeue', g: 6, overtakenBy: 7 })
      .expectQueue('mu', [6, 8])
      .check((s) => expect(s.mutex('mu').starving).toBe(false));
  });

  it('if g7 unlocks before g6 runs, no second waiter is woken, and g6 gets mu', () => {
    woken()
      .run(7)
      .runTo(7, 'mu.Unlock()')
      .run(7)
      .expectBlocked(8, 'sync.Mutex.Lock')
      .expectQueue('mu', [8])
      .run(6)
      .expectHolder('mu', 6)
      .expectEvent({ t: 'acquire', g: 6, barged: false, handoff: false });
  });

  it('the next unlock wakes g6 again, before g8', () => {
    woken()
      .run(7)
      .run(6)
      .runTo(7, 'mu.Unlock()')
      .run(7)
      .expectRunnable(6)
      .expectBlocked(8)
      .runToEnd()
      .expectStdout('b\na\nc\n');
  });
});

const starving = `package main

import (
	"fmt"
	"sync"
	"time"
)

var mu sync.Mutex
var wg sync.WaitGroup

func waiter(name string) {
	mu.Lock()
	fmt.Println(name, "in")
	mu.Unlock()
	wg.Done()
}

func main() {
	wg.Add(3)
	mu.Lock()
	go waiter("old")
	time.Sleep(2 * time.Millisecond)
	go waiter("barger")
	mu.Unlock()
	go waiter("newcomer")
	fmt.Println("TryLock:", mu.TryLock())
	wg.Wait()
}
`;

describe('when g6 has waited more than 1 ms for mu', () => {
  /** g6 queued at 0 ns; main slept 2 ms holding mu, started g7 and unlocked, waking g6 */
  const longWait = () =>
    sim(starving)
      .runTo(1, 'time.Sleep')
      .runUntilBlocked(6)
      .runTo(1, 'mu.Unlock()')
      .check((s) => expect(s.now).toBe(2_000_000))
      .run(1)
      .expectRunnable(6);

  it('takes mu normally if nobody beat it: starvation needs the lock to be held', () => {
    longWait()
      .run(6)
      .expectHolder('mu', 6)
      .check((s) => expect(s.mutex('mu').starving).toBe(false));
  });

  it('switches mu to starvation mode when a barger beat it, and goes back to the head', () => {
    longWait()
      .run(7)
      .expectHolder('mu', 7)
      .run(6)
      .expectEvent({ t: 'starvation', on: true })
      .expectBlocked(6, 'sync.Mutex.Lock')
      .expectQueue('mu', [6])
      .check((s) => expect(s.mutex('mu').starving).toBe(true));
  });

  describe('and mu is in starvation mode', () => {
    /** g7 holds mu, g6 heads the queue, mu is starving */
    const starvingMu = () => longWait().run(7).run(6);

    it('a newcomer does not try to take it but queues at the tail', () => {
      starvingMu()
        .run(1)
        .runUntilBlocked(8)
        .expectQueue('mu', [6, 8])
        .check((s) =>
          expect(s.log).not.toContainEqual(expect.objectContaining({ t: 'acquire', g: 8 })),
        );
    });

    it('Unlock hands mu straight to the head: a newcomer cannot take it in between', () => {
      starvingMu()
        .runTo(7, 'mu.Unlock()')
        .run(7)
        .expectHolder('mu', 6)
        .expectRunnable(6)
        .run(1)
        .run(8)
        .run(8)
        .expectBlocked(8, 'sync.Mutex.Lock')
        .expectQueue('mu', [8])
        .run(6)
        .expectEvent({ t: 'acquire', g: 6, handoff: true })
        .expectHolder('mu', 6);
    });

    it('TryLock returns false, even at the moment mu is being handed over', () => {
      starvingMu()
        .runTo(7, 'mu.Unlock()')
        .run(7)
        .runPast(1, 'TryLock')
        .expectStdout('barger in\nTryLock: false\n')
        .expectQueue('mu', []);
    });

    it('stays starving while the waiter that got it waited > 1 ms and others wait', () => {
      starvingMu()
        .run(1)
        .runUntilBlocked(8)
        .runTo(7, 'mu.Unlock()')
        .run(7)
        .run(6)
        .check((s) => expect(s.mutex('mu').starving).toBe(true))
        .expectQueue('mu', [8]);
    });

    it('leaves starvation mode when the waiter that got it waited under 1 ms', () => {
      starvingMu()
        .run(1)
        .runUntilBlocked(8)
        .runTo(7, 'mu.Unlock()')
        .run(7)
        .run(6)
        .runTo(6, 'mu.Unlock()')
        .run(6)
        .expectHolder('mu', 8)
        .run(8)
        .expectEvent({ t: 'starvation', on: false })
        .check((s) => expect(s.mutex('mu').starving).toBe(false))
        .runToEnd()
        .expectStdout('barger in\nold in\nnewcomer in\nTryLock: false\n')
        .expectOutcome(0);
    });

    it('leaves starvation mode when the waiter that got it was the last one', () => {
      starvingMu()
        .runTo(7, 'mu.Unlock()')
        .run(7)
        .run(6)
        .expectEvent({ t: 'starvation', on: false })
        .check((s) => expect(s.mutex('mu').starving).toBe(false));
    });
  });
});

describe('when g1 holds mu and g6 calls TryLock', () => {
  it('gets false without blocking or queuing', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	wg.Add(1)
	go func() {
		fmt.Println(mu.TryLock())
		wg.Done()
	}()
	wg.Wait()
	mu.Unlock()
	fmt.Println(mu.TryLock())
}
`;
    sim(src)
      .runTo(1, 'wg.Wait')
      .run(6)
      .expectRunnable(6)
      .expectQueue('mu', [])
      .expectEvent({ t: 'try', g: 6, ok: false })
      .runToEnd()
      .expectStdout('false\ntrue\n');
  });
});

describe('when a goroutine unlocks a mutex nobody holds', () => {
  const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	var mu sync.Mutex
	mu.Unlock()
}
`;

  it('dies with a fatal error that recover cannot catch', () => {
    sim(src)
      .runToEnd()
      .expectOutcome(2, 'fatal error: sync: unlock of unlocked mutex')
      .expectStderr(/^fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 \[running\]:\n/)
      .expectStdout('')
      .check((s) => expect(s.m.outcome?.kind).toBe('fatal'));
  });
});

describe('when a locked mutex is copied', () => {
  it('the copy starts out locked, and is independent of the original', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu sync.Mutex
	n  int
}

func main() {
	var a Store
	a.mu.Lock()
	b := a
	fmt.Println(b.mu.TryLock())
	b.mu.Unlock()
	fmt.Println(b.mu.TryLock())
	fmt.Println(a.mu.TryLock())
	a.mu.Unlock()
	fmt.Println(a.mu.TryLock())
}
`;
    sim(src).runToEnd().expectOutcome(0).expectStdout('false\ntrue\nfalse\ntrue\n');
  });
});

describe('when g6 waits in Lock and its context is cancelled', () => {
  it('keeps waiting, gets mu later, and only then sees ctx.Err()', () => {
    const src = `package main

import (
	"context"
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	mu.Lock()
	wg.Add(1)
	go func() {
		mu.Lock()
		fmt.Println("locked; ctx:", ctx.Err())
		mu.Unlock()
		wg.Done()
	}()
	cancel()
	mu.Unlock()
	wg.Wait()
}
`;
    sim(src)
      .runTo(1, 'cancel()')
      .runUntilBlocked(6)
      .runTo(1, 'mu.Unlock()')
      .expectLogged({ t: 'cancel', err: 'context canceled' })
      .expectBlocked(6, 'sync.Mutex.Lock')
      .run(1)
      .expectRunnable(6)
      .run(6)
      .expectHolder('mu', 6)
      .runToEnd()
      .expectStdout('locked; ctx: context canceled\n')
      .expectOutcome(0);
  });
});

describe('when the waiter handed a starving mu waited exactly 1 ms and another still waits', () => {
  // Go (sync/mutex.go) leaves starvation mode unless the waiter waited *more than* 1 ms:
  // `starving = starving || now-waitStartTime > starvationThresholdNs`, then
  // `if !starving || old>>mutexWaiterShift == 1 { delta -= mutexStarving }`.
  const src = `package main

import (
	"fmt"
	"sync"
	"time"
)

var mu sync.Mutex
var wg sync.WaitGroup

func waiter(name string, hold time.Duration) {
	mu.Lock()
	fmt.Println(name, "in")
	time.Sleep(hold)
	mu.Unlock()
	wg.Done()
}

func main() {
	wg.Add(4)
	mu.Lock()
	go waiter("old", time.Millisecond)
	time.Sleep(2 * time.Millisecond)
	go waiter("barger", 0)
	mu.Unlock()
	go waiter("exact", 0)
	go waiter("last", 0)
	wg.Wait()
}
`;

  it('mu leaves starvation mode (the waiter was not starving)', () => {
    sim(src)
      .runTo(1, 'time.Sleep')
      .runUntilBlocked(6)
      .runTo(1, 'mu.Unlock()')
      .run(1)
      .run(7)
      .run(6)
      .check((s) => expect(s.mutex('mu').starving).toBe(true))
      .runTo(1, 'go waiter("exact", 0)')
      .run(1)
      .runUntilBlocked(8)
      .run(1)
      .runUntilBlocked(9)
      .expectQueue('mu', [6, 8, 9])
      .runTo(7, 'mu.Unlock()')
      .run(7)
      .run(6)
      .runUntilBlocked(6)
      .expectSleeping(6)
      .runUntilBlocked(1)
      .runUntilBlocked(7)
      .check((s) => expect(s.now).toBe(3_000_000))
      .runTo(6, 'mu.Unlock()')
      .run(6)
      .expectHolder('mu', 8)
      .expectQueue('mu', [9])
      .run(8)
      .expectEvent({ t: 'acquire', g: 8, handoff: true })
      .check((s) => expect(s.mutex('mu').starving).toBe(false));
  });
});

describe('when g6 asks for mu through an interface (a Locker) while g1 holds it', () => {
  it('g6 waits in the queue and gets mu when it is unlocked, as a direct Lock would', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

type Locker interface {
	Lock()
	Unlock()
}

var mu sync.Mutex
var l Locker = &mu
var wg sync.WaitGroup

func main() {
	wg.Add(1)
	l.Lock()
	go func() {
		l.Lock()
		fmt.Println("g6 has mu")
		l.Unlock()
		wg.Done()
	}()
	l.Unlock() // main
	wg.Wait()
}
`;
    sim(src)
      .runTo(1, 'l.Unlock() // main')
      .runUntilBlocked(6)
      .expectBlocked(6, 'sync.Mutex.Lock')
      .expectQueue('mu', [6])
      .runPast(1, 'l.Unlock() // main')
      .expectRunnable(6)
      .expectQueue('mu', [])
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('g6 has mu\n');
  });
});

describe('when g1 prints a value whose String method locks mu, and g6 holds mu', () => {
  const src = `package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.Mutex
	jobs map[string]int
}

func (s *Store) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprint(len(s.jobs), " jobs")
}

func main() {
	s := &Store{jobs: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.mu.Lock()
		s.jobs["a"] = 1
		s.mu.Unlock() // g6
	}()
	fmt.Println("store:", s)
	wg.Wait()
}
`;
  it('the print waits in Lock with it, then prints what String returns once mu is free', () => {
    sim(src)
      .runTo(1, 'fmt.Println("store:", s)')
      .runTo(6, 's.mu.Unlock() // g6')
      .runUntilBlocked(1)
      .expectBlocked(1, 'sync.Mutex.Lock')
      .expectQueue('mu', [1])
      .expectStdout('')
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('store: 1 jobs\n');
  });

  it('every schedule prints 0 or 1 jobs, as Go does: none fails', () => {
    const c = compileGo(src);
    if (!c.ok) throw new Error('compile');
    for (const reduce of [true, false]) {
      const r = explore(c.program, { reduce });
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => [o.exit, o.stdout]).sort()).toEqual([
        [0, 'store: 0 jobs\n'],
        [0, 'store: 1 jobs\n'],
      ]);
    }
  });

  it('a String that waits and then panics is printed as fmt catches it, in every schedule', () => {
    // the same program, String panicking once the store holds a job: the panic ends the
    // method after it waited in Lock (its deferred Unlock runs), and fmt prints it
    const panics = src.replace(
      '\treturn fmt.Sprint(len(s.jobs), " jobs")',
      '\tif len(s.jobs) > 0 {\n\t\tpanic("not empty")\n\t}\n\treturn fmt.Sprint(len(s.jobs), " jobs")',
    );
    expect(panics).not.toBe(src);
    sim(panics)
      .runTo(1, 'fmt.Println("store:", s)')
      .runTo(6, 's.mu.Unlock() // g6')
      .runUntilBlocked(1)
      .expectBlocked(1, 'sync.Mutex.Lock')
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('store: %!v(PANIC=String method: not empty)\n');
    const c = compileGo(panics);
    if (!c.ok) throw new Error('compile');
    for (const reduce of [true, false]) {
      const r = explore(c.program, { reduce });
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => [o.exit, o.stdout]).sort()).toEqual([
        [0, 'store: %!v(PANIC=String method: not empty)\n'],
        [0, 'store: 0 jobs\n'],
      ]);
    }
  });
});
