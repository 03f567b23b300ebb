/**
 * Virtual time, by the rule of Go's testing/synctest: time passes only when every goroutine
 * is blocked, and then the earliest sleeper wakes. A pending timer keeps a deadlock from
 * being reported until it has fired.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, runProgram } from '../index';
import { sim } from '../testing/driver';
import { explore } from '../explore/explore';

const MS = 1_000_000;

describe('when g6 sleeps while main keeps running', () => {
  const src = `package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("g6 woke at", time.Since(start))
		wg.Done()
	}()
	x := 0
	for i := 0; i < 100; i++ {
		x += i
	}
	fmt.Println("main worked", x, "at", time.Since(start))
	wg.Wait()
	fmt.Println("done at", time.Since(start))
}
`;

  it('no time passes while main can run, however long its work', () => {
    sim(src)
      .runTo(1, 'x := 0')
      .runUntilBlocked(6)
      .expectSleeping(6)
      .runTo(1, 'wg.Wait()')
      .check((s) => expect(s.now).toBe(0))
      .expectSleeping(6)
      .expectStdout('main worked 4950 at 0s\n');
  });

  it('time jumps to the wake-up when main blocks too', () => {
    sim(src)
      .runTo(1, 'x := 0')
      .runUntilBlocked(6)
      .runUntilBlocked(1)
      .expectBlocked(1, 'semacquire')
      .expectRunnable(6)
      .check((s) => expect(s.now).toBe(10 * MS))
      .expectLogged({ t: 'time', now: 10 * MS })
      .runToEnd()
      .expectStdout('main worked 4950 at 0s\ng6 woke at 10ms\ndone at 10ms\n');
  });
});

describe('when two goroutines sleep for different times', () => {
  it('the earliest sleeper wakes first, and time stops at each wake-up', () => {
    const src = `package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		time.Sleep(5 * time.Millisecond)
		fmt.Println("5ms")
		wg.Done()
	}()
	go func() {
		time.Sleep(3 * time.Millisecond)
		fmt.Println("3ms")
		wg.Done()
	}()
	wg.Wait()
}
`;
    sim(src)
      .runUntilBlocked(1)
      .runUntilBlocked(6)
      .expectSleeping(6)
      .check((s) => expect(s.now).toBe(0))
      .runTo(7, 'fmt.Println("3ms")')
      .check((s) => expect(s.now).toBe(3 * MS))
      .expectSleeping(6)
      .runUntilBlocked(7)
      .expectDone(7)
      .check((s) => expect(s.now).toBe(5 * MS))
      .expectRunnable(6)
      .runToEnd()
      .expectStdout('3ms\n5ms\n');
  });
});

describe('when every goroutine is blocked but a timer is pending', () => {
  it('a sleeper keeps the deadlock from being reported until it has woken and ended', () => {
    const src = `package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	go func() {
		time.Sleep(5 * time.Millisecond)
		fmt.Println("still here")
	}()
	mu.Lock()
}
`;
    sim(src)
      .runPast(1, 'go func()')
      .runUntilBlocked(6)
      .runUntilBlocked(1)
      .expectBlocked(1, 'sync.Mutex.Lock')
      .expectAlive()
      .check((s) => expect(s.now).toBe(5 * MS))
      .runToEnd()
      .expectStdout('still here\n')
      .expectOutcome(2, 'fatal error: all goroutines are asleep - deadlock!')
      .check((s) => expect(s.now).toBe(5 * MS));
  });

  it("a context's deadline timer does too: the deadlock is reported once it has fired", () => {
    const src = `package main

import (
	"context"
	"sync"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	_ = ctx
	var mu sync.Mutex
	mu.Lock()
	mu.Lock()
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(2, 'fatal error: all goroutines are asleep - deadlock!')
      .expectLogged({ t: 'cancel', err: 'context deadline exceeded' })
      .check((s) => expect(s.now).toBe(5 * MS));
  });
});

describe('durations and the calendar of virtual time', () => {
  it('rounds, truncates and formats as Go does, from 2000-01-01 00:00:00 UTC', () => {
    const c = compileGo(
      readFileSync(new URL('../fixtures/time-calendar.go', import.meta.url), 'utf8'),
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, {}).stdout).toBe(
      [
        '1.235s 1s 1.234567 1234 true -1s 1.234567s',
        '1.5s',
        '00:00:01.500 2000-01-01T00:00:01Z 12:00AM Sat Jan  1 2000',
        '2000 January 1 0 1 500250000 1',
        '2000-01-01T00:00:01.50025Z 2000-01-01 00:00:01.5 UTC +0000',
        'January 1',
        '',
      ].join('\n'),
    );
  });
});

describe('time.Duration.String', () => {
  it('writes every digit of the fraction, as Go does in integers', () => {
    const c = compileGo(`package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(36*time.Hour+1, time.Minute+time.Nanosecond, time.Duration(1001), -time.Duration(1000001), time.Duration(999999999))
}
`);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, {}).stdout).toBe(
      '36h0m0.000000001s 1m0.000000001s 1.001µs -1.000001ms 999.999999ms\n',
    );
  });
});

describe('time.ParseDuration and Weekday', () => {
  it('parse and name as Go does, errors in its words', () => {
    const c = compileGo(
      'package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tfor _, s := range []string{"300ms", "-1.5h", "2h45m", "1.5µs", "0", "", "1", "1x", ".5s", "abc"} {\n\t\td, err := time.ParseDuration(s)\n\t\tfmt.Println(d, err)\n\t}\n\tfmt.Println(time.Now().Weekday(), time.Now().Add(24*time.Hour).Weekday() == time.Sunday, time.March)\n}\n',
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, {}).stdout).toBe(
      [
        '300ms <nil>',
        '-1h30m0s <nil>',
        '2h45m0s <nil>',
        '1.5µs <nil>',
        '0s <nil>',
        '0s time: invalid duration ""',
        '0s time: missing unit in duration "1"',
        '0s time: unknown unit "x" in duration "1x"',
        '500ms <nil>',
        '0s time: invalid duration "abc"',
        'Saturday true March',
        '',
      ].join('\n'),
    );
  });
});

describe("Go's zero Time (January 1, year 1), apart from the clock's start (2000)", () => {
  const run = (src: string) => {
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    return runProgram(c.program, {});
  };

  it('is what an unset time.Time field holds, prints, compares and saturates as in Go', () => {
    const r = run(readFileSync(new URL('../fixtures/time-zero.go', import.meta.url), 'utf8'));
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '{ 0001-01-01 00:00:00 +0000 UTC} true true',
        '0001-01-01 00:00:00 +0000 UTC|1 January 1|0001-01-01T00:00:00Z',
        '{ 2000-01-01 00:00:00 +0000 UTC} false 946684800',
        'true true -62135596800 -62135596800000 Monday 1',
        '-2562047h47m16.854775808s 0s true',
        // an instant before the clock's start is not the zero Time
        '1999-12-31 23:59:59.999999999 +0000 UTC false 1ns 1 0',
        'context deadline exceeded 1999-12-31 23:59:59.999999999 +0000 UTC true',
        'context deadline exceeded context.Background.WithDeadline(0001-01-01 00:00:00 +0000 UTC [-2562047h47m16.854775808s])',
        '2000-01-01 00:00:01 +0000 UTC 1s',
        'context deadline exceeded 1s -1s',
        '',
      ].join('\n'),
    );
  });

  it.each([
    // (time.go: Sub saturates to maxDuration; UnixNano's int64 arithmetic wraps around)
    ['now.Sub(zero)', '2562047h47m16.854775807s'],
    ['time.Since(zero)', '2562047h47m16.854775807s'],
    ['zero.Sub(now)', '-2562047h47m16.854775808s'],
    ['zero.UnixNano()', '-6795364578871345152'],
    ['zero.UnixMicro()', '-62135596800000000'],
    [
      '[]int64{now.Add(1500*time.Microsecond + 7).UnixMicro(), zero.UnixMilli()}',
      '[946684800001500 -62135596800000]',
    ],
    ['now.Sub(zero).Nanoseconds()', '9223372036854775807'],
  ])('gives what Go gives where the number passes 2^53: %s is %s', (expr, want) => {
    const r = run(
      `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tvar zero time.Time\n\tnow := time.Now()\n\t_ = now\n\tfmt.Println(${expr})\n}\n`,
    );
    expect(r.stdout).toBe(`${want}\n`);
  });

  it('stops rather than go on with an instant it cannot hold: zero.Add(time.Second)', () => {
    const r = run(
      `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tvar zero time.Time\n\tfmt.Println(zero.Add(time.Second))\n}\n`,
    );
    expect(r.outcome.kind).toBe('limit');
    expect(r.outcome.limit).toBe('exactInteger');
    expect(r.stdout).toBe('');
  });
});

describe('context.WithCancelCause and context.Cause (Go 1.20)', () => {
  const src = readFileSync(new URL('../fixtures/context-cause.go', import.meta.url), 'utf8');
  const after = [
    'context canceled shutting down shutting down true',
    'shutting down',
    'context canceled context canceled',
    'context canceled',
    '',
  ];

  it('keep why a context was cancelled, for it and its children; a nil cause is Canceled', () => {
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const r = explore(c.program, { maxStates: 10_000 });
    expect(r.complete).toBe(true);
    // the child's cause is read while another goroutine cancels: both orders are outcomes
    expect(r.outcomes.map((o) => o.stdout).sort()).toEqual([
      ['<nil> <nil> <nil>', '<nil>', ...after].join('\n'),
      ['<nil> <nil> <nil>', 'shutting down', ...after].join('\n'),
    ]);
  });

  it('a deadline’s cause is DeadlineExceeded', () => {
    const c = compileGo(
      'package main\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)\n\tdefer cancel()\n\ttime.Sleep(time.Second)\n\tfmt.Println(context.Cause(ctx))\n}\n',
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, {}).stdout).toBe('context deadline exceeded\n');
  });
});

describe('time.AfterFunc', () => {
  const run = (body: string, race = false) => {
    const c = compileGo(
      `package main\n\nimport (\n\t"fmt"\n\t"sync"\n\t"time"\n)\n\nvar _ sync.Mutex\n\nfunc main() {\n${body}\n}\n`,
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    return { program: c.program, r: runProgram(c.program, { race }) };
  };

  it('starts f in a goroutine of its own when virtual time reaches d; Stop and Reset answer as Go', () => {
    const { r } = run(
      [
        '\tstart := time.Now()',
        '\tt := time.AfterFunc(10*time.Millisecond, func() { fmt.Println("fired after", time.Since(start)) })',
        '\tt2 := time.AfterFunc(5*time.Millisecond, func() { fmt.Println("never") })',
        '\tfmt.Println("stopped:", t2.Stop(), t2.Stop())',
        '\ttime.Sleep(20 * time.Millisecond)',
        '\tfmt.Println("stop after firing:", t.Stop(), "reset:", t.Reset(time.Millisecond))',
        '\ttime.Sleep(5 * time.Millisecond)',
        '\tfmt.Println("reset again:", t.Reset(time.Hour), t.Stop())',
      ].join('\n'),
    );
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe(
      'stopped: true false\nfired after 10ms\nstop after firing: false reset: false\nfired after 21ms\nreset again: false true\n',
    );
  });

  it('keeps a deadlock from being reported while it is pending, and its goroutine is created by time.goFunc', () => {
    const { r } = run(
      [
        '\tvar mu sync.Mutex',
        '\tmu.Lock()',
        '\ttime.AfterFunc(time.Millisecond, func() { mu.Unlock() })',
        '\tmu.Lock()',
        '\tfmt.Println("unlocked by the timer")',
        '\ttime.AfterFunc(0, func() { panic("boom") })',
        '\ttime.Sleep(time.Millisecond)',
      ].join('\n'),
    );
    expect(r.stdout).toBe('unlocked by the timer\n');
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toContain(
      'panic: boom\n\ngoroutine 7 [running]:\nmain.main.func2()\n\tmain.go:17\ncreated by time.goFunc\n\t/usr/local/go/src/time/sleep.go:215\n',
    );
  });

  it('orders what came before AfterFunc before f for the race detector, and nothing after', () => {
    const clean = run(
      '\tn := 1\n\ttime.AfterFunc(time.Millisecond, func() { fmt.Println(n) })\n\ttime.Sleep(2 * time.Millisecond)',
      true,
    ).r;
    expect(clean.stdout).toBe('1\n');
    expect(clean.stderr).not.toContain('DATA RACE');
    const racy = run(
      '\tn := 1\n\ttime.AfterFunc(time.Millisecond, func() { fmt.Println(n) })\n\tn = 2\n\ttime.Sleep(2 * time.Millisecond)',
      true,
    ).r;
    expect(racy.stderr).toContain(
      'Goroutine 6 (running) created at:\n  time.goFunc()\n      /usr/local/go/src/time/sleep.go:215\n',
    );
    expect(racy.outcome.code).toBe(66);
  });

  it('is explored like any other goroutine: the lost update of an unlocked counter is found', () => {
    const { program } = run(
      [
        '\tn := 0',
        '\tvar mu sync.Mutex',
        '\tfor i := 0; i < 2; i++ {',
        '\t\ttime.AfterFunc(time.Millisecond, func() {',
        '\t\t\tv := n',
        '\t\t\tmu.Lock()',
        '\t\t\tmu.Unlock()',
        '\t\t\tn = v + 1',
        '\t\t})',
        '\t}',
        '\ttime.Sleep(time.Second)',
        '\tfmt.Println(n)',
      ].join('\n'),
    );
    const r = explore(program);
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.stdout).sort()).toEqual(['1\n', '2\n']);
  });
});

describe('time.Time.Truncate and Round', () => {
  it('round to a multiple of d since the zero Time, as Go does (halves up), leaving the zero Time and d <= 0 alone', () => {
    const c = compileGo(`package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Now().Add(1500*time.Millisecond + 7)
	fmt.Println(t.Truncate(time.Second), t.Round(time.Second), t.Truncate(time.Hour))
	fmt.Println(t.Round(0).Equal(t), t.Truncate(-time.Second).Equal(t), t.Add(-7).Round(time.Second))
	h := time.Now().Add(90 * time.Minute)
	fmt.Println(h.Round(time.Hour), h.Add(-time.Nanosecond).Round(time.Hour))
	var z time.Time
	fmt.Println(z.Truncate(time.Hour).IsZero(), z.Round(time.Minute).IsZero())
}
`);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const r = runProgram(c.program, { seed: 1 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '2000-01-01 00:00:01 +0000 UTC 2000-01-01 00:00:02 +0000 UTC 2000-01-01 00:00:00 +0000 UTC',
        'true true 2000-01-01 00:00:02 +0000 UTC',
        '2000-01-01 02:00:00 +0000 UTC 2000-01-01 01:00:00 +0000 UTC',
        'true true',
        '',
      ].join('\n'),
    );
  });
});

describe('time.Time.Truncate to a year', () => {
  it('stops politely: the instant it gives is past what a number holds exactly here', () => {
    const c = compileGo(
      'package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tfmt.Println(time.Now().Truncate(365 * 24 * time.Hour))\n}\n',
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const r = runProgram(c.program, { seed: 1 });
    expect(r.outcome.kind).toBe('limit');
    expect(r.stderr).toMatch(/^interleave: stopped: time\.Time\.Truncate went past/);
  });
});

describe('context.WithTimeoutCause, WithDeadlineCause and WithoutCancel (Go 1.21)', () => {
  it('give the deadline’s cause, Canceled when cancelled first, the parent’s when it ends first; WithoutCancel keeps values only', () => {
    const src = readFileSync(new URL('../fixtures/context-go121.go', import.meta.url), 'utf8');
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const r = runProgram(c.program, { seed: 1 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'context deadline exceeded too slow true',
        'context canceled context canceled',
        'context deadline exceeded context deadline exceeded',
        'context canceled <nil> <nil> v false',
        '<nil> context.Background.WithValue(k, v).WithDeadline(2000-01-01 00:01:03 +0000 UTC [1m0s]).WithoutCancel.WithCancel',
        '',
      ].join('\n'),
    );
    // (the explorer agrees: one outcome, whatever the schedule)
    const e = explore(c.program, { maxStates: 10_000 });
    expect(e.complete).toBe(true);
    expect(e.outcomes.map((o) => o.stdout)).toEqual([r.stdout]);
  });
});

describe('context.AfterFunc (Go 1.21)', () => {
  const src = readFileSync(new URL('../fixtures/context-afterfunc.go', import.meta.url), 'utf8');
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));

  it('starts f in a goroutine of its own when the context is done, at once if it is; stop keeps it from starting', () => {
    for (const race of [false, true]) {
      const r = runProgram(c.program, { seed: 1, race });
      expect(r.stdout).toBe(
        [
          'stopped before: true',
          'stopped twice: false',
          'after cancel: context canceled noted',
          'stopped after it ran: false',
          'at once: the context was done already',
          '',
        ].join('\n'),
      );
      // the last f panics in its goroutine, which the cancel in main started
      const lines = r.stderr.split('\n');
      expect(lines[0]).toBe('panic: in f');
      const at = lines.indexOf('created by context.(*afterFuncCtx).cancel.func1 in goroutine 1');
      expect(at).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe('\t/usr/local/go/src/context/context.go:358');
      expect(r.outcome.code).toBe(2);
    }
  });

  it('the explorer finds the one outcome whatever the schedule', () => {
    const e = explore(c.program, { race: true, maxStates: 20_000 });
    expect(e.complete).toBe(true);
    expect(e.outcomes.map((o) => o.first)).toEqual(['panic: in f']);
  });
});
