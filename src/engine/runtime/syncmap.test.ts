/**
 * sync.Map: each method one indivisible step on the map; keys compared by type and value;
 * Range visits the entries in the order they were stored, so the explorer must keep states
 * apart by that order (a plain map's entries can be summed in any order, these cannot).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { explore } from '../explore/explore';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

const cache = compile(readFileSync(new URL('../fixtures/sync-map.go', import.meta.url), 'utf8'));

describe('when goroutines share a sync.Map', () => {
  it('LoadOrStore stores once, Load, Swap, CompareAndSwap, Delete, Range and Clear work as in Go', () => {
    expect(runProgram(cache, { seed: 1 }).stdout).toBe(
      [
        'stored by 0',
        'true true',
        '4',
        '10 true true',
        // int64(7) and 7 are different keys
        'true <nil> false',
        '[job:string 0:int 1:int]',
        'false',
        '',
      ].join('\n'),
    );
  });

  it('keys of any comparable type: a struct, a pointer, a named string apart from a string', () => {
    const r = runProgram(
      compile(`package main

import (
	"fmt"
	"sync"
)

type point struct{ x, y int }
type ID string

func main() {
	var m sync.Map
	p := &point{}
	m.Store(point{1, 2}, "a")
	m.Store(p, "ptr")
	m.Store(ID("x"), "named")
	m.Store("x", "plain")
	v, ok := m.Load(point{1, 2})
	w, _ := m.Load(p)
	_, other := m.Load(&point{})
	n, _ := m.Load(ID("x"))
	s, _ := m.Load("x")
	fmt.Println(v, ok, w, other, n, s)
	m.Range(func(k, v any) bool {
		if q, isPoint := k.(point); isPoint {
			fmt.Println(q.y, v)
		}
		return true
	})
}
`),
      {},
    );
    expect(r.stdout).toBe('a true ptr false named plain\n2 a\n');
  });

  it('every schedule: who stores first, and the order Range sees, with and without reductions', () => {
    const outcomes = (opts: object) =>
      explore(cache, { maxStates: 100_000, ...opts })
        .outcomes.map((o) => o.stdout)
        .sort();
    const full = outcomes({ reduce: false });
    expect(full).toHaveLength(6);
    expect(outcomes({})).toEqual(full);
    expect(outcomes({ proof: true })).toEqual(full);
    // no races: every method is synchronized
    expect(
      explore(cache, { race: true, maxStates: 100_000 }).outcomes.every((o) => o.exit === 0),
    ).toBe(true);
  });

  it('go vet says a copied sync.Map contains a sync.Mutex', () => {
    const p = compile(
      'package main\n\nimport "sync"\n\nfunc main() {\n\tvar a sync.Map\n\tb := a\n\t_ = &b\n}\n',
    );
    expect(p.vet.map((d) => `${d.pos.line}:${d.pos.col}: ${d.msg}`)).toEqual([
      '7:7: assignment copies lock value to b: sync.Map contains sync.Mutex',
    ]);
  });
});
