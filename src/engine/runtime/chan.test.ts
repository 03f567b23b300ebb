/**
 * Channels as Go 1.23's runtime/chan.go runs them: a send hands its value to the receiver
 * waiting longest, else fills the buffer, else parks; a receive takes from the sender waiting
 * longest (through a full buffer), else from the buffer, else parks; close wakes everyone;
 * nil channels park for ever. The runtime's words (wait reasons, panics, the deadlock) are
 * Go's own; the race detector's edges are chan.go's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { explore, type ExploreResult } from '../explore/explore';
import { lineOf, sim } from '../testing/driver';
import { diagnose, raceWords } from './diagnose';
import { snapshot } from './snapshot';
import { hasChoosingSelect } from './chan';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

/** The compile errors of a program, as gc prints them. */
function errors(src: string): string[] {
  const c = compileGo(src);
  if (c.ok) return [];
  return c.diagnostics.map((d) => formatDiagnostic('main.go', d));
}

const firstLine = (stderr: string) => stderr.split('\n')[0] ?? '';

/** A program of ../fixtures. */
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

function run(src: string, opts: Parameters<typeof runProgram>[1] = {}) {
  return runProgram(compile(src), { fileName: '/tmp/main.go', ...opts });
}

/** main's body in a program importing what it names. */
function prog(body: string, decls = ''): string {
  const imports = ['fmt', 'runtime', 'sync', 'time'].filter((p) =>
    new RegExp(`(^|[^\\w.])${p}\\.`).test(body),
  );
  return `package main

${imports.length ? `import (\n${imports.map((p) => `\t"${p}"`).join('\n')}\n)\n` : ''}
${decls}
func main() {
${body}
}
`;
}

const outcomes = (r: ExploreResult) =>
  r.outcomes.map((o) => `${o.exit} ${o.first} ${JSON.stringify(o.stdout)}`).sort();

describe('sending and receiving', () => {
  it('an unbuffered channel hands each value over: ping-pong alternates, whatever the seed', () => {
    const src = prog(`	ping, pong := make(chan string), make(chan string)
	go func() {
		for i := 0; i < 3; i++ {
			msg := <-ping
			pong <- msg + "-pong"
		}
	}()
	for i := 0; i < 3; i++ {
		ping <- fmt.Sprint("ping", i)
		fmt.Println(<-pong)
	}`);
    for (const seed of [1, 2, 3, 99]) {
      const r = run(src, { seed });
      expect(r.outcome.code).toBe(0);
      expect(r.stdout).toBe('ping0-pong\nping1-pong\nping2-pong\n');
    }
  });

  it('a worker pool ranges over a closed channel: every job done once, then the loops end', () => {
    const src = prog(
      `	jobs := make(chan Job, 2)
	results := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j.ID * 10
			}
		}()
	}
	go func() {
		for i := 1; i <= 5; i++ {
			jobs <- Job{ID: i}
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println(sum, len(jobs), cap(jobs))`,
      'type Job struct{ ID int }\n',
    );
    for (const policy of ['random', 'roundrobin'] as const)
      for (const seed of [1, 7]) {
        const r = run(src, { seed, policy });
        expect(r.stdout).toBe('150 0 2\n');
        expect(r.outcome.code).toBe(0);
      }
  });

  it('a buffered channel keeps values in order; after close it drains, then gives zero and false', () => {
    const r = run(
      prog(`	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	fmt.Println(len(ch), cap(ch))
	close(ch)
	for i := 0; i < 4; i++ {
		v, ok := <-ch
		fmt.Println(v, ok)
	}
	var nilCh chan int
	fmt.Println(len(nilCh), cap(nilCh), nilCh == nil)`),
    );
    expect(r.stdout).toBe('2 3\n1 true\n2 true\n0 false\n0 false\n0 0 true\n');
  });

  it('a struct sent is a copy: changing it after the send does not change what is received', () => {
    const r = run(
      prog(
        `	ch := make(chan Job, 1)
	j := Job{ID: 1}
	ch <- j
	j.ID = 2
	got := <-ch
	fmt.Println(got.ID, j.ID)`,
        'type Job struct{ ID int }\n',
      ),
    );
    expect(r.stdout).toBe('1 2\n');
  });

  it('a receiver parked first gets the value straight from the sender (runtime/chan.go: send)', () => {
    const src = prog(`	ch := make(chan int)
	go func() {
		ch <- 42
	}()
	fmt.Println(<-ch)`);
    sim(src)
      .runUntilBlocked(1)
      .expectBlocked(1, 'chan receive')
      .runPast(6, 'ch <- 42')
      .expectRunnable(1)
      .check((s) => {
        // the sender did not wait: it handed the value over and went on
        expect(s.state(6)).not.toBe('blocked');
      })
      .runToEnd()
      .expectStdout('42\n');
  });

  it('a sender parked on a full buffer puts its value at the tail when a receiver takes the head', () => {
    const src = prog(`	ch := make(chan int, 1)
	ch <- 1
	go func() {
		ch <- 2
	}()
	time.Sleep(time.Millisecond)
	a := <-ch
	b := <-ch
	fmt.Println(a, b)`);
    sim(src)
      .runTo(1, 'time.Sleep')
      .runUntilBlocked(6)
      .expectBlocked(6, 'chan send')
      .runToEnd()
      .expectStdout('1 2\n');
  });

  it('prints a channel as its address, and its type as Go does', () => {
    const r = run(
      prog(`	ch := make(chan int)
	var r <-chan int = ch
	var s chan<- string
	var cc chan (<-chan int)
	fmt.Printf("%T %T %T %T %v %v\\n", ch, r, s, cc, s, ch == r)
	fmt.Println(fmt.Sprint(ch)[:2])`),
    );
    expect(r.stdout).toBe('chan int <-chan int chan<- string chan (<-chan int) <nil> true\n0x\n');
  });
});

describe('the runtime, in its own words', () => {
  it('all goroutines asleep in a send: the deadlock and the wait reason "chan send"', () => {
    const src = prog('\tch := make(chan int)\n\tch <- 1');
    const r = run(src);
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toBe(
      `fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:\nmain.main()\n\t/tmp/main.go:${lineOf(src, 'ch <- 1')}\n`,
    );
  });

  it('a receive with nobody to send: "chan receive"; on a nil channel: "chan receive (nil chan)"', () => {
    expect(run(prog('\tch := make(chan int)\n\t<-ch')).stderr).toContain(
      'goroutine 1 [chan receive]:\nmain.main()',
    );
    expect(run(prog('\tvar ch chan int\n\t<-ch')).stderr).toContain(
      'goroutine 1 [chan receive (nil chan)]:\nmain.main()',
    );
    expect(run(prog('\tvar ch chan int\n\tch <- 1')).stderr).toContain(
      'goroutine 1 [chan send (nil chan)]:\nmain.main()',
    );
  });

  it('select {} blocks for ever: "select (no cases)"', () => {
    const r = run(prog('\tgo fmt.Println("hi")\n\tselect {}'));
    expect(r.stdout).toBe('hi\n');
    expect(r.stderr).toContain(
      'fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [select (no cases)]:',
    );
  });

  it.each([
    ['\tch := make(chan int)\n\tclose(ch)\n\tclose(ch)', 'close of closed channel'],
    ['\tvar ch chan int\n\tclose(ch)', 'close of nil channel'],
    ['\tch := make(chan int, 1)\n\tclose(ch)\n\tch <- 1', 'send on closed channel'],
  ])('%j panics: %s (a runtime.Error, printed without "runtime error: ")', (body, msg) => {
    const r = run(prog(body));
    expect(r.outcome.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`panic: ${msg}`);
    const caught = run(
      prog(`	defer func() {
		e := recover()
		_, isRuntime := e.(runtime.Error)
		fmt.Println(e, isRuntime)
	}()
${body}`),
    );
    expect(caught.stdout).toBe(`${msg} true\n`);
  });

  it('a sender parked when the channel is closed wakes and panics; parked receivers get zero, false', () => {
    const r = run(
      prog(`	ch := make(chan int)
	go func() {
		defer func() { fmt.Println("sender:", recover()) }()
		ch <- 1
	}()
	time.Sleep(time.Millisecond)
	close(ch)
	time.Sleep(time.Millisecond)
	rc := make(chan string)
	go func() {
		v, ok := <-rc
		fmt.Printf("receiver: %q %v\\n", v, ok)
	}()
	time.Sleep(time.Millisecond)
	close(rc)
	time.Sleep(time.Millisecond)`),
    );
    expect(r.stdout).toBe('sender: send on closed channel\nreceiver: "" false\n');
  });

  it('make with a negative size panics as makechan does', () => {
    const r = run(prog('\tn := -1\n\t_ = make(chan int, n)'));
    expect(r.stderr.split('\n')[0]).toBe('panic: makechan: size out of range');
  });
});

describe('the compiler, in types2 words', () => {
  const body = (b: string) =>
    prog(
      `${b}\n\t_ = fmt.Sprint()`,
      'var recvOnly <-chan int\nvar sendOnly chan<- int\nvar n int\n',
    );
  it.each([
    [
      '\trecvOnly <- 1',
      'invalid operation: cannot send to receive-only channel recvOnly (variable of type <-chan int)',
    ],
    [
      '\t<-sendOnly',
      'invalid operation: cannot receive from send-only channel sendOnly (variable of type chan<- int)',
    ],
    [
      '\tclose(recvOnly)',
      'invalid operation: cannot close receive-only channel recvOnly (variable of type <-chan int)',
    ],
    ['\t<-n', 'invalid operation: cannot receive from non-channel n (variable of type int)'],
    ['\tn <- 1', 'invalid operation: cannot send to non-channel n (variable of type int)'],
    [
      '\tfor range sendOnly {\n\t}',
      'cannot range over sendOnly (variable of type chan<- int): receive from send-only channel',
    ],
    [
      '\tfor a, b := range recvOnly {\n\t\t_, _ = a, b\n\t}',
      'range over recvOnly (variable of type <-chan int) permits only one iteration variable',
    ],
    [
      '\tch := make(chan int)\n\tch <- "x"',
      'cannot use "x" (untyped string constant) as int value in send',
    ],
    [
      '\t_ = make(chan int, 1, 2)',
      'invalid operation: make(chan int, 1, 2) expects 1 or 2 arguments; found 3',
    ],
    [
      '\tsendOnly = recvOnly',
      'cannot use recvOnly (variable of type <-chan int) as chan<- int value in assignment',
    ],
  ])('%j: %s', (b, msg) => {
    expect(errors(body(b)).join('\n')).toContain(msg);
  });

  it('a bidirectional channel may be used where a directional one is wanted', () => {
    expect(errors(body('\tch := make(chan int)\n\trecvOnly = ch\n\tsendOnly = ch'))).toEqual([]);
  });

  it('vet: receiving a struct that holds a lock copies it (a send is not checked, as in go vet)', () => {
    const p = compile(
      prog(
        '\tch := make(chan S, 1)\n\tvar s S\n\tch <- s\n\tt := <-ch\n\t_ = t.n',
        'type S struct {\n\tmu sync.Mutex\n\tn  int\n}\n',
      ).replace('package main\n', 'package main\n\nimport "sync"\n'),
    );
    expect(p.vet.map((d) => d.msg)).toEqual([
      'assignment copies lock value to t: command-line-arguments.S contains sync.Mutex',
    ]);
  });
});

describe('select', () => {
  it('workers select between jobs and done; the pool ends the same under every seed', () => {
    const src = prog(`	jobs := make(chan int)
	done := make(chan struct{})
	results := make(chan int, 10)
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					results <- j * 2
				case <-done:
					return
				}
			}
		}()
	}
	for i := 1; i <= 4; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println(sum)`);
    for (const seed of [1, 2, 3, 4, 5]) expect(run(src, { seed }).stdout).toBe('20\n');
  });

  it('takes default when no case is ready; a nil channel case is never ready', () => {
    const r = run(
      prog(`	c := make(chan int)
	var never chan int
	select {
	case v := <-c:
		fmt.Println(v)
	case never <- 1:
	default:
		fmt.Println("default")
	}`),
    );
    expect(r.stdout).toBe('default\n');
  });

  it('chooses at random among ready cases: over 20 selects a seed takes both, and the same seed the same ones', () => {
    const src = prog(`	c := make(chan int, 1)
	picks := ""
	for i := 0; i < 20; i++ {
		select {
		case c <- 1:
			picks += "a"
		case c <- 2:
			picks += "b"
		}
		<-c
	}
	fmt.Println(picks)`);
    const picks = [1, 2, 3].map((seed) => run(src, { seed }).stdout.trim());
    for (const p of picks) expect(p).toMatch(/a/);
    for (const p of picks) expect(p).toMatch(/b/);
    expect(new Set(picks).size).toBeGreaterThan(1);
    expect(run(src, { seed: 2 }).stdout.trim()).toBe(picks[1]);
  });

  it('parks on every channel; a send on one takes that case and leaves the other channel', () => {
    const src = prog(`	a, b := make(chan int), make(chan int)
	got := make(chan string)
	go func() {
		select {
		case v := <-a:
			got <- fmt.Sprint("a ", v)
		case v := <-b:
			got <- fmt.Sprint("b ", v)
		}
	}()
	a <- 7
	select {
	case b <- 1:
		fmt.Println("b was taken too")
	default:
		fmt.Println("nobody waits on b")
	}
	fmt.Println(<-got)`);
    sim(src)
      .runTo(1, 'a <- 7')
      .runUntilBlocked(6)
      .check((s) => {
        expect(s.goroutine(6).reason).toBe('select');
        const snap = snapshot(s.m);
        expect(snap.chans.map((c) => [c.name, c.receivers])).toEqual([
          ['a', [6]],
          ['b', [6]],
          ['got', []],
        ]);
      })
      .runToEnd()
      .expectStdout('nobody waits on b\na 7\n');
  });

  it('a close wakes a receive case with the zero value and false; a send case to a closed channel panics', () => {
    const r = run(
      prog(`	a, b := make(chan int), make(chan int)
	go func() {
		time.Sleep(time.Millisecond)
		close(b)
	}()
	select {
	case v := <-a:
		fmt.Println("a", v)
	case v, ok := <-b:
		fmt.Println("b", v, ok)
	}
	select {
	case b <- 1:
	case <-a:
	}`),
    );
    expect(r.stdout).toBe('b 0 false\n');
    expect(r.stderr.split('\n')[0]).toBe('panic: send on closed channel');
  });

  it('break leaves the select, not the loop around it', () => {
    const r = run(
      prog(`	c := make(chan int, 1)
	n := 0
	for i := 0; i < 3; i++ {
		c <- i
		select {
		case v := <-c:
			if v == 1 {
				break
			}
			n += 10
		}
		n++
	}
	fmt.Println(n)`),
    );
    expect(r.stdout).toBe('23\n');
  });

  it('waits with Go\'s reasons: "select" for several cases, the operation\'s own for one', () => {
    const two = run(
      prog(
        '\ta, b := make(chan int), make(chan int)\n\tselect {\n\tcase <-a:\n\tcase b <- 1:\n\t}',
      ),
    );
    expect(two.stderr).toContain('goroutine 1 [select]:');
    const one = run(prog('\ta := make(chan int)\n\tselect {\n\tcase <-a:\n\t}'));
    expect(one.stderr).toContain('goroutine 1 [chan receive]:');
    const nils = run(prog('\tvar a chan int\n\tselect {\n\tcase a <- 1:\n\t}'));
    expect(nils.stderr).toContain('goroutine 1 [chan send (nil chan)]:');
    const d = diagnose(
      runProgram(
        compile(
          prog(
            '\ta, b := make(chan int), make(chan int)\n\tselect {\n\tcase <-a:\n\tcase b <- 1:\n\t}',
          ),
        ),
        {},
      ).machine,
    );
    expect(d?.what).toMatch(
      /^G1 waits in a select at line \d+, and no running goroutine will make any of its cases ready\.$/,
    );
  });

  it('types2 refuses two defaults and a bad case', () => {
    expect(errors(prog('\tselect {\n\tdefault:\n\tdefault:\n\t}')).join('\n')).toContain(
      'multiple defaults in select',
    );
    expect(
      errors(prog('\tc := make(chan int)\n\tselect {\n\tcase c <- "x":\n\t}')).join('\n'),
    ).toContain('cannot use "x" (untyped string constant) as int value in send');
  });
});

describe('ctx.Done()', () => {
  const ctxProg = (body: string) =>
    `package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
${body}
}
`;

  it('is closed by cancel: workers in a select stop, and Err says why', () => {
    const r = run(
      ctxProg(`	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan string)
	for i := 1; i <= 2; i++ {
		go func() {
			select {
			case <-ctx.Done():
				stopped <- fmt.Sprint(i, " ", ctx.Err())
			}
		}()
	}
	time.Sleep(time.Millisecond)
	cancel()
	a, b := <-stopped, <-stopped
	fmt.Println(a < b, len(a), len(b))`),
    );
    expect(r.stdout).toBe('true 18 18\n');
    expect(r.outcome.code).toBe(0);
  });

  it('is closed by a deadline; one asked for after cancel is closed already; derived contexts share it', () => {
    const r = run(
      ctxProg(`	tctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	<-tctx.Done()
	fmt.Println(time.Since(start), tctx.Err())
	c2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	_, ok := <-c2.Done()
	v := context.WithValue(c2, "k", 1)
	fmt.Println(ok, v.Done() == c2.Done(), c2.Done() == c2.Done())
	fmt.Printf("%T\\n", c2.Done())`),
    );
    expect(r.stdout).toBe('50ms context deadline exceeded\nfalse true true\n<-chan struct {}\n');
  });

  it('is nil for Background, TODO and WithoutCancel: a receive from it waits for ever', () => {
    const r = run(
      ctxProg(`	fmt.Println(context.Background().Done() == nil, context.TODO().Done() == nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fmt.Println(context.WithoutCancel(ctx).Done() == nil)
	_ = time.Second
	<-context.Background().Done()`),
    );
    expect(r.stdout).toBe('true true\ntrue\n');
    expect(r.stderr).toContain('goroutine 1 [chan receive (nil chan)]:');
  });

  it('a type of the program is a context.Context only with a Done method', () => {
    const src = ctxProg(`	var c context.Context = myCtx{}
	fmt.Println(c.Err(), time.Second)`).replace(
      'func main() {',
      'type myCtx struct{}\n\nfunc (myCtx) Deadline() (time.Time, bool) { return time.Time{}, false }\nfunc (myCtx) Err() error                   { return nil }\nfunc (myCtx) Value(any) any                 { return nil }\n\nfunc main() {',
    );
    expect(errors(src).join('\n')).toContain(
      'cannot use myCtx{} (value of type myCtx) as context.Context value in variable declaration: myCtx does not implement context.Context (missing method Done)',
    );
  });
});

describe('time.After', () => {
  const src = prog(`	start := time.Now()
	done := make(chan bool)
	go func() {
		time.Sleep(30 * time.Millisecond)
		done <- true
	}()
	select {
	case <-done:
		fmt.Println("done first")
	case t := <-time.After(20 * time.Millisecond):
		fmt.Println("timeout after", t.Sub(start))
	}
	<-done
	c := time.After(0)
	fmt.Println(len(c), cap(c), time.Since(start))
	fmt.Printf("%T\\n", c)`);

  it('delivers the time d from now: a select with a timeout takes it when nothing comes sooner', () => {
    for (const seed of [1, 2, 3]) {
      const r = run(src, { seed });
      expect(r.stdout).toBe('timeout after 20ms\n0 0 30ms\n<-chan time.Time\n');
      expect(r.outcome.code).toBe(0);
    }
  });

  it('keeps the program alive while it is pending: no deadlock, and a goroutine waiting on it is not stuck at exit', () => {
    const r = run(
      prog('\t<-time.After(time.Second)\n\tfmt.Println(time.Now().Sub(time.Time{}) > 0)'),
    );
    expect(r.stdout).toBe('true\n');
    const left = explore(
      compile(
        prog(`	go func() {
		<-time.After(time.Hour)
		fmt.Println("late")
	}()
	fmt.Println("main ends")`),
      ),
    );
    expect(left.complete).toBe(true);
    expect(left.outcomes.map((o) => [o.stdout, o.leak])).toEqual([['main ends\n', null]]);
  });
});

describe('time.NewTimer, time.NewTicker and time.Tick', () => {
  it('deliver on their channels; Stop and Reset say whether a time was still to come and drop a stale one', () => {
    const r = run(
      prog(`	start := time.Now()
	t := time.NewTimer(50 * time.Millisecond)
	<-t.C
	fmt.Println("timer", time.Since(start))
	fmt.Println("stop after fire:", t.Stop())
	t.Reset(10 * time.Millisecond)
	fmt.Println("stop before fire:", t.Stop())
	t.Reset(20 * time.Millisecond)
	tk := time.NewTicker(30 * time.Millisecond)
	n := 0
	for now := range tk.C {
		n++
		fmt.Println("tick", n, now.Sub(start))
		if n == 3 {
			tk.Stop()
			break
		}
	}
	select {
	case <-t.C:
		fmt.Println("timer fired long ago", time.Since(start))
	default:
		fmt.Println("no value")
	}
	for i, c := 0, time.Tick(100*time.Millisecond); i < 2; i++ {
		fmt.Println("Tick", (<-c).Sub(start))
	}
	fmt.Println(time.Tick(0) == nil)
	tk.Reset(5 * time.Millisecond)
	time.Sleep(12 * time.Millisecond)
	fmt.Println("len", len(tk.C), cap(tk.C))
	<-tk.C
	fmt.Println("after reset", time.Since(start))`),
    );
    expect(r.stdout).toBe(
      [
        'timer 50ms',
        'stop after fire: false',
        'stop before fire: true',
        // the ticker starts at 50ms
        'tick 1 80ms',
        'tick 2 110ms',
        'tick 3 140ms',
        // the timer Reset to 20ms fired at 70ms; its time waited in the channel
        'timer fired long ago 140ms',
        'Tick 240ms',
        'Tick 340ms',
        'true',
        // two ticks came while nobody received: one is kept, and Go 1.23 reports no buffer
        'len 0 0',
        'after reset 352ms',
        '',
      ].join('\n'),
    );
  });

  it('keep no program alive that nobody waits on them in: the deadlock is found at once', () => {
    const r = run(
      prog(`	_ = time.After(time.Second)
	tk := time.NewTicker(time.Millisecond)
	defer tk.Stop()
	var mu sync.Mutex
	mu.Lock()
	mu.Lock()`),
    );
    expect(firstLine(r.stderr)).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(r.machine.now).toBe(0);
  });

  it('a ticker of a non-positive interval panics with the time package words', () => {
    expect(firstLine(run(prog('\ttime.NewTicker(0)')).stderr)).toBe(
      'panic: non-positive interval for NewTicker',
    );
    expect(firstLine(run(prog('\tt := time.NewTicker(time.Second)\n\tt.Reset(-1)')).stderr)).toBe(
      'panic: non-positive interval for Ticker.Reset',
    );
  });

  it('the explorer finds both ends of a race between a worker and a timeout, and tells them apart', () => {
    const p = compile(
      prog(`	done := make(chan bool)
	go func() {
		done <- true
	}()
	// (ready at once: the select may find the worker waiting to send too, and take either)
	t := time.NewTimer(0)
	select {
	case <-done:
		fmt.Println("done")
		t.Stop()
	case <-t.C:
		fmt.Println("timeout")
		<-done
	}`),
    );
    for (const opts of [{}, { proof: true }, { reduce: false }]) {
      const r = explore(p, opts);
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => o.stdout).sort()).toEqual(['done\n', 'timeout\n']);
    }
  });
});

describe('with generics', () => {
  it('infers T from channel arguments, a chan T where a <-chan T is wanted, and a core type ~chan E', () => {
    const r = run(`package main

import (
	"fmt"
	"sort"
	"sync"
)

func Merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func(c <-chan T) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func Drain[C ~chan E, E any](c C) []E {
	close(c)
	var out []E
	for v := range c {
		out = append(out, v)
	}
	return out
}

func main() {
	a, b := make(chan int, 2), make(chan int, 1)
	a <- 1
	a <- 2
	b <- 3
	close(a)
	close(b)
	var got []int
	for v := range Merge(a, b) {
		got = append(got, v)
	}
	sort.Ints(got)
	c := make(chan string, 2)
	c <- "x"
	fmt.Println(got, Drain(c))
}
`);
    expect(r.stdout).toBe('[1 2 3] [x]\n');
  });
});

describe('under -race', () => {
  const racy = (sync: string) =>
    prog(
      `	done := make(chan bool${sync.includes('buffered') ? ', 1' : ''})
	go func() {
		x = 1
		${sync.includes('close') ? 'close(done)' : 'done <- true'}
	}()
	<-done
	x = 2
	fmt.Println(x)`,
      'var x int\n',
    );

  it.each(['unbuffered send', 'buffered send', 'close'])(
    'a %s orders the write before it with the reads after the receive: no race in any schedule',
    (how) => {
      const r = explore(compile(racy(how)), { race: true });
      expect(r.complete).toBe(true);
      expect(outcomes(r)).toEqual(['0  "2\\n"']);
    },
  );

  it('a channel used as a semaphore (capacity 1) orders the critical sections', () => {
    const src = prog(
      `	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			x++
			<-sem
		}()
	}
	wg.Wait()
	fmt.Println(x)`,
      'var x int\n',
    );
    const r = explore(compile(src), { race: true });
    expect(r.complete).toBe(true);
    expect(outcomes(r)).toEqual(['0  "2\\n"']);
    // without it, the same writes race
    const bare = explore(
      compile(src.replace('sem <- struct{}{}', '_ = sem').replace('<-sem', '')),
      {
        race: true,
      },
    );
    expect(outcomes(bare).some((o) => o.startsWith('66 WARNING: DATA RACE'))).toBe(true);
  });

  it('what happens after a send is not ordered with what the receiver does after it', () => {
    const src = prog(
      `	ch := make(chan int)
	go func() {
		<-ch
		x = 1
	}()
	ch <- 1
	x = 2
	time.Sleep(time.Millisecond)`,
      'var x int\n',
    );
    expect(outcomes(explore(compile(src), { race: true })).some((o) => o.startsWith('66'))).toBe(
      true,
    );
  });

  it('a close that nothing orders after a send races with it, even when the send came first', () => {
    const src = prog(`	ch := make(chan int, 1)
	go func() {
		ch <- 1
	}()
	time.Sleep(time.Millisecond)
	close(ch)
	for v := range ch {
		fmt.Println(v)
	}`);
    // virtual time puts the send first, and nothing panics: Go's detector still reports it
    const r = run(src, { race: true });
    expect(r.stdout).toBe('1\n');
    expect(r.outcome.code).toBe(66);
    const report = r.stderr.split('\n');
    expect(report.slice(0, 4)).toEqual([
      '==================',
      'WARNING: DATA RACE',
      expect.stringMatching(/^Write at 0x[0-9a-f]+ by goroutine 1:$/),
      '  main.main()',
    ]);
    expect(report).toContain('  main.main.func1()');
    expect(r.stderr).toContain('Previous read at ');
    expect(raceWords(r.machine)).toBe(
      `G6 sent on ch at line ${lineOf(src, 'ch <- 1')}, then G1 closed ch at line ${lineOf(src, 'close(ch)')}`,
    );
    expect(diagnose(r.machine)?.fix).toContain('after wg.Wait()');
    // a select's send case reads the channel too
    const sel = src.replace('ch <- 1', 'select {\n\t\tcase ch <- 1:\n\t\tdefault:\n\t\t}');
    expect(run(sel, { race: true }).outcome.code).toBe(66);
  });

  it.each([
    [
      'main closes after waiting for the senders',
      `	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- i
		}()
	}
	wg.Wait()
	close(ch)`,
    ],
    [
      'the one sender closes after its sends',
      `	go func() {
		for i := 0; i < 2; i++ {
			ch <- i
		}
		close(ch)
	}()`,
    ],
  ])('no race when %s', (_how, senders) => {
    const src = prog(`	ch := make(chan int, 2)
${senders}
	n := 0
	for range ch {
		n++
	}
	fmt.Println(n)`);
    const r = explore(compile(src), { race: true });
    expect(r.complete).toBe(true);
    expect(outcomes(r)).toEqual(['0  "2\\n"']);
  });
});

describe('the explorer', () => {
  const leak = prog(`	results := make(chan int)
	for i := 0; i < 2; i++ {
		go func() {
			results <- i
		}()
	}
	fmt.Println(<-results)`);

  it('finds every outcome of goroutines racing to send, and the one left stuck, with and without reductions', () => {
    const p = compile(leak);
    const full = explore(p, { reduce: false });
    expect(full.complete).toBe(true);
    expect(outcomes(full)).toEqual(['0  "0\\n"', '0  "0\\n"', '0  "1\\n"', '0  "1\\n"']);
    // main returned while the other sender could never continue: an outcome of its own
    expect(full.outcomes.filter((o) => o.leak).map((o) => o.leak)).toEqual([
      `main returned while G7 could never continue: G7 waits to send on results at line ${lineOf(leak, 'results <- i')}, and no running goroutine will receive from it. Go exits without a word about it.`,
      `main returned while G6 could never continue: G6 waits to send on results at line ${lineOf(leak, 'results <- i')}, and no running goroutine will receive from it. Go exits without a word about it.`,
    ]);
    for (const opts of [{}, { proof: true }])
      expect(outcomes(explore(p, opts))).toEqual(outcomes(full));
  });

  it('shows the deadlock of a receive nobody sends to, with its reason and a schedule that replays', () => {
    const src = prog(`	ch := make(chan int)
	done := make(chan bool)
	go func() {
		if v := <-ch; v > 0 {
			done <- true
		}
	}()
	ch <- 0
	<-done`);
    const p = compile(src);
    const r = explore(p);
    const dl = r.outcomes.find((o) => o.exit === 2);
    expect(dl?.first).toBe('fatal error: all goroutines are asleep - deadlock!');
    const again = runProgram(p, { schedule: dl?.schedule ?? [], policy: 'roundrobin' });
    expect(again.stderr).toContain('goroutine 1 [chan receive]:');
    const d = diagnose(again.machine);
    expect(d?.kind).toBe('deadlock');
    expect(d?.what).toBe(
      `G1 waits to receive from done at line ${lineOf(src, '\t<-done')}, and no running goroutine will send on it or close it.`,
    );
  });
});

describe('the explorer and select', () => {
  const src = fixture('select-either.go');

  it('tries every ready case, each with a schedule that names it and replays under any seed', () => {
    for (const opts of [{}, { proof: true }, { reduce: false }]) {
      const r = explore(compile(src), { ...opts, seed: 3 });
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => o.stdout).sort()).toEqual(['1\n', '2\n']);
      for (const o of r.outcomes) {
        // main is the only goroutine: the schedule is the case alone
        expect(o.schedule).toEqual([o.stdout === '1\n' ? -1 : -2]);
        for (const seed of [1, 2, 3, 4, 5, 6])
          expect(run(src, { seed, schedule: o.schedule }).stdout).toBe(o.stdout);
      }
    }
  });

  it('a run records the case its poll order took, and a case that is not ready is refused', () => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = run(src, { seed });
      expect(r.schedule).toEqual([r.stdout === '1\n' ? -1 : -2]);
      seen.add(r.stdout);
    }
    expect([...seen].sort()).toEqual(['1\n', '2\n']);
    expect(() => run(src, { schedule: [-3] })).toThrow(
      `schedule entry 1 (c3): case 3 of G1's select at line ${lineOf(src, '\tselect {')} was not ready; the ready cases were 1, 2`,
    );
  });

  it('tells a program that may have to choose a case (a select of two cases or more)', () => {
    expect(hasChoosingSelect(compile(src))).toBe(true);
    const one = prog('\ta := make(chan int)\n\tselect {\n\tcase <-a:\n\tdefault:\n\t}');
    expect(hasChoosingSelect(compile(one))).toBe(false);
  });

  it('a select of one ready case and a default chooses nothing: no entry in the schedule', () => {
    const one = prog(
      '\ta := make(chan int, 1)\n\ta <- 1\n\tselect {\n\tcase <-a:\n\tdefault:\n\t}',
    );
    expect(run(one).schedule).toEqual([]);
    expect(explore(compile(one)).outcomes.map((o) => o.schedule)).toEqual([[]]);
  });

  it('finds the outcome that needs one goroutine to take the case another has not made ready yet', () => {
    // (a search that followed one seed's poll order could miss the job never done)
    const lost = fixture('select-quit-first.go');
    const p = compile(lost);
    for (const opts of [{}, { proof: true }]) {
      const r = explore(p, opts);
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => JSON.stringify(o.stdout)).sort()).toEqual(['""', '"job 1\\n"']);
      for (const o of r.outcomes)
        expect(run(lost, { seed: 9, schedule: o.schedule }).stdout).toBe(o.stdout);
    }
  });
});

describe('the picture', () => {
  it('shows each channel with its buffer, whether it is closed, and who waits to send and receive', () => {
    const src = prog(`	jobs := make(chan string, 2)
	jobs <- "a"
	go func() {
		jobs <- "b"
		jobs <- "c"
	}()
	go func() {
		var never chan int
		never <- 1
	}()
	close(jobs)`);
    sim(src)
      .runTo(1, 'close(jobs)')
      .runUntilBlocked(6)
      .runUntilBlocked(7)
      .check((s) => {
        const snap = snapshot(s.m);
        expect(snap.chans).toEqual([
          {
            id: expect.any(Number),
            name: 'jobs',
            type: 'chan string',
            cap: 2,
            buffer: ['"a"', '"b"'],
            closed: false,
            senders: [6],
            receivers: [],
            timer: null,
          },
        ]);
        expect(snap.goroutines.find((g) => g.id === 7)?.reason).toBe('chan send (nil chan)');
      });
  });

  it('shows when a timer fires and a ticker ticks next, and a time that waits to be received', () => {
    const src = prog(`	ticker := time.NewTicker(10 * time.Millisecond)
	timeout := time.NewTimer(35 * time.Millisecond)
	time.Sleep(25 * time.Millisecond)
	select {
	case <-timeout.C:
	}
	ticker.Stop()`);
    const ms = 1e6;
    sim(src)
      .runTo(1, 'time.Sleep')
      .check((s) => {
        // at 0 ms
        expect(snapshot(s.m).chans.map((c) => [c.name, c.timer])).toEqual([
          ['ticker.C', { next: 10 * ms, every: 10 * ms, kept: false }],
          ['timer.C', { next: 35 * ms, every: 0, kept: false }],
        ]);
      })
      .runTo(1, 'select {')
      .check((s) => {
        // at 25 ms, about to wait for the timer: the ticker's first tick waits in its channel
        // (the second was dropped), and its next is at 30 ms
        expect(s.m.now).toBe(25 * ms);
        expect(snapshot(s.m).chans.map((c) => [c.name, c.timer])).toEqual([
          ['ticker.C', { next: 30 * ms, every: 10 * ms, kept: true }],
          ['timer.C', { next: 35 * ms, every: 0, kept: false }],
        ]);
      });
  });
});
