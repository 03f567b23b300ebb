/**
 * The Go map model against runtime/map.go: a write is check / set flag (XOR) / change / check
 * and clear; lookups check at entry (after the empty-map shortcut); range checks at every
 * step; len never checks. Goroutines are stepped by hand into exactly the overlaps that
 * make each message.
 */
import { describe, expect, it, vi } from 'vitest';
import { refusal, sim } from '../testing/driver';
import { compileGo, runProgram } from '../index';
import { explore } from '../explore/explore';
import { Machine } from './machine';
import { snapshot } from './snapshot';
import { readFileSync } from 'node:fs';

/**
 * Every outcome the explorer finds for src (first line, else stdout), with and without its
 * reductions: each search must be complete, and both must find the same outcomes.
 */
function outcomesBothWays(src: string): string[] {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  const found = (reduce: boolean) => {
    const r = explore(c.program, { reduce, maxStates: 200_000 });
    expect(r.complete).toBe(true);
    return r.outcomes.map((o) => o.first || o.stdout.trim()).sort();
  };
  const reduced = found(true);
  expect(found(false)).toEqual(reduced);
  return reduced;
}

/** The fixture in which a pointer reaches G7 only as a map key: a *Counter, or an `any`. */
function keyRace(asInterface = false): string {
  const src = readFileSync(new URL('../fixtures/pointer-keys-race.go', import.meta.url), 'utf8');
  if (!asInterface) return src;
  const out = src
    .replace('map[*Counter]bool{}', 'map[any]bool{}')
    .replace('for k := range m {', 'for key := range m {\n\t\t\tk := key.(*Counter)');
  expect(out).toContain('map[any]bool{}');
  expect(out).toContain('key.(*Counter)');
  return out;
}

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

describe('structs and arrays as map keys', () => {
  it('compare field by field, print sorted field by field, and range over copies', () => {
    const src = readFileSync(new URL('../fixtures/struct-keys.go', import.meta.url), 'utf8');
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, { seed: 5 }).stdout).toBe(
      [
        'true 1 false',
        'map[{1 2}:true {9 5}:true {10 0}:false]',
        'true true',
        'map[{1 2}:true {10 0}:false]',
        'map[{{0 0} b}:3 {{0 1} a}:1] map[{p:{x:0 y:0} name:b}:3 {p:{x:0 y:1} name:a}:1]',
        'map[[0 5]:y [1 2]:x] y',
        'map[x/y:1]',
        // (changing the range's copy of a key changes nothing in the map)
        '204 map[{{0 0} b}:3 {{0 1} a}:1]',
        'map[{0 0}:2 {1 0}:1]',
        '',
      ].join('\n'),
    );
  });

  it('are shown as Go writes them, and two goroutines writing different keys still crash', () => {
    const s = sim(
      program('m[pt{1, 2}] = 1', 'm[pt{3, 4}] = 2', '')
        .replace('m := map[string]int{}', 'm := map[pt]int{}')
        .concat('\ntype pt struct{ x, y int }\n'),
    );
    s.runUntilBlocked(1).runToNext(6, SET_FLAG).run(6).expectNext(6, CHANGE);
    expect(s.map('m').writing).toBe(true);
    s.runUntilBlocked(7).expectOutcome(2, 'fatal error: concurrent map writes');
    // what the map card and the narration show
    const keys = s.log.flatMap((e) => (e.t === 'map' ? [`G${e.g} ${e.op} ${e.key}`] : []));
    expect(keys).toContain('G6 check pt{1, 2}');
    const done = sim(
      'package main\n\ntype pt struct{ x, y int }\n\nfunc main() {\n\tm := map[pt][2]string{{1, 2}: {"a", "b"}}\n\tg := map[[2]string]int{{"a", "b"}: 1}\n\t_, _ = m, g\n}\n',
    ).runToEnd();
    expect(snapshot(done.m).maps.map((v) => v.entries.map((e) => e.key))).toEqual([
      ['pt{1, 2}'],
      ['[2]string{"a", "b"}'],
    ]);
  });

  it('the explorer finds what unlocked writes of different keys do, with or without reduction', () => {
    const src = program('m[pt{1, 2}]++', 'm[pt{3, 4}]++', '')
      .replace('m := map[string]int{}', 'm := map[pt]int{}')
      .concat('\ntype pt struct{ x, y int }\n');
    expect(outcomesBothWays(src)).toEqual([
      'fatal error: concurrent map read and map write',
      'fatal error: concurrent map writes',
      'len 2',
    ]);
  });

  it('pointers: equal when they point to the same variable, nil included, shown by address', () => {
    const src = readFileSync(new URL('../fixtures/pointer-keys.go', import.meta.url), 'utf8');
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, { seed: 3 }).stdout).toBe('1 true false true\ntrue 2\n');
    const done = sim(
      'package main\n\nimport "fmt"\n\nfunc main() {\n\tx, y := 1, 2\n\tm := map[*int]string{&y: "y", &x: "x", nil: "none"}\n\tfmt.Println(len(m), m[&x], m[nil])\n\tfmt.Println(m)\n}\n',
    ).runToEnd();
    const [first, printed] = done.m.stdout.split('\n');
    expect(first).toBe('3 x none');
    // fmt sorts pointers by address, nil first
    expect(printed).toMatch(/^map\[<nil>:none 0xc[0-9a-f]+:(x|y) 0xc[0-9a-f]+:(x|y)\]$/);
    const keys = snapshot(done.m).maps.flatMap((v) => v.entries.map((e) => e.key));
    expect(keys).toContain('nil');
    expect(keys.filter((k) => /^0xc[0-9a-f]+$/.test(k))).toHaveLength(2);
  });

  it('a pointer key reaches its object: the explorer interleaves updates made through it', () => {
    // 10: G7's += 10 lands between G6's read and write of n, and is lost
    expect(outcomesBothWays(keyRace())).toEqual(['1', '10', '11']);
  });

  it('interfaces: equal by dynamic type and value, nil included; an unhashable value panics', () => {
    const src = readFileSync(new URL('../fixtures/interface-keys.go', import.meta.url), 'utf8');
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, { seed: 2 }).stdout).toBe(
      [
        '7 1 2 3 6 7 0',
        '8 0',
        '2 2',
        '3',
        'map[1:false 2:true a:false b:true]',
        'recovered: runtime error: hash of unhashable type []int',
        '',
      ].join('\n'),
    );
    // and a pointer inside an interface key is followed by the explorer as a pointer key is
    expect(outcomesBothWays(keyRace(true))).toEqual(['1', '10', '11']);
  });

  it('are drawn at every step: map[any] and a sync.Map holding all kinds of keys', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

type point struct{ x, y int }

type ID string

func main() {
	var sm sync.Map
	m := map[any]int{}
	p := &point{}
	for _, k := range []any{point{1, 2}, p, "x", ID("x"), 7, int64(7), nil, true} {
		sm.Store(k, 1)
		m[k]++
	}
	fmt.Println(len(m))
}
`;
    const s = sim(src);
    const keys = new Set<string>();
    while (!s.m.outcome) {
      s.run(1);
      for (const v of snapshot(s.m).maps) for (const e of v.entries) keys.add(e.key);
    }
    expect(s.m.stdout).toBe('8\n');
    for (const k of ['point{1, 2}', '"x"', 'ID("x")', '7', 'int64(7)', 'nil', 'true'])
      expect(keys).toContain(k);
    expect([...keys].some((k) => /^0xc[0-9a-f]+$/.test(k))).toBe(true);
  });

  it('may not hold a struct with a pointer or an interface inside: that is refused, saying what is supported', () => {
    for (const [key, type] of [
      ['struct{ p *int }', 'struct{p *int}'],
      ['struct{ e error }', 'struct{e error}'],
    ]) {
      const c = compileGo(`package main\n\nfunc main() {\n\t_ = map[${key}]int{}\n}\n`);
      expect(c.ok).toBe(false);
      if (!c.ok)
        expect(c.diagnostics[0]?.msg).toBe(
          `unsupported: map keys of type ${type}; use keys of basic types (string, int, bool…), pointers, interfaces, or structs and arrays of basic types`,
        );
    }
  });
});

describe("Go 1.23's map iterators: maps.Keys, Values and All", () => {
  const compile = (src: string) => {
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    return c.program;
  };
  const fixture = (name: string) =>
    readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

  it('range over the map in for statements, slices.Collect and slices.Sorted (nil when empty)', () => {
    const r = runProgram(compile(fixture('maps-iterators.go')), { seed: 3 });
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe('true true 0\n[job-0 job-1 job-2] 3\n15\n');
  });

  it('collect in the order a range over the map takes, which the seed fixes', () => {
    // (two ranges in one goroutine start at different places: compare each with a range of its own)
    const orders = [1, 2, 3, 4, 5].map(
      (seed) =>
        runProgram(
          compile(
            'package main\n\nimport (\n\t"fmt"\n\t"maps"\n\t"slices"\n)\n\nfunc main() {\n\tm := map[int]bool{1: true, 2: true, 3: true, 4: true}\n\tfmt.Println(slices.Collect(maps.Keys(m)))\n}\n',
          ),
          { seed },
        ).stdout,
    );
    const ranged = [1, 2, 3, 4, 5].map(
      (seed) =>
        runProgram(
          compile(
            'package main\n\nimport "fmt"\n\nfunc main() {\n\tm := map[int]bool{1: true, 2: true, 3: true, 4: true}\n\tvar ks []int\n\tfor k := range m {\n\t\tks = append(ks, k)\n\t}\n\tfmt.Println(ks)\n}\n',
          ),
          { seed },
        ).stdout,
    );
    expect(orders).toEqual(ranged);
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('without the lock, a write during slices.Sorted(maps.Keys(m)) is a concurrent map iteration and map write', () => {
    expect(outcomesBothWays(fixture('maps-keys-unlocked.go'))).toEqual([
      '[a b c]',
      '[a b]',
      'fatal error: concurrent map iteration and map write',
    ]);
  });

  it.each([
    [
      'x := maps.Keys(m)\n\t_ = x',
      '12:12: unsupported: maps.Keys returns an iterator (iter.Seq), which Interleave runs only in a for range statement, slices.Collect or slices.Sorted',
    ],
    [
      'for a, b := range maps.Keys(m) {\n\t\t_, _ = a, b\n\t}',
      '12:9: range over maps.Keys(m) (value of type iter.Seq[string]) permits only one iteration variable',
    ],
    [
      '_ = slices.Sorted(maps.Values(m))',
      '12:6: in call to slices.Sorted, E (type J) does not satisfy cmp.Ordered',
    ],
    [
      '_ = slices.Collect(maps.All(m))',
      '12:21: in call to slices.Collect, type iter.Seq2[string, J] of maps.All(m) does not match iter.Seq[E] (cannot infer E)',
    ],
    [
      '_ = slices.Collect(func(yield func(int) bool) {})',
      '12:13: unsupported: slices.Collect of anything but maps.Keys(m) or maps.Values(m) (iterators are not simulated yet)',
    ],
  ])('refuses what it cannot run, in Go words where Go refuses it too: %s', (body, want) => {
    expect(
      refusal(
        `package main\n\nimport (\n\t"maps"\n\t"slices"\n)\n\ntype J struct{ A int }\n\nfunc main() {\n\tm := map[string]J{}\n\t${body}\n\tslices.Sort([]int{})\n}\n`,
      ),
    ).toBe(want);
  });
});

describe('map events', () => {
  it('are made as text only by a recording machine (a plain run makes no strings for them)', () => {
    const c = compileGo(
      'package main\n\nimport "fmt"\n\nfunc main() {\n\tm := map[string]int{}\n\tm["a"] = 1\n\t_ = m["a"]\n\tfor k, v := range m {\n\t\tfmt.Println(k, v, len(m))\n\t}\n}\n',
    );
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const shown = (record: boolean) => {
      const show = vi.spyOn(Machine.prototype, 'show');
      const showKey = vi.spyOn(Machine.prototype, 'showKey');
      const m = new Machine(c.program, { record });
      while (!m.outcome) m.step(m.nthRunnable(0));
      expect(m.stdout).toBe('a 1 1\n');
      const n = show.mock.calls.length + showKey.mock.calls.length;
      vi.restoreAllMocks();
      return n;
    };
    expect(shown(false)).toBe(0);
    // (and the simulator's machine does make them: the count above can fail)
    expect(shown(true)).toBeGreaterThanOrEqual(6);
  });
});

describe('maps.Clone', () => {
  const run = (src: string) => {
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    return c.program;
  };

  it('copies the entries into a new map (a nil map stays nil), so a snapshot taken under the lock is the caller’s own', () => {
    expect(
      runProgram(
        run(`package main

import (
	"fmt"
	"maps"
	"sync"
)

type Job struct {
	ID   string
	Done bool
}

type Store struct {
	mu   sync.Mutex
	jobs map[string]Job
}

func (s *Store) Snapshot() map[string]Job {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.jobs)
}

func main() {
	s := &Store{jobs: map[string]Job{"a": {ID: "a"}}}
	snap := s.Snapshot()
	s.jobs["b"] = Job{ID: "b"}
	j := snap["a"]
	j.Done = true
	snap["a"] = j
	fmt.Println(len(snap), len(s.jobs), s.jobs["a"].Done, snap["a"].Done)
	var nilMap map[string]int
	c := maps.Clone(nilMap)
	fmt.Println(c == nil, len(maps.Clone(map[int]int{1: 2})))
}
`),
        { seed: 1 },
      ).stdout,
    ).toBe('1 2 false true\ntrue 1\n');
  });

  it('dies as Go does when it clones a map another goroutine is writing, under some schedule', () => {
    const r = explore(
      run(`package main

import (
	"fmt"
	"maps"
	"sync"
)

func main() {
	m := map[int]int{0: 0}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 1; i < 3; i++ {
			m[i] = i
		}
	}()
	go func() {
		defer wg.Done()
		c := maps.Clone(m)
		_ = c
	}()
	wg.Wait()
	fmt.Println(len(m))
}
`),
      { maxStates: 100_000 },
    );
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.first).sort()).toEqual([
      '',
      'fatal error: concurrent map clone and map write',
    ]);
    // (in the explanation, what the dying goroutine did to the map)
    expect(r.outcomes.find((o) => o.exit === 2)?.what).toMatch(
      /^G7 cloned the map at line 21 while G6 was writing it \(line 16\)/,
    );
  });
});

describe('maps.Copy, Equal, EqualFunc and DeleteFunc', () => {
  const program = (body: string, extra = '') => {
    const c = compileGo(`package main

import (
	"fmt"
	"maps"
	"sync"
)

var _ sync.Mutex
var _ = fmt.Sprint
${extra}
func main() {
${body}
}
`);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    return c.program;
  };
  const errorOf = (body: string) => {
    const c = compileGo(`package main

import "maps"

func main() {
${body}
}
`);
    return c.ok ? 'compiled' : (c.diagnostics[0]?.msg ?? '');
  };

  it('give what Go’s loops give: Copy overwrites and adds, Equal and EqualFunc compare entries, DeleteFunc deletes while ranging', () => {
    const r = runProgram(
      program(`	a := map[string]int{"x": 1, "y": 2}
	b := map[string]int{"x": 9, "z": 3}
	maps.Copy(b, a)
	fmt.Println(b)
	var none map[string]int
	maps.Copy(none, map[string]int{})
	fmt.Println(maps.Equal(a, b), maps.Equal(a, map[string]int{"y": 2, "x": 1}), maps.Equal(none, map[string]int{}))
	maps.DeleteFunc(b, func(k string, v int) bool { return v > 1 })
	fmt.Println(b)
	lens := map[int]string{1: "a", 2: "bb"}
	fmt.Println(maps.EqualFunc(lens, map[int]int{1: 1, 2: 2}, func(s string, n int) bool { return len(s) == n }))
	fmt.Println(maps.EqualFunc(lens, map[int]int{1: 1, 3: 2}, func(s string, n int) bool { return len(s) == n }))
	type P struct{ X int }
	ps := map[P]P{{1}: {2}}
	qs := map[P]P{}
	maps.Copy(qs, ps)
	q := qs[P{1}]
	q.X = 7
	fmt.Println(ps, qs, q)`),
      { seed: 1 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'map[x:1 y:2 z:3]\nfalse true true\nmap[x:1]\ntrue\nfalse\nmap[{1}:{2}] map[{1}:{2}] {7}\n',
    );
  });

  it('panic as Go’s code does: a write to a nil map, an uncomparable value, a panic in the callback (program frames only)', () => {
    const nilMap = runProgram(
      program(`	var none map[string]int
	maps.Copy(none, map[string]int{"a": 1})`),
      { seed: 1 },
    );
    expect(nilMap.outcome.code).toBe(2);
    expect(nilMap.stderr).toMatch(
      /^panic: assignment to entry in nil map\n\ngoroutine 1 \[running\]:\nmain\.main\(\)\n\t\S+:14\n/,
    );
    const uncomparable = runProgram(
      program(`	fmt.Println(maps.Equal(map[int]any{1: []int{1}}, map[int]any{1: []int{1}}))`),
      { seed: 1 },
    );
    expect(uncomparable.stderr).toMatch(
      /^panic: runtime error: comparing uncomparable type \[\]int\n/,
    );
    const callback = runProgram(
      program(`	maps.DeleteFunc(map[int]int{1: 1}, func(k, v int) bool { panic("no") })`),
      { seed: 1 },
    );
    expect(callback.stderr).toMatch(
      /^panic: no\n\ngoroutine 1 \[running\]:\nmain\.main\.func1\(\.\.\.\)\n\t\S+:13\nmain\.main\(\)\n\t\S+:13\n/,
    );
  });

  it('range over the map step by step, so a goroutine writing it meanwhile is fatal under some schedule, as in Go', () => {
    // (dst is equal to src, so that Equal goes past its len check and ranges)
    const race = (call: string) =>
      explore(
        program(`	src := map[int]int{0: 0, 1: 1}
	dst := map[int]int{0: 0, 1: 1}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		src[2] = 2
	}()
	go func() {
		defer wg.Done()
		${call}
	}()
	wg.Wait()
	fmt.Println("done")`),
        { maxStates: 100_000 },
      );
    for (const call of [
      'maps.Copy(dst, src)',
      'maps.DeleteFunc(src, func(k, v int) bool { return dst == nil })',
      '_ = maps.Equal(src, dst)',
    ]) {
      const r = race(call);
      expect(r.complete).toBe(true);
      expect(r.outcomes.map((o) => o.first).sort()).toEqual([
        '',
        'fatal error: concurrent map iteration and map write',
      ]);
      expect(r.outcomes.find((o) => o.exit === 2)?.what).toMatch(
        /^G7 iterated over the map at line 23 while G6 was writing it \(line 19\)/,
      );
    }
    // two copies into one map: their writes collide
    const writes = explore(
      program(`	dst := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(2)
	for i := range 2 {
		go func() {
			defer wg.Done()
			maps.Copy(dst, map[int]int{i: i})
		}()
	}
	wg.Wait()
	fmt.Println(len(dst))`),
      { maxStates: 100_000 },
    );
    expect(writes.complete).toBe(true);
    expect(writes.outcomes.map((o) => o.first || o.stdout).sort()).toEqual([
      '2\n',
      'fatal error: concurrent map writes',
    ]);
  });

  it('are refused as gc refuses them: a map of another type, not a map, an uncomparable V, a wrong count', () => {
    expect(errorOf('\tmaps.Copy(map[string]int{}, map[string]string{})')).toBe(
      'in call to maps.Copy, M2 (type map[string]string) does not satisfy ~map[string]int',
    );
    expect(errorOf('\tmaps.Copy([]int{}, map[int]int{})')).toBe(
      'in call to maps.Copy, M1 (type []int) does not satisfy ~map[K]V',
    );
    expect(errorOf('\t_ = maps.Equal(map[int][]int{}, map[int][]int{})')).toBe(
      'in call to maps.Equal, V (type []int) does not satisfy comparable',
    );
    expect(errorOf('\tmaps.Copy(map[int]int{})')).toBe(
      'not enough arguments in call to maps.Copy\n\thave (map[int]int)\n\twant (M1, M2)',
    );
    // (gc's words here come from type inference; Interleave says what is wrong in its own)
    expect(errorOf('\tmaps.DeleteFunc(map[int]int{}, func(k int) bool { return true })')).toMatch(
      /as func\(int, int\) bool value in argument to maps\.DeleteFunc$/,
    );
  });
});
