/**
 * sync.RWMutex, situation by situation, against Go's sync/rwmutex.go: readers together,
 * writer preference, the readers a writer lets in before the next writer, misuse, and the
 * Try variants.
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../testing/driver';

const store = `package main

import (
	"fmt"
	"sync"
)

var rw sync.RWMutex
var wg sync.WaitGroup
var x int

func reader(name string) {
	rw.RLock()
	fmt.Println(name, "reads", x)
	rw.RUnlock()
	wg.Done()
}

func writer(name string) {
	rw.Lock()
	x++
	fmt.Println(name, "writes", x)
	rw.Unlock()
	wg.Done()
}

func main() {
	wg.Add(5)
	go reader("r1")
	go reader("r2")
	go writer("w1")
	go reader("r3")
	go writer("w2")
	wg.Wait()
}
`;

const R1 = 6;
const R2 = 7;
const W1 = 8;
const R3 = 9;
const W2 = 10;

/** main has started r1, r2, w1, r3, w2 (G6-G10) and waits in wg.Wait; none has run */
const started = () => sim(store).runUntilBlocked(1).expectBlocked(1, 'semacquire');

describe('when r1 holds a read lock and r2 asks for one', () => {
  it('both hold it together', () => {
    started()
      .run(R1)
      .run(R2)
      .expectRunnable(R1, R2)
      .check((s) => expect(s.rwmutex('rw').readers).toEqual([R1, R2]))
      .expectEvent({ t: 'acquire', g: R2, mode: 'rlock' })
      .runToEnd()
      .expectOutcome(0);
  });
});

describe('when r1 holds a read lock and w1 asks for the write lock', () => {
  /** r1 reads; w1 has taken w, announced itself and waits for r1 */
  const pending = () => started().run(R1).runUntilBlocked(W1);

  it('w1 takes w, announces itself, and waits for the reader with reason sync.RWMutex.Lock', () => {
    pending()
      .expectBlocked(W1, 'sync.RWMutex.Lock')
      .expectLogged({ t: 'writer-pending', g: W1, readers: 1 })
      .check((s) => expect(s.rwmutex('rw').readerCount).toBe(1 - 2 ** 30))
      .check((s) => expect(s.rwmutex('rw').readerWait).toBe(1));
  });

  it('a new reader blocks: once a writer waits, readers queue behind it', () => {
    pending()
      .runUntilBlocked(R3)
      .expectBlocked(R3, 'sync.RWMutex.RLock')
      .check((s) => expect(s.rwmutex('rw').readers).toEqual([R1]))
      .check((s) => expect(s.rwmutex('rw').readerQ).toEqual([R3]));
  });

  it('the last reader to leave wakes w1, which then holds the lock', () => {
    pending()
      .runTo(R1, 'rw.RUnlock()')
      .run(R1)
      .expectEvent({ t: 'wake', g: W1, by: R1 })
      .expectRunnable(W1)
      .run(W1)
      .expectHolder('rw', W1)
      .check((s) => expect(s.rwmutex('rw').readers).toEqual([]));
  });

  it('a second writer waits for w with reason sync.Mutex.Lock', () => {
    pending().runUntilBlocked(W2).expectBlocked(W2, 'sync.Mutex.Lock').expectQueue('rw', [W2]);
  });
});

describe('when w1 holds the write lock while r3 and then w2 ask', () => {
  /** w1 holds rw; r3 waits to read; w2 waits for w */
  const writing = () =>
    started()
      .runTo(W1, 'x++')
      .expectHolder('rw', W1)
      .runUntilBlocked(R3)
      .runUntilBlocked(W2)
      .expectBlocked(R3, 'sync.RWMutex.RLock')
      .expectBlocked(W2, 'sync.Mutex.Lock');

  it("w1's Unlock lets r3 in before w2 can write", () => {
    writing()
      .runTo(W1, 'rw.Unlock()')
      .run(W1)
      .expectRunnable(R3, W2)
      .check((s) => expect(s.rwmutex('rw').readers).toEqual([R3]))
      .runUntilBlocked(W2)
      .expectBlocked(W2, 'sync.RWMutex.Lock')
      .runToEnd()
      .check((s) => {
        const out = s.m.stdout;
        expect(out.indexOf('r3 reads 1')).toBeGreaterThanOrEqual(0);
        expect(out.indexOf('r3 reads 1')).toBeLessThan(out.indexOf('w2 writes 2'));
      })
      .expectOutcome(0);
  });
});

describe('when a goroutine holding a read lock takes it again and a writer arrived in between', () => {
  it('deadlocks: the second RLock waits behind the writer, which waits for the first', () => {
    const src = `package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var rw sync.RWMutex
	rw.RLock()
	go func() {
		rw.Lock()
		fmt.Println("writer in")
		rw.Unlock()
	}()
	time.Sleep(time.Millisecond)
	rw.RLock()
	fmt.Println("read twice")
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(2, 'fatal error: all goroutines are asleep - deadlock!')
      .expectStdout('')
      .expectStderr(
        /goroutine 1 \[sync\.RWMutex\.RLock\]:[\s\S]*goroutine 6 \[sync\.RWMutex\.Lock\]:/,
      );
  });

  it('takes it twice without trouble when no writer came', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	rw.RLock()
	rw.RLock()
	fmt.Println("read twice")
	rw.RUnlock()
	rw.RUnlock()
}
`;
    sim(src).runToEnd().expectOutcome(0).expectStdout('read twice\n');
  });
});

describe('when a goroutine holding a read lock asks for the write lock', () => {
  it('deadlocks on itself', () => {
    const src = `package main

import "sync"

func main() {
	var rw sync.RWMutex
	rw.RLock()
	rw.Lock()
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(2, 'fatal error: all goroutines are asleep - deadlock!')
      .expectStderr(/goroutine 1 \[sync\.RWMutex\.Lock\]:/);
  });
});

describe('when an RWMutex is unlocked the wrong way', () => {
  const misuse = (body: string) => `package main

import (
	"fmt"
	"sync"
)

func main() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	var rw sync.RWMutex
${body}
}
`;

  it('RUnlock of an unlocked RWMutex is a fatal error', () => {
    sim(misuse('\trw.RUnlock()'))
      .runToEnd()
      .expectOutcome(2, 'fatal error: sync: RUnlock of unlocked RWMutex')
      .expectStderr(/^fatal error: sync: RUnlock of unlocked RWMutex\n\ngoroutine 1 \[running\]:\n/)
      .expectStdout('');
  });

  it('Unlock of an unlocked RWMutex is a fatal error (capital U)', () => {
    sim(misuse('\trw.Unlock()'))
      .runToEnd()
      .expectOutcome(2, 'fatal error: sync: Unlock of unlocked RWMutex')
      .expectStdout('');
  });

  it('RLock then Unlock gives the same Unlock message', () => {
    sim(misuse('\trw.RLock()\n\trw.Unlock()'))
      .runToEnd()
      .expectOutcome(2, 'fatal error: sync: Unlock of unlocked RWMutex')
      .expectStdout('');
  });

  it('Lock then RUnlock gives the RUnlock message', () => {
    sim(misuse('\trw.Lock()\n\trw.RUnlock()'))
      .runToEnd()
      .expectOutcome(2, 'fatal error: sync: RUnlock of unlocked RWMutex')
      .expectStdout('');
  });
});

describe('when goroutines try TryLock and TryRLock', () => {
  it('TryRLock is false while a writer is pending, not only while one holds the lock', () => {
    const src = `package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var rw sync.RWMutex
	var wg sync.WaitGroup
	rw.RLock()
	wg.Add(1)
	go func() {
		rw.Lock()
		rw.Unlock()
		wg.Done()
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("pending: TryRLock", rw.TryRLock(), "TryLock", rw.TryLock())
	rw.RUnlock()
	wg.Wait()
	fmt.Println("free: TryLock", rw.TryLock())
	fmt.Println("held: TryRLock", rw.TryRLock(), "TryLock", rw.TryLock())
	rw.Unlock()
	fmt.Println("free: TryRLock", rw.TryRLock(), rw.TryRLock())
	fmt.Println("read-held: TryLock", rw.TryLock())
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout(
        [
          'pending: TryRLock false TryLock false',
          'free: TryLock true',
          'held: TryRLock false TryLock false',
          'free: TryRLock true true',
          'read-held: TryLock false',
          '',
        ].join('\n'),
      );
  });

  it('TryLock and TryRLock never block or queue', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	rw.Lock()
	fmt.Println(rw.TryLock(), rw.TryRLock())
}
`;
    sim(src)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('false false\n')
      .check((s) => expect(s.rwmutex('rw').readerQ).toEqual([]))
      .expectQueue('rw', []);
  });
});
