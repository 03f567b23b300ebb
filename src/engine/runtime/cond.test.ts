/**
 * sync.Cond as Go 1.23's sync/cond.go and runtime/sema.go's notifyList: Wait takes a ticket,
 * unlocks L, sleeps until its ticket is notified and locks L again; Signal notifies the next
 * ticket, Broadcast all of them; a signal nobody waits for is lost. Situations are stepped by
 * hand; claims about "every schedule" are checked by the explorer, with and without its
 * reductions.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { explore } from '../explore/explore';
import { sim } from '../testing/driver';
import { diagnose } from './diagnose';
import { snapshot } from './snapshot';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

const program = (file: string) =>
  readFileSync(new URL(`../../scenarios/programs/${file}`, import.meta.url), 'utf8');

const handshake = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		ready = true
		mu.Unlock()
		c.Signal()
	}()
	mu.Lock()
	for !ready {
		c.Wait()
	}
	fmt.Println("ready")
	mu.Unlock()
}
`;

describe('when g1 waits on c and g6 signals it', () => {
  it('Wait unlocks mu and sleeps; Signal wakes g1, which locks mu again', () => {
    sim(handshake)
      .runTo(1, 'c.Wait()')
      .expectHolder('mu', 1)
      .runUntilBlocked(1)
      .expectBlocked(1, 'sync.Cond.Wait')
      .expectHolder('mu', 0)
      .runToNext(6, /c\.Signal/)
      .expectBlocked(1, 'sync.Cond.Wait')
      .run(6)
      .expectEvent({ t: 'cond', g: 6, op: 'signal', woke: [1], lost: false })
      .expectRunnable(1)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('ready\n');
  });

  it('the snapshot draws the Cond, its L, its tickets and g1 asleep in it', () => {
    const s = sim(handshake).runTo(1, 'c.Wait()').runUntilBlocked(1);
    const snap = snapshot(s.m);
    expect(snap.conds).toEqual([
      { id: snap.conds[0]?.id, name: 'c', locker: 'mu', waiters: [1], tickets: 1, notified: 0 },
    ]);
    // the shared variables are the program's: not the Cond's own workings (its checker)
    expect(snap.vars.map((v) => v.name)).toEqual(['ready']);
    const g1 = snap.goroutines.find((g) => g.id === 1);
    expect([g1?.reason, g1?.waitingOn]).toEqual(['sync.Cond.Wait', snap.conds[0]?.id]);
  });

  it('a Signal after Wait took its ticket but before it slept keeps it from sleeping', () => {
    sim(handshake)
      .runTo(1, 'c.Wait()')
      .runToNext(1, /sleep until signalled/)
      // g1 has its ticket and has unlocked mu: g6 sets ready and signals before g1 sleeps
      .runToNext(6, /c\.Signal/)
      .run(6)
      .expectEvent({ t: 'cond', op: 'signal', woke: [], lost: false })
      .run(1)
      .expectRunnable(1)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('ready\n');
  });
});

describe('when nobody is in Wait yet', () => {
  const lost = handshake
    .replace('\tfor !ready {\n\t\tc.Wait()\n\t}', '\tc.Wait() // no look at ready')
    .replace('fmt.Println("ready")', 'fmt.Println("ready:", ready)');

  it('a Signal is lost, and a Wait that does not look at the condition sleeps forever', () => {
    const r = explore(compile(lost), { maxStates: 100_000 });
    expect(r.complete).toBe(true);
    const dead = r.outcomes.find((o) => o.exit === 2);
    expect(dead?.first).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(dead?.stderr).toContain('goroutine 1 [sync.Cond.Wait]:\nmain.main()\n\tmain.go:19\n');
    const run = runProgram(compile(lost), { schedule: dead?.schedule ?? [], policy: 'roundrobin' });
    const d = diagnose(run.machine);
    expect(d?.what).toBe(
      'G1 sleeps in c.Wait at line 19, and no running goroutine will signal it.',
    );
    expect(d?.fix).toContain('for !ready { c.Wait() }');
  });

  it('waiting in a loop on the condition never deadlocks', () => {
    for (const reduce of [true, false]) {
      const r = explore(compile(handshake), { reduce, maxStates: 100_000 });
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => `${o.exit} ${o.stdout}`)).toEqual(['0 ready\n']);
    }
  });
});

describe('when two takers wait on a queue and jobs are put one at a time', () => {
  it('with if, a woken taker can find the job taken by the other: index out of range', () => {
    const p = compile(program('cond-if.go'));
    const outcomes = [true, false].map((reduce) =>
      explore(p, { reduce, maxStates: 200_000 })
        .outcomes.map((o) => `${o.exit} ${o.first}`)
        .sort(),
    );
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toContain('2 panic: runtime error: index out of range [0] with length 0');
  });

  it('with for, every schedule takes both jobs', () => {
    const r = explore(compile(program('cond-for.go')), { maxStates: 200_000 });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.stdout)).toEqual(['took [a b]\n']);
  });
});

describe('when g1 broadcasts and two goroutines sleep in Wait', () => {
  it('both wake, in the order they went to sleep, and take mu in turn', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	started := false
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for !started {
				c.Wait()
			}
			fmt.Println("go", i)
			mu.Unlock()
		}()
	}
	mu.Lock()
	started = true
	mu.Unlock()
	c.Broadcast()
	wg.Wait()
}
`;
    sim(src)
      .runTo(1, 25)
      .runUntilBlocked(7)
      .runUntilBlocked(6)
      .expectBlocked(6, 'sync.Cond.Wait')
      .expectBlocked(7, 'sync.Cond.Wait')
      .runToNext(1, /c\.Broadcast/)
      .run(1)
      .expectEvent({ t: 'cond', op: 'broadcast', woke: [7, 6], lost: false })
      .expectRunnable(1, 6, 7)
      .runToEnd()
      .expectOutcome(0);
  });
});

describe('when a Cond is copied', () => {
  it('go vet says it contains a noCopy', () => {
    const p = compile(
      'package main\n\nimport "sync"\n\nfunc main() {\n\tvar mu sync.Mutex\n\tc := sync.NewCond(&mu)\n\tc2 := *c\n\t_ = c2\n}\n',
    );
    expect(p.vet.map((d) => `${d.pos.line}:${d.pos.col}: ${d.msg}`)).toEqual([
      '8:8: assignment copies lock value to c2: sync.Cond contains sync.noCopy',
    ]);
  });
});

describe("when a Cond's L is an RWMutex's RLocker", () => {
  it('Wait and c.L take and release read locks: readers wait together, and all see ready', () => {
    const src = readFileSync(new URL('../fixtures/cond-rlocker.go', import.meta.url), 'utf8');
    const p = compile(src);
    for (const race of [false, true]) {
      const r = explore(p, { race, maxStates: 100_000 });
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => `${o.exit} ${o.stdout}`).sort()).toEqual([
        '0 reader 0 sees ready\nreader 1 sees ready\n*sync.rlocker\n',
        '0 reader 1 sees ready\nreader 0 sees ready\n*sync.rlocker\n',
      ]);
    }
  });

  it('its Lock is a read lock: a second goroutine gets it while main holds it', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	l := rw.RLocker()
	var wg sync.WaitGroup
	wg.Add(1)
	l.Lock()
	go func() {
		defer wg.Done()
		l.Lock()
		fmt.Println("in, beside main")
		l.Unlock()
	}()
	wg.Wait()
	l.Unlock()
}
`;
    const r = explore(compile(src), { maxStates: 100_000 });
    expect(r.outcomes.map((o) => `${o.exit} ${o.stdout}`)).toEqual(['0 in, beside main\n']);
  });
});
