/**
 * The shared variables the UI shows: package-level variables of a basic type, locals a
 * goroutine writes from its closure or through a pointer, sync/atomic values, and the basic
 * fields of structs two goroutines point to; not the loop variables a goroutine only reads.
 * Main's locals stay visible after it returns.
 */
import { describe, expect, it } from 'vitest';
import { compileGo, formatDiagnostic, Machine, type Program } from '../index';
import { sharedVars, snapshot } from './snapshot';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

/**
 * Run round-robin to the end (recording, as the UI does), returning every distinct list of
 * variables seen on the way; the last is the list when the program has ended.
 */
function seen(src: string): string[][] {
  const m = new Machine(compile(src), { record: true });
  const lists = new Map<string, string[]>();
  for (let i = 0; i < 5_000 && !m.outcome; i++) {
    const r = m.runnable();
    if (r.length === 0) break;
    m.step(r[i % r.length] as number);
    const vs = sharedVars(m).map((v) => `${v.name} ${v.type} = ${v.value}`);
    lists.delete(vs.join(', '));
    lists.set(vs.join(', '), vs);
  }
  expect(m.outcome).not.toBeNull();
  return [...lists.values()];
}

describe('the variables shown as shared', () => {
  it('a counter the goroutines increment, to its final value after main returns', () => {
    const lists = seen(`package main

import (
	"fmt"
	"sync"
)

func main() {
	count := 0
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(i)
			count++
		}()
	}
	wg.Wait()
	fmt.Println(count)
}
`);
    // the loop variable i, captured but only read, is never listed
    expect(lists.flat().some((v) => v.startsWith('i '))).toBe(false);
    expect(lists.at(-1)).toEqual(['count int = 3']);
  });

  it('the fields of a struct the goroutines share, named through main’s pointer to it', () => {
    const lists = seen(`package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu   sync.Mutex
	hits int
	name string
}

func (c *Counter) Add() {
	c.hits++
}

func main() {
	c := &Counter{name: "views"}
	mine := &Counter{}
	_ = mine
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Add()
		}()
	}
	wg.Wait()
	fmt.Println(c.hits)
}
`);
    // (mine is main's alone: not listed)
    expect(lists.flat().some((v) => v.startsWith('mine.'))).toBe(false);
    expect(lists.at(-1)).toEqual(['c.hits int = 3', 'c.name string = "views"']);
  });

  it('an atomic field of a shared struct, by its struct’s name, once', () => {
    const lists = seen(`package main

import (
	"sync"
	"sync/atomic"
)

type Stats struct {
	hits atomic.Int64
}

func main() {
	s := &Stats{}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.hits.Add(1)
		}()
	}
	wg.Wait()
}
`);
    expect(lists.at(-1)).toEqual(['s.hits atomic.Int64 = 2']);
  });

  it('globals, locals whose address is taken, and atomics (typed or not)', () => {
    const lists = seen(`package main

import (
	"sync/atomic"
)

var name = "store"
var hits atomic.Int64

func main() {
	var n int64
	atomic.AddInt64(&n, 2)
	hits.Add(5)
	s := "x"
	_ = s
}
`);
    expect(lists.at(-1)).toEqual(['name string = "store"', 'hits atomic.Int64 = 5', 'n int64 = 2']);
  });
});

describe('goroutine 1, once package variables are set', () => {
  it('is main, not the initialiser it started with, to the end', () => {
    const m = new Machine(
      compile(
        'package main\n\nimport "fmt"\n\nvar n = 2 * 21\n\nfunc main() {\n\tfmt.Println(n)\n}\n',
      ),
      {},
    );
    const fns: string[] = [];
    while (!m.outcome) {
      m.step(1);
      fns.push(snapshot(m).goroutines[0]?.fn ?? '');
    }
    expect(fns.at(-1)).toBe('main.main');
    expect(fns[0]).toBe('main.init');
  });
});
