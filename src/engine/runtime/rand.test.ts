/**
 * math/rand (and math/rand/v2): numbers from the run's seed, so a run replays byte for byte;
 * the global source is shared, so the order in which goroutines draw decides who gets what,
 * and the explorer tries both orders.
 */
import { describe, expect, it } from 'vitest';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { explore } from '../explore/explore';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

const draws = compile(`package main

import (
	"fmt"
	"math/rand"
)

func main() {
	fmt.Println(rand.Intn(1000), rand.Intn(1000), rand.Float64() < 1, rand.Perm(4))
	rand.Seed(42)
	a := rand.Intn(1000)
	rand.Seed(42)
	fmt.Println(a == rand.Intn(1000))
	defer func() { fmt.Println(recover()) }()
	rand.Intn(0)
}
`);

describe('when a program draws random numbers', () => {
  it('the same seed gives the same numbers, and Seed starts the source again', () => {
    const a = runProgram(draws, { seed: 1 });
    const b = runProgram(draws, { seed: 1 });
    expect(a.stdout).toBe(b.stdout);
    const [first, second, third] = a.stdout.split('\n');
    expect(first).toMatch(/^\d{1,3} \d{1,3} true \[[0-3] [0-3] [0-3] [0-3]\]$/);
    expect(new Set(first?.slice(first.indexOf('[') + 1, -1).split(' '))).toEqual(
      new Set(['0', '1', '2', '3']),
    );
    expect(second).toBe('true');
    // as math/rand panics: a plain string, not a runtime error
    expect(third).toBe('invalid argument to Intn');
  });

  it('goroutines share the source: the explorer tries both orders of their draws', () => {
    const p = compile(`package main

import (
	"fmt"
	"math/rand/v2"
	"sync"
)

func main() {
	got := make([]int, 2)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = rand.IntN(1 << 30)
		}()
	}
	wg.Wait()
	fmt.Println(got[0] < got[1])
}
`);
    const r = explore(p, { maxStates: 10_000 });
    expect(r.complete).toBe(true);
    const seen = new Set(r.outcomes.map((o) => o.stdout));
    expect(seen).toEqual(new Set(['true\n', 'false\n']));
  });
});

describe('rand.Shuffle', () => {
  const src = `package main

import (
	"fmt"
	"math/rand"
)

func main() {
	xs := []string{"a", "b", "c", "d", "e", "f"}
	calls := 0
	rand.Shuffle(len(xs), func(i, j int) {
		calls++
		xs[i], xs[j] = xs[j], xs[i]
	})
	fmt.Println(xs, calls)
	defer func() { fmt.Println(recover()) }()
	rand.Shuffle(-1, func(i, j int) {})
}
`;
  it('permutes with n-1 calls of swap, the same for a seed, and refuses a negative n', () => {
    const runs = [1, 2, 3, 1].map((seed) => runProgram(compile(src), { seed }).stdout);
    for (const out of runs) {
      const [perm, tail] = out.split('\n') as [string, string];
      expect(perm.slice(1, perm.indexOf(']')).split(' ').sort()).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
      ]);
      expect(perm.endsWith(' 5')).toBe(true);
      expect(tail).toBe('invalid argument to Shuffle');
    }
    expect(runs[3]).toBe(runs[0]);
    expect(new Set(runs.slice(0, 3)).size).toBeGreaterThan(1);
  });
});

describe('a generator of the program’s own (rand.New)', () => {
  it('draws from its source: the same seed gives the same numbers whatever the run’s seed, and a Source of the program’s own runs', () => {
    const p = compile(`package main

import (
	"fmt"
	"math/rand"
)

type counter struct{ n int64 }

func (c *counter) Int63() int64 { c.n += 1 << 31; return c.n }
func (c *counter) Seed(s int64) { c.n = s }

func main() {
	r := rand.New(rand.NewSource(42))
	fmt.Println(r.Intn(1000), r.Intn(1000), r.Perm(3), r.Float64() < 1)
	r.Seed(42)
	fmt.Println(r.Intn(1000))
	fmt.Printf("%T %T\\n", r, rand.NewSource(1))
	c := &counter{}
	mine := rand.New(c)
	fmt.Println(mine.Intn(10), mine.Intn(10), c.n)
	defer func() { fmt.Println(recover()) }()
	r.Intn(0)
}
`);
    const a = runProgram(p, { seed: 1 });
    const b = runProgram(p, { seed: 99 });
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe(b.stdout);
    const [first, second, types, mine, panicked] = a.stdout.split('\n');
    const m = /^(\d{1,3}) \d{1,3} \[[0-2] [0-2] [0-2]\] true$/.exec(first ?? '');
    expect(m).not.toBeNull();
    expect(second).toBe(m?.[1]);
    expect(types).toBe('*rand.Rand *rand.rngSource');
    expect(mine).toBe('1 2 4294967296');
    expect(panicked).toBe('invalid argument to Intn');
  });

  it('is not safe to share: two goroutines drawing from one without a lock race, as under go run -race', () => {
    const p = compile(`package main

import (
	"fmt"
	"math/rand"
	"sync"
)

func main() {
	r := rand.New(rand.NewSource(7))
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = r.Intn(10)
		}()
	}
	wg.Wait()
	fmt.Println("done")
}
`);
    const r = explore(p, { race: true, maxStates: 10_000 });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.first)).toEqual(['WARNING: DATA RACE']);
    expect(r.outcomes[0]?.race).toMatch(/G\d wrote at line 16, then G\d wrote at line 16/);
  });

  it('offers the methods Go has, and says which it does not simulate', () => {
    const c = compileGo(
      'package main\n\nimport (\n\t"fmt"\n\t"math/rand"\n)\n\nfunc main() {\n\tr := rand.New(rand.NewSource(1))\n\tfmt.Println(r.NormFloat64())\n}\n',
    );
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(c.diagnostics[0]?.msg).toBe('unsupported: rand.Rand.NormFloat64 is not simulated yet');
  });
});
