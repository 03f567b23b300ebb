/**
 * sync.WaitGroup against Go's sync/waitgroup.go: Wait blocks until the counter is zero, and a
 * negative counter is an ordinary (recoverable) panic.
 */
import { describe, it } from 'vitest';
import { sim } from '../testing/driver';

const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		fmt.Println("a")
		wg.Done()
	}()
	go func() {
		fmt.Println("b")
		wg.Done()
	}()
	wg.Wait()
	fmt.Println("all done")
}
`;

describe('when main waits for two goroutines', () => {
  /** main has started both and waits */
  const waiting = () => sim(src).runUntilBlocked(1);

  it('main blocks in Wait with reason semacquire', () => {
    waiting()
      .expectBlocked(1, 'semacquire')
      .expectLogged({ t: 'block', g: 1, reason: 'semacquire' });
  });

  it('stays blocked after the first Done, and wakes at the second', () => {
    waiting()
      .runUntilBlocked(7)
      .expectDone(7)
      .expectBlocked(1, 'semacquire')
      .run(6)
      .expectBlocked(1)
      .run(6)
      .expectEvent({ t: 'wg', g: 6, n: 0 })
      .expectEvent({ t: 'wake', g: 1, by: 6 })
      .expectRunnable(1)
      .runToEnd()
      .expectStdout('b\na\nall done\n')
      .expectOutcome(0);
  });
});

describe('when the counter is already zero', () => {
  it('Wait returns at once', () => {
    const zero = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Wait()
	fmt.Println("through")
}
`;
    sim(zero).run(1).run(1).expectRunnable(1).runToEnd().expectStdout('through\n');
  });
});

describe('when several goroutines wait on one WaitGroup', () => {
  it('the last Done wakes them all', () => {
    const many = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var done sync.WaitGroup
	wg.Add(1)
	done.Add(2)
	go func() {
		wg.Wait()
		done.Done()
	}()
	go func() {
		wg.Wait()
		done.Done()
	}()
	wg.Done()
	done.Wait()
	fmt.Println("both woke")
}
`;
    sim(many)
      .runTo(1, 'wg.Done()')
      .runUntilBlocked(6)
      .runUntilBlocked(7)
      .expectBlocked(6, 'semacquire')
      .expectBlocked(7, 'semacquire')
      .run(1)
      .expectRunnable(6, 7)
      .runToEnd()
      .expectStdout('both woke\n');
  });
});

describe('when Done takes the counter below zero', () => {
  it('panics with "sync: negative WaitGroup counter", exit 2', () => {
    const neg = `package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Done()
	wg.Done()
}
`;
    sim(neg)
      .runToEnd()
      .expectOutcome(2, 'panic: sync: negative WaitGroup counter')
      .expectStderr(
        /^panic: sync: negative WaitGroup counter\n\ngoroutine 1 \[running\]:\nmain\.main\(\)\n\tmain\.go:9\n/,
      );
  });

  it('is an ordinary panic: recover catches it', () => {
    const rec = `package main

import (
	"fmt"
	"sync"
)

func main() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	var wg sync.WaitGroup
	wg.Add(-1)
}
`;
    sim(rec)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('recovered: sync: negative WaitGroup counter\n');
  });
});
