/**
 * The program's own generic functions and types (Go 1.18): each instance compiled for its
 * type arguments, type arguments inferred from the arguments, constraints checked, and the
 * names Go gives instances in %T and tracebacks.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram } from '../index';
import { explore } from '../explore/explore';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

function compiled(src: string) {
  const c = compileGo(src);
  if (!c.ok)
    throw new Error(c.diagnostics.map((d) => `${d.pos.line}:${d.pos.col}: ${d.msg}`).join('\n'));
  return c.program;
}

function errorsOf(src: string): string[] {
  const c = compileGo(src);
  if (c.ok) throw new Error('expected an error');
  return c.diagnostics.map((d) => formatDiagnostic('main.go', d));
}

const program = (decls: string, body: string) =>
  `package main\n\nimport "fmt"\n\n${decls}\n\nfunc main() {\n${body}\n}\n`;

describe('generic functions and types', () => {
  it('run as Go runs them: inferred and written type arguments, constraints with type sets, methods on generic types, %T', () => {
    const r = runProgram(compiled(fixture('generics.go')), { seed: 1 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '6 3.5 9',
        '[x xx xxx]',
        '7 b 2.5',
        'a=1 a',
        'main.Pair[string,int] a=1 0=false',
        '[y x] 2',
        '*main.List[string]',
        '2',
        '[b=2]',
        '',
      ].join('\n'),
    );
  });

  it('run in goroutines, defers, method values, recursion and type switches, with embedded locks', () => {
    const r = runProgram(compiled(fixture('generic-cache.go')), { seed: 1 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'nine true 1 4 [0 1 2 9]\n120 3628800 int 3 string s float64\nb 1 [a]\nbye 6\n',
    );
  });

  it('infer type arguments from the arguments and from a constraint’s core type (S ~[]E), and embed instances', () => {
    const r = runProgram(compiled(fixture('generic-inference.go')), { seed: 1 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('7 a\nmain.IDs [1] 0 3.5\nmain.IDs [2 4]\nmap[a:1] s\n');
  });

  it('give one type per list of type arguments, wherever it is written', () => {
    const r = runProgram(
      compiled(
        program(
          'type Pair[K comparable, V any] struct {\n\tK K\n\tV V\n}\n\nfunc mk[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }',
          '\tvar p Pair[string, int] = mk("a", 1)\n\tseen := map[any]bool{p: true}\n\tfmt.Println(seen[Pair[string, int]{"a", 1}], seen[mk("a", 2)], any(p) == any(mk("a", 1)))\n\tfmt.Printf("%T %T\\n", mk(1, "x"), mk(1.5, true))',
        ),
      ),
      { seed: 1 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('true false true\nmain.Pair[int,string] main.Pair[float64,bool]\n');
  });

  it('make a generic store whose explorer finds the unlocked write, named as Go names the method', () => {
    const locked = fixture('generic-store.go');
    const unlocked = locked.replace('\tm.mu.Lock()\n\tdefer m.mu.Unlock()\n', '');
    expect(unlocked).not.toBe(locked);
    const safe = explore(compiled(locked), { maxStates: 100_000 });
    expect(safe.complete).toBe(true);
    expect(safe.outcomes.map((o) => o.first || o.stdout)).toEqual(['1 true 3\n']);
    const broken = explore(compiled(unlocked), { maxStates: 100_000 });
    expect(broken.complete).toBe(true);
    const crash = broken.outcomes.find((o) => o.exit === 2);
    expect(crash?.first).toBe('fatal error: concurrent map writes');
    expect(crash?.stderr).toMatch(
      /\nmain\.\(\*SafeMap\[\.\.\.\]\)\.Set\(\.\.\.\)\n\t\S+:18\nmain\.main\.func1\(\)\n/,
    );
  });

  it('are checked by vet as written, not per instance: a value receiver copies the lock once, a T is no lock', () => {
    const vetOf = (src: string) => {
      const c = compileGo(src);
      if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
      return c.program.vet.map((d) => formatDiagnostic('main.go', d));
    };
    // (two instances of the method: one finding)
    const twice = fixture('generic-value-receiver.go').replace(
      '\tfmt.Println(t.Len())',
      '\tfmt.Println(t.Len(), SafeMap[int, int]{}.Len())',
    );
    expect(vetOf(twice)).toEqual([
      'main.go:13:9: Len passes lock by value: command-line-arguments.SafeMap[K,V] contains sync.Mutex',
      'main.go:22:7: assignment copies lock value to t: command-line-arguments.SafeMap[string,int] contains sync.Mutex',
    ]);
    // (the call copies the Mutex; inside Show, x is a T, which vet does not take for a lock)
    expect(
      vetOf(
        'package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nfunc Show[T any](x T) { fmt.Println(x) }\n\nfunc main() {\n\tvar mu sync.Mutex\n\tShow(mu)\n\tShow(1)\n}\n',
      ),
    ).toEqual(['main.go:12:7: call of Show copies lock value: sync.Mutex']);
  });

  it('refuse what gc refuses, in its words', () => {
    const max =
      'func Max[T int | float64](a, b T) T {\n\tif a > b {\n\t\treturn a\n\t}\n\treturn b\n}';
    expect(errorsOf(program(max, '\tfmt.Println(Max("a", "b"))'))).toEqual([
      'main.go:13:14: string does not satisfy int | float64 (string missing in int | float64)',
    ]);
    expect(
      errorsOf(program(max, '\tvar x int\n\tvar y float64\n\tfmt.Println(Max(x, y))')),
    ).toEqual(['main.go:15:21: type float64 of y does not match inferred type int for T']);
    expect(errorsOf(program('func F[T any](x, y T) {}', '\tF(1, "a")\n\tfmt.Println()'))).toEqual([
      'main.go:8:7: mismatched types untyped int and untyped string (cannot infer T)',
    ]);
    expect(
      errorsOf(program('func F[T any](x, y []T) {}', '\tF([]int{}, []string{})\n\tfmt.Println()')),
    ).toEqual([
      'main.go:8:13: type []string of []string{} does not match inferred type []int for []T',
    ]);
    expect(errorsOf(program('func Z[T any]() (z T) { return }', '\tfmt.Println(Z())'))).toEqual([
      'main.go:8:14: in call to Z, cannot infer T',
    ]);
    expect(
      errorsOf(program('func K[K comparable](k K) {}', '\tK([]int{})\n\tfmt.Println()')),
    ).toEqual(['main.go:8:2: []int does not satisfy comparable']);
    expect(
      errorsOf(
        program(
          'type N int\n\nfunc S[T fmt.Stringer](x T) string { return x.String() }',
          '\tfmt.Println(S(N(1)))',
        ),
      ),
    ).toEqual(['main.go:10:14: N does not satisfy fmt.Stringer (missing method String)']);
    expect(errorsOf(program('type P[T any] struct{ v T }', '\tvar p P\n\tfmt.Println(p)'))).toEqual(
      ['main.go:8:8: cannot use generic type P[T any] without instantiation'],
    );
    expect(
      errorsOf(program('type P[T any] struct{ v T }', '\tvar p P[int, int]\n\tfmt.Println(p)')),
    ).toEqual(['main.go:8:8: too many type arguments for type P: have 2, want 1']);
    expect(errorsOf(program('func F[T any](x T) {}', '\tf := F\n\tfmt.Println(f)'))).toEqual([
      'main.go:8:7: cannot use generic function F without instantiation',
    ]);
    // (a body is checked for each instance: its error is told once)
    expect(
      errorsOf(program('func F[T any](x T) {\n\ty := x\n}', '\tF(1)\n\tF("a")\n\tfmt.Println()')),
    ).toEqual(['main.go:6:2: declared and not used: y']);
  });
});

describe('a pointer method called on a variable of a non-struct type', () => {
  it('takes the variable’s address, as Go does (it crashed the compiler before)', () => {
    const r = runProgram(
      compiled(
        program(
          'type Stack []int\n\nfunc (s *Stack) Push(v int) { *s = append(*s, v) }\n\ntype C int\n\nfunc (c *C) Inc() { *c++ }',
          '\tvar s Stack\n\ts.Push(1)\n\tpush := s.Push\n\tpush(2)\n\tvar c C\n\tc.Inc()\n\tc.Inc()\n\tfmt.Println(s, c)',
        ),
      ),
      { seed: 1 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[1 2] 2\n');
  });
});
