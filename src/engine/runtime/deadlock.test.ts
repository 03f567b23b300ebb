/**
 * Deadlock detection against runtime/proc.go's checkdead: reported only when no goroutine
 * can ever run again (and no timer is pending), with every goroutine and its wait reason.
 */
import { describe, it } from 'vitest';
import { sim } from '../testing/driver';

const DEADLOCK = 'fatal error: all goroutines are asleep - deadlock!';

describe('when every goroutine waits on something that will never come', () => {
  const src = `package main

import (
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	var rw sync.RWMutex
	var wg sync.WaitGroup
	mu.Lock()
	rw.RLock()
	wg.Add(3)
	go func() {
		mu.Lock()
		wg.Done()
	}()
	go func() {
		rw.Lock()
		wg.Done()
	}()
	go func() {
		time.Sleep(time.Millisecond)
		rw.RLock()
		wg.Done()
	}()
	wg.Wait()
}
`;

  it('reports the deadlock and each goroutine with its wait reason', () => {
    sim(src)
      .runToEnd()
      .expectOutcome(2, DEADLOCK)
      .expectStderr(
        new RegExp(
          [
            `^${DEADLOCK}\\n`,
            '\\ngoroutine 1 \\[semacquire\\]:\\nmain\\.main\\(\\)\\n\\tmain\\.go:28\\n',
            '\\ngoroutine 6 \\[sync\\.Mutex\\.Lock\\]:\\nmain\\.main\\.func1\\(\\)\\n\\tmain\\.go:16\\n[^]*?',
            '\\ngoroutine 7 \\[sync\\.RWMutex\\.Lock\\]:\\nmain\\.main\\.func2\\(\\)\\n\\tmain\\.go:20\\n[^]*?',
            '\\ngoroutine 8 \\[sync\\.RWMutex\\.RLock\\]:\\nmain\\.main\\.func3\\(\\)\\n\\tmain\\.go:25\\n',
          ].join(''),
        ),
      );
  });

  it('is the same deadlock whichever goroutine runs first', () => {
    for (const policy of ['roundrobin', 'random'] as const)
      sim(src)
        .runToEnd(policy)
        .expectOutcome(2, DEADLOCK)
        .expectStderr(/goroutine 1 \[semacquire\]:/);
  });
});

describe('when main waits in wg.Wait for a goroutine that never calls Done', () => {
  it('main shows [semacquire]', () => {
    const src = `package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {}()
	wg.Wait()
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(2, DEADLOCK)
      .expectStderr(`${DEADLOCK}\n\ngoroutine 1 [semacquire]:\nmain.main()\n\tmain.go:9\n`);
  });
});

describe('when some goroutines are stuck but main returns', () => {
  it('nothing is reported: the stuck goroutines are dropped', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	go func() {
		mu.Lock()
	}()
	go func() {
		mu.Lock()
	}()
	fmt.Println("bye")
}
`;
    sim(src)
      .runTo(1, 'fmt.Println("bye")')
      .runUntilBlocked(6)
      .runUntilBlocked(7)
      .expectBlocked(6, 'sync.Mutex.Lock')
      .runToEnd()
      .expectOutcome(0, '')
      .expectStdout('bye\n')
      .expectStderr('');
  });
});

describe('when the program deadlocks under -race', () => {
  it('Go does not report it: the run hangs (Interleave stops it with exit 124)', () => {
    const src = `package main

import "sync"

func main() {
	var mu sync.Mutex
	mu.Lock()
	mu.Lock()
}
`;
    sim(src, { race: true })
      .runToEnd()
      .expectOutcome(124)
      .expectStderr(/golang\/go#12734/);
  });
});
