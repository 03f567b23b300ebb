/**
 * Panics against Go's runtime/panic.go: deferred calls run last-in first-out, recover in a
 * deferred call stops the panic, a recovered panic leaves a lock held, and an unrecovered one
 * prints `panic: <value>` and the goroutine's stack and exits with status 2.
 */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../index';
import type { Op } from '../lang/code';
import { compile, sim } from '../testing/driver';
import { snapshot } from './snapshot';

describe('when a function with several defers returns', () => {
  it('runs them last-in, first-out', () => {
    const src = `package main

import "fmt"

func work() {
	defer fmt.Println("first deferred")
	defer fmt.Println("second deferred")
	for i := 0; i < 2; i++ {
		defer fmt.Println("loop", i)
	}
	fmt.Println("body")
}

func main() {
	work()
	fmt.Println("back in main")
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('body\nloop 1\nloop 0\nsecond deferred\nfirst deferred\nback in main\n');
  });
});

describe('when a function panics and a deferred call recovers', () => {
  const src = `package main

import "fmt"

func safe() (err error) {
	defer fmt.Println("deferred before the recover runs last")
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	fmt.Println("before")
	panic("boom")
}

func main() {
	fmt.Println(safe())
	fmt.Println("recover() outside a panic:", recover())
}
`;

  it('the panic stops, the other defers still run, and the caller carries on', () => {
    sim(src)
      .runToEnd()
      .expectOutcome(0)
      .expectStderr('')
      .expectStdout(
        'before\ndeferred before the recover runs last\nrecovered: boom\nrecover() outside a panic: <nil>\n',
      )
      .expectLogged({ t: 'panic', g: 1, value: 'boom' })
      .expectLogged({ t: 'recover', g: 1, value: 'boom' });
  });
});

describe('when a handler panics while holding a lock and the panic is recovered', () => {
  it('the lock stays held, and the next Lock deadlocks', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex

func handle(i int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	mu.Lock()
	if i == 1 {
		panic("boom")
	}
	mu.Unlock()
	fmt.Println("handled", i)
}

func main() {
	handle(1)
	handle(2)
}
`;
    sim(src)
      .runToEnd()
      .expectStdout('recovered: boom\n')
      .expectOutcome(2, 'fatal error: all goroutines are asleep - deadlock!')
      .expectStderr(/goroutine 1 \[sync\.Mutex\.Lock\]:\nmain\.handle\(\.\.\.\)\n\tmain\.go:16\n/);
  });
});

describe('when a panic is not recovered', () => {
  it('prints "panic: boom" and the goroutine, and exits with status 2', () => {
    const src = `package main

import "fmt"

func main() {
	fmt.Println("start")
	panic("boom")
}
`;
    sim(src)
      .runToEnd()
      .expectStdout('start\n')
      .expectOutcome(2, 'panic: boom')
      .expectStderr('panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:7\n');
  });

  it('in another goroutine it ends the whole program, naming that goroutine', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		panic(fmt.Sprintf("boom %d", 42))
	}()
	wg.Wait()
	fmt.Println("never")
}
`;
    sim(src)
      .runToEnd()
      .expectStdout('')
      .expectOutcome(2, 'panic: boom 42')
      .expectStderr(
        /^panic: boom 42\n\ngoroutine 6 \[running\]:\nmain\.main\.func1\(\)\n\tmain\.go:12\ncreated by main\.main in goroutine 1\n\tmain\.go:11\n$/,
      );
  });

  it('`defer recover()` stops nothing: recover is not called by a deferred function there', () => {
    const src = `package main

import "fmt"

func safe() {
	defer recover()
	panic("boom")
}

func main() {
	defer fmt.Println("deferred in main")
	safe()
	fmt.Println("unreachable")
}
`;
    sim(src)
      .runToEnd()
      .expectStdout('deferred in main\n')
      .expectOutcome(2, 'panic: boom')
      .expectStderr(
        'panic: boom\n\ngoroutine 1 [running]:\nmain.safe()\n\tmain.go:7\nmain.main()\n\tmain.go:12\n',
      );
  });

  it('when main itself panics, its locks and maps are still drawn afterwards', () => {
    const src = `package main

import "sync"

func main() {
	var mu sync.Mutex
	m := map[string]int{"a": 1}
	mu.Lock()
	m["b"] = 2
	panic("boom")
}
`;
    const s = sim(src).runToEnd().expectOutcome(2, 'panic: boom');
    const view = snapshot(s.m);
    expect(view.locks.map((l) => l.name)).toEqual(['mu']);
    expect(view.maps.map((mv) => mv.entries.length)).toEqual([2]);
  });

  it('an error value prints its Error() text', () => {
    const src = `package main

import "errors"

func main() {
	panic(errors.New("bad thing"))
}
`;
    sim(src).runToEnd().expectOutcome(2, 'panic: bad thing');
  });
});

describe('when a deferred call panics while a panic is running', () => {
  it('prints both panics, oldest first; the outcome names the first line of the report', () => {
    const src = `package main

func main() {
	defer func() {
		panic("second")
	}()
	panic("first")
}
`;
    sim(src)
      .runToEnd()
      .expectStderr(/^panic: first\n\tpanic: second\n\ngoroutine 1 \[running\]:\n/)
      .expectOutcome(2, 'panic: first');
  });

  it('a value recovered and panicked again is printed twice, the first marked [recovered]', () => {
    // Go 1.23 runtime/panic.go printpanics: the recovered panic is still linked while the
    // deferred call that recovered it runs, and prints with " [recovered]"
    const src = `package main

func main() {
	defer func() {
		r := recover()
		panic(r)
	}()
	panic("boom")
}
`;
    sim(src)
      .runToEnd()
      .expectStderr(/^panic: boom \[recovered\]\n\tpanic: boom\n\ngoroutine 1 \[running\]:\n/)
      .expectOutcome(2, 'panic: boom [recovered]');
  });
});

describe('while deferred calls run for a panic', () => {
  const src = `package main

import "sync"

var mu sync.Mutex

func f() {
	panic("boom")
}

func g() {
	f()
}

func main() {
	func() {
		defer func() {
			mu.Unlock()
		}()
		g()
	}()
}
`;

  it('the frames the panic has left are still on the stack, as in Go: a traceback shows them', () => {
    // Go runs deferred calls on top of the panicking stack: the fatal error in the deferred
    // Unlock prints f and g (where the panic was) between the deferred call and its function;
    // main calls the function literal at line 21, where its `(` is (gc's position for a call)
    sim(src)
      .runToEnd()
      .expectStderr(
        'fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\nmain.main.func1.1()\n\tmain.go:18\nmain.f()\n\tmain.go:8\nmain.g()\n\tmain.go:12\nmain.main.func1()\n\tmain.go:20\nmain.main()\n\tmain.go:21\n',
      )
      .expectOutcome(2, 'fatal error: sync: unlock of unlocked mutex');
  });

  it('the stage lists them too, until the function that recovered returns', () => {
    const recovered = src
      .replace('mu.Unlock()', 'r := recover()\n\t\t\t_ = r\n\t\t\tmu.Lock()')
      .replace('\t}()\n}\n', '\t}()\n\tmu.Unlock()\n}\n');
    expect(recovered).toContain('\tmu.Unlock()\n}');
    const frames = (where: string) => {
      let out: string[] = [];
      sim(recovered)
        .runTo(1, where)
        .check((s) => {
          out = (snapshot(s.m).goroutines[0]?.frames ?? []).map((f) => `${f.fn}:${f.line}`);
        });
      return out;
    };
    expect(frames('r := recover()')).toEqual([
      'main.main.func1.1:18',
      'main.f:8',
      'main.g:12',
      'main.main.func1:22',
      'main.main:23',
    ]);
    // after recover(), until the deferred call returns, Go's stack still holds them
    expect(frames('mu.Lock()')).toEqual([
      'main.main.func1.1:20',
      'main.f:8',
      'main.g:12',
      'main.main.func1:22',
      'main.main:23',
    ]);
    expect(frames('mu.Unlock()')).toEqual(['main.main:24']);
  });
});

describe('when Interleave itself fails in the middle of a step', () => {
  it('ends the run with an internal-error outcome and a message instead of throwing', () => {
    const program = compile(`package main

import "fmt"

func main() {
	fmt.Println("before")
	fmt.Println("after")
}
`);
    // corrupt the second Println's first instruction, as a bug in the engine would
    const main = program.funcs[program.main];
    const target = main?.code.find((ins) => ins.pos.line === 7);
    if (!target) throw new Error('no instruction on line 7');
    target.op = 9999 as Op;
    const r = runProgram(program, { seed: 1 });
    expect(r.outcome.kind).toBe('internal');
    expect(r.outcome.code).toBe(70);
    expect(r.stdout).toBe('before\n');
    expect(r.stderr).toMatch(
      /^interleave: internal error: internal: unknown op 9999 \(this is a bug in Interleave, not in your program\)\n$/,
    );
  });
});

describe('what recover returns', () => {
  it('is of the type Go panics with: the runtime’s errors, a library’s string, panic(nil)’s error', () => {
    const src = `package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

func try(f func()) {
	defer func() {
		r := recover()
		_, isString := r.(string)
		_, isRuntime := r.(runtime.Error)
		fmt.Printf("%T %v %v: %v\\n", r, isString, isRuntime, r)
	}()
	f()
}

func main() {
	try(func() { var wg sync.WaitGroup; wg.Done() })
	try(func() { strings.Repeat("x", -1) })
	try(func() { var m map[int]int; m[1] = 2 })
	try(func() { a, b := 1, 0; _ = a / b })
	try(func() { var p *struct{ x int }; _ = p.x })
	try(func() { var i any = 1; _ = i.(string) })
	try(func() { s := []int{}; _ = s[2] })
	try(func() { panic(nil) })
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout(
        [
          'string true false: sync: negative WaitGroup counter',
          'string true false: strings: negative Repeat count',
          'runtime.plainError false true: assignment to entry in nil map',
          'runtime.errorString false true: runtime error: integer divide by zero',
          'runtime.errorString false true: runtime error: invalid memory address or nil pointer dereference',
          '*runtime.TypeAssertionError false true: interface conversion: interface {} is int, not string',
          'runtime.boundsError false true: runtime error: index out of range [2] with length 0',
          '*runtime.PanicNilError false true: panic called with nil argument',
          '',
        ].join('\n'),
      );
  });
});
