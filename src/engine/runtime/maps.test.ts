/**
 * The Go map model against runtime/map.go: a write is check / set flag (XOR) / change / check
 * and clear; lookups check at entry (after the empty-map shortcut); range checks at every
 * step; len never checks. Goroutines are stepped by hand into exactly the overlaps that
 * make each message.
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../testing/driver';
import { compileGo, runProgram } from '../index';
import { explore } from '../explore/explore';

const program = (g6: string, g7: string, setup = 'm["a"] = 1') => `package main

import (
	"fmt"
	"sync"
)

func main() {
	m := map[string]int{}
	${setup}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		${g6}
		wg.Done()
	}()
	go func() {
		${g7}
		wg.Done()
	}()
	wg.Wait()
	fmt.Println("len", len(m))
}
`;

const SET_FLAG = /set writing flag/;
const CHANGE = /write entry|remove entry/;
const EXIT_CHECK = /check and clear writing flag/;

/** main has started G6 and G7 and waits; G6 is about to run its statement */
const ready = (g6: string, g7: string, setup?: string) =>
  sim(program(g6, g7, setup)).runUntilBlocked(1);

describe('when g6 is in the middle of a map write', () => {
  /** g6 has checked and set the writing flag, and not yet changed the entries */
  const writing = (g7: string, setup?: string) =>
    ready('m["b"] = 2', g7, setup)
      .runToNext(6, SET_FLAG)
      .run(6)
      .expectNext(6, CHANGE)
      .check((s) => expect(s.map('m').writing).toBe(true));

  it('a second writer dies at its entry check: concurrent map writes', () => {
    writing('m["c"] = 3')
      .runUntilBlocked(7)
      .expectOutcome(2, 'fatal error: concurrent map writes')
      .expectStderr(/^fatal error: concurrent map writes\n\ngoroutine 7 \[running\]:\n/)
      .check((s) => expect(s.m.outcome?.kind).toBe('fatal'));
  });

  it('a delete dies the same way', () => {
    writing('delete(m, "a")')
      .runUntilBlocked(7)
      .expectOutcome(2, 'fatal error: concurrent map writes');
  });

  it('a reader dies: concurrent map read and map write', () => {
    writing('fmt.Println(m["a"])')
      .runUntilBlocked(7)
      .expectOutcome(2, 'fatal error: concurrent map read and map write')
      .expectStderr(/goroutine 7 \[running\]:/);
  });

  it('a comma-ok reader dies the same way', () => {
    writing('_, ok := m["a"]\n\t\tfmt.Println(ok)')
      .runUntilBlocked(7)
      .expectOutcome(2, 'fatal error: concurrent map read and map write');
  });

  it('len(m) does not check the flag: it never throws', () => {
    writing('fmt.Println("len is", len(m))')
      .runUntilBlocked(7)
      .expectDone(7)
      .expectAlive()
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('len is 1\nlen 2\n');
  });

  it('reading a still-empty map does not throw: the lookup returns before its check', () => {
    writing('fmt.Println("got", m["x"])', '')
      .check((s) => expect(s.map('m').m.size).toBe(0))
      .runUntilBlocked(7)
      .expectAlive()
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('got 0\nlen 1\n');
  });

  it('deleting from a still-empty map does not throw either', () => {
    writing('delete(m, "x")', '').runUntilBlocked(7).expectAlive().runToEnd().expectOutcome(0);
  });
});

describe('when g7 ranges over the map and g6 writes during the loop', () => {
  it('the next step of the loop dies: concurrent map iteration and map write', () => {
    ready(
      'm["b"] = 2',
      'for k := range m {\n\t\t\tfmt.Println(k)\n\t\t}',
      'm["a"] = 1\n\tm["z"] = 26',
    )
      .runTo(7, 'fmt.Println(k)')
      .run(7)
      .check((s) => expect(s.m.stdout).toMatch(/^[az]\n$/))
      .runToNext(6, SET_FLAG)
      .run(6)
      .expectAlive()
      .expectNext(7, /range: next map entry/)
      .run(7)
      .expectOutcome(2, 'fatal error: concurrent map iteration and map write')
      .expectStderr(/goroutine 7 \[running\]:/);
  });
});

describe('when two writers both pass the entry check', () => {
  /** g6 and g7 have both checked the flag (clear) and neither has set it */
  const bothChecked = () =>
    ready('m["b"] = 2', 'm["c"] = 3').runToNext(6, SET_FLAG).runToNext(7, SET_FLAG);

  it("their XOR toggles un-set each other's flag", () => {
    bothChecked()
      .run(6)
      .check((s) => expect(s.map('m').writing).toBe(true))
      .run(7)
      .expectEvent({ t: 'map', g: 7, op: 'flag', writing: false })
      .check((s) => expect(s.map('m').writing).toBe(false))
      .expectAlive();
  });

  it('g6 dies at its exit check if it gets there first', () => {
    bothChecked()
      .steps(6, 7, 6)
      .expectNext(6, EXIT_CHECK)
      .run(6)
      .expectOutcome(2, 'fatal error: concurrent map writes')
      .expectStderr(/^fatal error: concurrent map writes\n\ngoroutine 6 \[running\]:\n/);
  });

  it('or g7 dies at its exit check', () => {
    bothChecked()
      .steps(6, 7, 7)
      .expectNext(7, EXIT_CHECK)
      .run(7)
      .expectOutcome(2, 'fatal error: concurrent map writes')
      .expectStderr(/goroutine 7 \[running\]:/);
  });
});

describe('when two unlocked writes happen not to overlap', () => {
  const apart = () => ready('m["b"] = 2', 'm["c"] = 3');

  it('nothing is detected: the program ends cleanly', () => {
    apart()
      .runUntilBlocked(6)
      .runUntilBlocked(7)
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('len 3\n')
      .expectStderr('');
  });

  it('the race detector still reports them', () => {
    const s = sim(program('m["b"] = 2', 'm["c"] = 3'), { race: true });
    s.runUntilBlocked(1)
      .runUntilBlocked(6)
      .runUntilBlocked(7)
      .runToEnd()
      .expectOutcome(66, 'WARNING: DATA RACE')
      .expectStderr(/WARNING: DATA RACE[\s\S]*Found 1 data race\(s\)\n$/);
  });
});

describe('when a goroutine writes to a nil map', () => {
  const nilMap = (body: string) => `package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	var m map[string]int
	fmt.Println(m["x"], len(m))
	${body}
}
`;

  it('reading and len are fine; the write panics: assignment to entry in nil map', () => {
    const src = nilMap('m["x"] = 1').replace(/\tdefer func\(\) \{\n.*\n\t\}\(\)\n/, '');
    sim(src)
      .runToEnd()
      .expectStdout('0 0\n')
      .expectOutcome(2, 'panic: assignment to entry in nil map')
      .expectStderr(
        /^panic: assignment to entry in nil map\n\ngoroutine 1 \[running\]:\nmain\.main\(\)\n/,
      );
  });

  it('is an ordinary panic: recover catches it', () => {
    sim(nilMap('m["x"] = 1'))
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('0 0\nrecovered: assignment to entry in nil map\n');
  });

  it('delete on a nil map is a no-op', () => {
    sim(nilMap('delete(m, "x")'))
      .runToEnd()
      .expectOutcome(0)
      .expectStdout('0 0\nrecovered: <nil>\n');
  });
});

describe('the order of a range over a map', () => {
  const ranging = (body: string) => `package main

import (
	"fmt"
	"sync"
)

func order(m map[string]int) string {
	s := ""
	for k := range m {
		s += k
	}
	return s
}

func main() {
	m := map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]string{}
	_, _, _ = &wg, &mu, seen
	${body}
}
`;

  it('does not depend on the schedule: what one goroutine sees, another’s ranges do not change', () => {
    const c = compileGo(
      ranging(`wg.Add(2)
	go func() { defer wg.Done(); o := order(m); mu.Lock(); seen["G6"] = o; mu.Unlock() }()
	go func() { defer wg.Done(); o := order(m); mu.Lock(); seen["G7"] = o; mu.Unlock() }()
	wg.Wait()
	fmt.Println(seen)`),
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const r = explore(c.program, { reduce: false, maxStates: 500_000 });
    expect(r.complete).toBe(true);
    // one result under every schedule (with one generator shared by all ranges, which
    // goroutine started first decided both orders: two results)
    expect(r.outcomes.map((o) => o.stdout)).toHaveLength(1);
  });

  it('starts somewhere else at a goroutine’s next range, and differs from seed to seed', () => {
    const c = compileGo(
      ranging(`for i := 0; i < 6; i++ {
		fmt.Println(order(m))
	}`),
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const orders = (seed: number) => runProgram(c.program, { seed }).stdout.trim().split('\n');
    expect(new Set(orders(1)).size).toBeGreaterThan(1);
    expect(orders(1)).toEqual(orders(1));
    expect(orders(2)).not.toEqual(orders(1));
    // each a rotation of the order the keys went in, as a Go map's random start is
    for (const o of orders(3)) expect('abcdeabcde').toContain(o);
  });
});
