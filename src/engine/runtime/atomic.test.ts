/**
 * sync/atomic: each operation is one indivisible visible step, so no schedule loses an atomic
 * update; the race detector treats atomics as synchronising (Go's memory model: sequentially
 * consistent) and reports an atomic access only against a plain one; the typed values print
 * and vet as Go's do. Every claim about "every schedule" is checked by the explorer.
 */
import { describe, expect, it } from 'vitest';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { explore } from '../explore/explore';
import { readFileSync } from 'node:fs';
import { Machine } from './machine';
import { snapshot } from './snapshot';
import { refusal } from '../testing/driver';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

/** Three goroutines each run `body` once over `var n int64`; main prints n. */
const three = (body: string, decl = 'var n int64', print = 'n') => `package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	${decl}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			${body}
		}()
	}
	wg.Wait()
	fmt.Println(${print})
	_ = atomic.LoadInt64
}
`;

/** The distinct stdout of every schedule, and whether the search covered them all. */
function everyStdout(src: string, race = false): { complete: boolean; outputs: string[] } {
  const r = explore(compile(src), { race, maxStates: 200_000 });
  return { complete: r.complete, outputs: [...new Set(r.outcomes.map((o) => o.stdout))].sort() };
}

describe('when goroutines update one counter', () => {
  it('a plain n++ loses updates under some schedules', () => {
    expect(everyStdout(three('n++'))).toEqual({ complete: true, outputs: ['1\n', '2\n', '3\n'] });
  });

  it('atomic.AddInt64 loses none, under every schedule', () => {
    expect(everyStdout(three('atomic.AddInt64(&n, 1)'))).toEqual({
      complete: true,
      outputs: ['3\n'],
    });
  });

  it('a load then a store is two steps, and loses updates like n++', () => {
    const body = 'atomic.StoreInt64(&n, atomic.LoadInt64(&n)+1)';
    expect(everyStdout(three(body)).outputs).toEqual(['1\n', '2\n', '3\n']);
  });

  it('a CompareAndSwap loop loses none', () => {
    const body = `for {
				old := atomic.LoadInt64(&n)
				if atomic.CompareAndSwapInt64(&n, old, old+1) {
					break
				}
			}`;
    expect(everyStdout(three(body))).toEqual({ complete: true, outputs: ['3\n'] });
  });

  it('the typed atomic.Int64 behaves the same', () => {
    const src = three('n.Add(2)', 'var n atomic.Int64', 'n.Load()');
    expect(everyStdout(src)).toEqual({ complete: true, outputs: ['6\n'] });
  });
});

describe('when the race detector watches atomics', () => {
  it('atomic accesses never race with each other', () => {
    const r = explore(
      compile(three('atomic.AddInt64(&n, 1)', 'var n int64', 'atomic.LoadInt64(&n)')),
      {
        race: true,
      },
    );
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.exit)).toEqual([0]);
  });

  it('a plain increment beside atomic ones is a race, in every schedule', () => {
    const body = `if atomic.AddInt64(&n, 1) == 2 {
				n++
			}`;
    const r = explore(compile(three(body)), { race: true });
    expect(r.complete).toBe(true);
    expect(new Set(r.outcomes.map((o) => `${o.exit} ${o.first}`))).toEqual(
      new Set(['66 WARNING: DATA RACE']),
    );
  });

  it('a store to an atomic flag publishes the writes before it (message passing)', () => {
    const src = (publish: string, wait: string) => `package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	var data int
	var ready int32
	go func() {
		data = 42
		${publish}
	}()
	for ${wait} {
		runtime.Gosched()
	}
	fmt.Println(data)
	_ = atomic.LoadInt32
}
`;
    const safe = explore(
      compile(src('atomic.StoreInt32(&ready, 1)', 'atomic.LoadInt32(&ready) == 0')),
      {
        race: true,
      },
    );
    expect(safe.complete).toBe(true);
    expect(safe.outcomes.map((o) => `${o.exit} ${o.stdout}`)).toEqual(['0 42\n']);
    // the same program with a plain flag: the detector sees the race on data and on the flag
    const plain = runProgram(compile(src('ready = 1', 'ready == 0')), { race: true, seed: 1 });
    expect(plain.outcome.code).toBe(66);
    expect(plain.stderr).toMatch(/WARNING: DATA RACE/);
  });
});

describe('the typed values', () => {
  const src = `package main

import (
	"fmt"
	"sync/atomic"
)

type Stats struct {
	hits atomic.Int64
	n    atomic.Int32
	ok   atomic.Bool
}

func main() {
	var s Stats
	s.hits.Add(5)
	fmt.Println(s.ok.CompareAndSwap(false, true), s.ok.CompareAndSwap(false, true))
	var u atomic.Uint32
	fmt.Println(u.Add(^uint32(0)), s.n.Add(-1), s.hits.Swap(7), s.hits.Load())
	fmt.Println(&s)
	fmt.Printf("%+v %T\\n", &s, &s.hits)
}
`;

  it('work as in Go: CompareAndSwap, Add wrapping round, Swap; print with the hidden fields', () => {
    const r = runProgram(compile(src));
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'true false',
        '4294967295 -1 5 7',
        '&{{{} {} 7} {{} -1} {{} 1}}',
        '&{hits:{_:{} _:{} v:7} n:{_:{} v:-1} ok:{_:{} v:1}} *atomic.Int64',
        '',
      ].join('\n'),
    );
  });

  it('vet reports copying one as it reports copying a lock', () => {
    const copy = src.replace('var u atomic.Uint32', 't := s\n\t_ = t\n\tvar u atomic.Uint32');
    const lines = compile(copy).vet.map((d) => d.msg);
    expect(lines).toContain(
      'assignment copies lock value to t: command-line-arguments.Stats contains sync/atomic.Int64 contains sync/atomic.noCopy',
    );
  });

  it('a nil pointer panics as Go does', () => {
    const r = runProgram(
      compile(`package main

import "sync/atomic"

func main() {
	var p *int64
	atomic.AddInt64(p, 1)
}
`),
    );
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toMatch(
      /^panic: runtime error: invalid memory address or nil pointer dereference\n/,
    );
  });
});

describe('atomic.Value (Go 1.23’s value.go)', () => {
  const src = readFileSync(new URL('../fixtures/atomic-value.go', import.meta.url), 'utf8');

  it('loads, stores, swaps and compares-and-swaps an any, with value.go’s panics', () => {
    const r = runProgram(compile(src), {});
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'true {<nil>}',
        '{4 b} true {8 c}',
        '{{8 c}} {v:{Workers:8 Name:c}} main.Config{Workers:8, Name:"c"}',
        'recovered: sync/atomic: store of inconsistently typed value into Value',
        'recovered: sync/atomic: store of nil value into Value',
        'true 1 false 1',
        '',
      ].join('\n'),
    );
  });

  it('compares as interfaces do: values that cannot be compared panic', () => {
    const r = runProgram(
      compile(
        'package main\n\nimport "sync/atomic"\n\nfunc main() {\n\tvar v atomic.Value\n\tv.Store([]int{1})\n\tv.CompareAndSwap([]int{1}, []int{2})\n}\n',
      ),
      {},
    );
    expect(r.outcome.first).toBe('panic: runtime error: comparing uncomparable type []int');
  });

  it('is not a lock to vet: copying one is no error', () => {
    const c = compileGo(
      'package main\n\nimport (\n\t"fmt"\n\t"sync/atomic"\n)\n\nfunc show(v atomic.Value) { fmt.Println(v.Load()) }\n\nfunc main() {\n\tvar v atomic.Value\n\tv.Store(1)\n\tshow(v)\n}\n',
    );
    expect(c.ok && c.program.vet).toEqual([]);
  });
});

describe('atomic.Pointer[T] (Go 1.19), the library’s generic type', () => {
  const src = readFileSync(new URL('../fixtures/atomic-pointer.go', import.meta.url), 'utf8');

  it('loads, stores, swaps and compares-and-swaps a *T; %T names its type argument', () => {
    const r = runProgram(compile(src), {});
    expect(r.stdout).toBe(
      'true <nil>\n{2} false 2\n*atomic.Pointer[main.Config] &{2}\ntrue <nil>\n',
    );
  });

  it('prints as Go’s struct does, and vet will not let it be copied', () => {
    const c = compileGo(
      'package main\n\nimport (\n\t"fmt"\n\t"sync/atomic"\n)\n\ntype C struct{ N int }\n\nfunc main() {\n\tvar p atomic.Pointer[C]\n\tfmt.Printf("%v|%+v\\n", &p, p.Load())\n\tq := p\n\t_ = q\n}\n',
    );
    if (!c.ok) throw new Error(c.diagnostics[0]?.msg);
    expect(runProgram(c.program, {}).stdout).toBe('&{[] {} <nil>}|<nil>\n');
    expect(c.program.vet.map((d) => d.msg)).toEqual([
      'assignment copies lock value to q: sync/atomic.Pointer[command-line-arguments.C] contains sync/atomic.noCopy',
    ]);
  });

  it('shows the pointer it holds among the shared variables', () => {
    const m = new Machine(compile(src), {});
    for (let i = 0; i < 9; i++) m.step(1);
    expect(snapshot(m).vars.map((v) => [v.name, v.type, v.value])).toEqual([
      ['cfg', 'atomic.Pointer[Config]', '&{1}'],
    ]);
  });

  it('tells the stage what each operation saw or left: nil, or the pointer as fmt prints one', () => {
    const m = new Machine(compile(src), { record: true });
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      m.step(1);
      for (const e of m.events) if (e.t === 'atomic') seen.push(`${e.op} ${e.value}`);
    }
    expect(seen).toEqual(['Load nil', 'Load nil', 'Store &{1}']);
  });

  it('without its type argument it is types2’s error', () => {
    expect(
      refusal(
        'package main\n\nimport "sync/atomic"\n\nfunc main() {\n\tvar p atomic.Pointer\n\t_ = &p\n}\n',
      ),
    ).toBe('6:8: cannot use generic type atomic.Pointer[T any] without instantiation');
  });
});

describe('a config replaced whole while goroutines read it', () => {
  it.each([
    ['atomic.Value', 'atomic-value.go'],
    ['atomic.Pointer[T]', 'atomic-pointer.go'],
  ])('through an %s is no race, under every schedule', (_kind, file) => {
    const src = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
    const r = explore(compile(src), { race: true, maxStates: 200_000 });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => [o.exit, o.first])).toEqual([[0, '']]);
  });
});

describe('64-bit atomics past 2^53', () => {
  it('keep a minimum from math.MaxInt64 with CompareAndSwap, under every schedule', () => {
    const src = `package main

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

func main() {
	var lowest atomic.Int64
	lowest.Store(math.MaxInt64)
	var wg sync.WaitGroup
	for _, v := range []int64{7, 3, 9} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				old := lowest.Load()
				if v >= old || lowest.CompareAndSwap(old, v) {
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println(lowest.Load())
}
`;
    expect(everyStdout(src)).toEqual({ complete: true, outputs: ['3\n'] });
  });

  it('add as Go does: ^uint64(0) subtracts one, and the greatest int64 plus one is the least', () => {
    const r = runProgram(
      compile(
        'package main\n\nimport (\n\t"fmt"\n\t"math"\n\t"sync/atomic"\n)\n\nfunc main() {\n\tvar u uint64 = 10\n\tatomic.AddUint64(&u, ^uint64(0))\n\tvar z uint64\n\tatomic.AddUint64(&z, ^uint64(0))\n\tvar n atomic.Int64\n\tn.Store(math.MaxInt64)\n\tfmt.Println(u, z, n.Add(1), n.CompareAndSwap(math.MinInt64, 0), n.Load())\n}\n',
      ),
      { seed: 1 },
    );
    expect(r.stdout).toBe('9 18446744073709551615 -9223372036854775808 true 0\n');
  });
});

describe('Go 1.23’s atomic And and Or', () => {
  it('give the old value back and leave the bits and-ed or or-ed in, for every integer kind, as methods and functions', () => {
    const c = compileGo(`package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var x atomic.Int32
	x.Store(6)
	fmt.Println(x.And(3), x.Or(8), x.Load())
	var u uint32 = 6
	fmt.Println(atomic.AndUint32(&u, 3), atomic.OrUint32(&u, 0xffffffff), u)
	var y atomic.Uint64
	y.Store(1 << 63)
	fmt.Println(y.Or(1), y.Load())
	var z int64 = -1
	fmt.Println(atomic.AndInt64(&z, 5), z)
}
`);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    expect(runProgram(c.program, { seed: 1 }).stdout).toBe(
      '6 2 10\n6 2 4294967295\n9223372036854775808 9223372036854775809\n-1 5\n',
    );
  });
});
